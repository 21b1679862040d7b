import type { Layout } from '../layout'
import type { Talk } from '../schema'
import escape from 'escape-html'
import { metaTags, summary } from '../meta'
import { dom } from './slidev'

// Where a deck's page (index.html, and its 404.html copy) gets its final form: Slidev's HTML,
// plus the deck's description and social cards, preloads of what its first slide loads, and
// a picture of that slide painted while Slidev starts. Applied in the staging folder, before
// the deck is swapped into dist/, so a deck in dist/ is always finished.

export interface DeckPageParts {
  slug: string
  talk: Talk
  /** Asset paths the first slide loads (recorded while picturing it). */
  preloads: string[]
  /** The first slide, light and dark, as data URLs. */
  frames?: { light: string, dark: string }
  /** Whether the thumbnails exist, for the social cards' image. */
  hasThumbs: boolean
}

export function finishDeckHtml(html: string, parts: DeckPageParts, layout: Layout): string {
  return withFirstFrame(withMeta(html, parts, layout), parts, layout)
}

function withMeta(html: string, { slug, talk, preloads, hasThumbs }: DeckPageParts, layout: Layout): string {
  const description = summary(talk.abstract)
  const tags = metaTags({
    title: talk.title,
    description,
    url: layout.absolute(layout.deckPath(slug)),
    image: hasThumbs ? layout.absolute(layout.thumb(slug).og) : undefined,
    lang: talk.lang,
  })
  const block = `<meta name="description" content="${escape(description)}">\n${tags}\n${preloadLinks(html, preloads)}`
  // Slidev writes a bare og:title of its own.
  return html.replace(/<meta property="og:title"[^>]*>\n?/, '').replace('</head>', `${block}</head>`)
}

/**
 * Slidev loads the first slide through three levels of lazy chunks (app, player, slide), then
 * its fonts: a round trip each. Preloading what the first slide was seen to load fetches them
 * all at once, which is what a slow, high-latency network needs.
 */
function preloadLinks(head: string, files: string[]): string {
  return files
    .filter(file => !head.includes(`"${file}"`))
    .map((file) => {
      const href = escape(file)
      if (file.endsWith('.js'))
        return `<link rel="modulepreload" crossorigin href="${href}">\n`
      if (file.endsWith('.css'))
        return `<link rel="preload" as="style" crossorigin href="${href}">\n`
      return /\.woff2?$/.test(file) ? `<link rel="preload" as="font" type="font/woff2" crossorigin href="${href}">\n` : ''
    })
    .join('')
}

const STYLESHEET = /<link rel="stylesheet"[^>]*>\n?/g

/**
 * Slidev shows nothing until its scripts, styles and the first slide's chunks have all
 * arrived: seconds on a slow mobile network. The page paints a picture of the first slide
 * from its own HTML, where Slidev's slide will be (black letterbox, slide centred), and the
 * live slide replaces it once it is on screen. Other slides and routes get the black
 * letterbox alone. Slidev's stylesheets move from the head to just after the picture: an
 * in-body stylesheet only holds back what follows it, and Slidev's module scripts still
 * wait for it, so the app never shows unstyled.
 */
function withFirstFrame(html: string, { slug, talk, frames }: DeckPageParts, layout: Layout): string {
  const stylesheets = (html.match(STYLESHEET) ?? []).map(link => link.trim())
  const clean = html.replace(STYLESHEET, '')
  if (!frames)
    return clean.replace('</head>', `${stylesheets.join('\n')}\n</head>`)
  const deckPath = JSON.stringify(layout.deckPath(slug)).replace(/</g, '\\u003c')
  const live = `(()=>{const f=document.getElementById('first-frame'),p=location.pathname.slice(${deckPath}.length).replace(/\\/+$/,''),first=p===''||p==='1';if(!first)f.querySelector('picture').remove();const sel=first?${JSON.stringify(dom.firstSlide)}:'#app > *';const tick=()=>document.querySelector(sel)?document.fonts.ready.then(()=>requestAnimationFrame(()=>f.remove())):requestAnimationFrame(tick);tick()})()`
  const block = [
    '<style>#first-frame{position:fixed;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;background:#000;pointer-events:none}#first-frame img{display:block;width:100vw;height:100vh;object-fit:contain}@media print{#first-frame{display:none}}</style>',
    `<div id="first-frame"><picture><source media="(prefers-color-scheme: dark)" srcset="${frames.dark}"><img src="${frames.light}" alt="${escape(talk.title)}" width="960" height="540" elementtiming="first-frame" fetchpriority="high"></picture></div>`,
    `<script>${live}</script>`,
    ...stylesheets,
  ].join('\n')
  return clean.replace(/<body[^>]*>/, body => `${body}\n${block}`)
}
