import { existsSync, readFileSync } from 'node:fs'
import escape from 'escape-html'
import { join } from 'pathe'
import { FRAME_FILES } from './thumbnails'

const START = '<!-- first-frame -->'
const END = '<!-- /first-frame -->'
const STYLESHEET = /<link rel="stylesheet"[^>]*>\n?/g

/** The first slide's pictures (light and dark) as data URLs, if the build rendered them. */
export function readFrames(deckDir: string): { light: string, dark: string } | undefined {
  const files = Object.values(FRAME_FILES).map(file => join(deckDir, file))
  if (!files.every(file => existsSync(file)))
    return undefined
  const [light, dark] = files.map(file => `data:image/webp;base64,${readFileSync(file).toString('base64')}`)
  return { light, dark }
}

/**
 * Slidev shows nothing until its scripts, styles and the first slide's chunks have all
 * arrived: seconds on a slow mobile network. The page now paints a picture of the first
 * slide from its own HTML, where Slidev's slide will be (black letterbox, slide centred),
 * and the live slide replaces it once it is on screen. Other slides and routes get the
 * black letterbox alone. Slidev's stylesheets move from the head to just after the
 * picture: an in-body stylesheet only holds back what follows it, and Slidev's module
 * scripts still wait for it, so the app never shows unstyled.
 */
export function withFirstFrame(html: string, frames: { light: string, dark: string } | undefined, deckPath: string, alt: string): string {
  const stylesheets = (html.match(STYLESHEET) ?? []).map(link => link.trim())
  const clean = html.replace(new RegExp(`${START}[\\s\\S]*?${END}\\n?`, 'g'), '').replace(STYLESHEET, '')
  if (!frames)
    return clean.replace('</head>', `${stylesheets.join('\n')}\n</head>`)
  const live = `(()=>{const f=document.getElementById('first-frame'),p=location.pathname.slice(${JSON.stringify(deckPath).replace(/</g, '\\u003c')}.length).replace(/\\/+$/,''),first=p===''||p==='1';if(!first)f.querySelector('picture').remove();const sel=first?'.slidev-page-1 .slidev-layout':'#app > *';const tick=()=>document.querySelector(sel)?document.fonts.ready.then(()=>requestAnimationFrame(()=>f.remove())):requestAnimationFrame(tick);tick()})()`
  const block = [
    START,
    '<style>#first-frame{position:fixed;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;background:#000;pointer-events:none}#first-frame img{display:block;width:100vw;height:100vh;object-fit:contain}@media print{#first-frame{display:none}}</style>',
    `<div id="first-frame"><picture><source media="(prefers-color-scheme: dark)" srcset="${frames.dark}"><img src="${frames.light}" alt="${escape(alt)}" width="960" height="540" elementtiming="first-frame" fetchpriority="high"></picture></div>`,
    `<script>${live}</script>`,
    ...stylesheets,
    END,
  ].join('\n')
  return clean.replace(/<body[^>]*>/, body => `${body}\n${block}`)
}
