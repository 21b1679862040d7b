import type { Browser } from 'playwright-core'
import type { Deck } from './decks'
import type { IndexTalk } from './index-page'
import type { StaticServer } from './serve'
import type { Thumb } from './site-html'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import process from 'node:process'
import escape from 'escape-html'
import { dirname, join, relative } from 'pathe'
import { speaker } from '../../data/speaker'
import { readBuilt } from './build-deck'
import { launchChromium, withDeckPage } from './chromium'
import { checkDeck, deckUrl } from './decks'
import { renderFeed, renderSitemap } from './feed'
import { readFrames, withFirstFrame } from './first-frame'
import { renderIndex } from './index-page'
import { distDir, root } from './paths'
import { entriesSchema } from './schema'
import { serveSite } from './serve'
import { metaTags, page, summary } from './site-html'
import { renderTalkPage } from './talk-page'
import { FIRST_SLIDE_FILE, renderThumbnails, thumbOf } from './thumbnails'
import { checkYaml } from './yaml-check'

export const ENTRIES_FILE = join(root, 'data/entries.yml')

export function readEntries(file = ENTRIES_FILE) {
  return checkYaml(entriesSchema, readFileSync(file, 'utf8'), relative(root, file))
}

/**
 * The talks the index lists: every deck with a built SPA in dist/. Metadata comes
 * from the headmatter when it is valid, else from the deck's last good build, so a
 * broken deck keeps its place on the index until it is fixed.
 */
export function listedTalks(decks: Deck[]): IndexTalk[] {
  return decks.flatMap((deck) => {
    const built = readBuilt(deck.slug)
    if (!built || !existsSync(join(distDir, deck.slug, 'index.html')))
      return []
    try {
      return [{ slug: deck.slug, talk: checkDeck(deck).talk }]
    }
    catch {
      return [{ slug: deck.slug, talk: built.talk }]
    }
  })
}

const META_START = '<!-- site-meta -->'
const META_END = '<!-- /site-meta -->'

/** Adds Open Graph and Twitter card tags to a built deck's HTML, replacing Slidev's bare og:title. */
export function withDeckMeta(html: string, { slug, talk }: IndexTalk, base: string, thumb?: Thumb, firstSlide: string[] = []): string {
  const preloads = preloadLinks(html, firstSlide)
  const block = `${META_START}\n<meta name="description" content="${escape(summary(talk.abstract))}">\n${metaTags({ title: talk.title, description: summary(talk.abstract), path: deckUrl(slug, base), image: thumb?.og, lang: talk.lang })}\n${preloads}${META_END}`
  const clean = html
    .replace(new RegExp(`${META_START}[\\s\\S]*?${META_END}\\n?`), '')
    .replace(/<meta property="og:title"[^>]*>/, '')
  return clean.replace('</head>', `${block}\n</head>`)
}

/**
 * Slidev loads the first slide through three levels of lazy chunks (app, player, slide), then
 * its fonts: a round trip each. Preloading what the first slide was seen to load (recorded
 * with its thumbnail) fetches them all at once, which is what a slow, high-latency network needs.
 */
function preloadLinks(html: string, files: string[]): string {
  const head = html.replace(new RegExp(`${META_START}[\\s\\S]*?${META_END}`), '')
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

/** The root 404 page. Hosts like GitHub Pages answer every unknown path with it, deep links into a deck (/<slug>/7) included: for those it loads that deck's page in place, whose router then shows the slide. */
export function render404(talks: IndexTalk[], base: string): string {
  const slugs = JSON.stringify(talks.map(t => t.slug)).replace(/</g, '\\u003c')
  const script = `(()=>{const b=${JSON.stringify(base)},s=${slugs},p=location.pathname;if(!p.startsWith(b))return;const slug=p.slice(b.length).split('/')[0];if(!s.includes(slug)||p===b+slug+'/404.html')return;
fetch(b+slug+'/index.html').then(r=>r.ok?r.text():Promise.reject(r.status)).then(h=>{document.open();document.write(h);document.close()}).catch(()=>{})})()`
  return page({
    lang: 'en',
    title: `Not found — ${speaker.name}`,
    description: 'This page does not exist.',
    base,
    head: `<meta name="robots" content="noindex"><script>${script}</script>`,
    body: `<header><h1>Not found</h1></header>
<main id="main"><p>There is no page at this address. <a href="${escape(base)}">See all the talks</a>.</p></main>`,
  })
}

async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, content)
  await rename(tmp, file)
}

/** Renders the thumbnails a deck's folder lacks: the build renders them with each deck, but output from an older build may have none. */
async function ensureThumbnails(talks: IndexTalk[], base: string): Promise<Map<string, Thumb>> {
  const missing = talks.filter(({ slug }) => !thumbOf(join(distDir, slug), deckUrl(slug, base)) || !existsSync(join(distDir, slug, FIRST_SLIDE_FILE)))
  if (missing.length) {
    let browser: Browser | undefined
    let server: StaticServer | undefined
    try {
      browser = await launchChromium()
      server = await serveSite(distDir, base)
      for (const { slug } of missing)
        await withDeckPage(browser, page => renderThumbnails(page, `${server!.url}${slug}/1`, join(distDir, slug)))
    }
    catch (error) {
      console.warn(`! thumbnails: ${(error as Error).message.split('\n')[0]} (the index shows the cards without them)`)
    }
    finally {
      await browser?.close()
      await server?.close()
    }
  }
  return new Map(talks.flatMap(({ slug }) => {
    const thumb = thumbOf(join(distDir, slug), deckUrl(slug, base))
    return thumb ? [[slug, thumb] as const] : []
  }))
}

function firstSlide(slug: string): string[] {
  try {
    return JSON.parse(readFileSync(join(distDir, slug, FIRST_SLIDE_FILE), 'utf8')) as string[]
  }
  catch {
    return []
  }
}

/** Writes everything around the decks: index, talk pages, deck metadata, feed, sitemap, 404, favicon, _headers. */
export async function writeIndex(decks: Deck[], base: string): Promise<number> {
  const talks = listedTalks(decks)
  await mkdir(distDir, { recursive: true })
  const thumbs = await ensureThumbnails(talks, base)
  for (const talk of talks) {
    await writeAtomic(join(distDir, 'talks', talk.slug, 'index.html'), renderTalkPage(talk, base, thumbs.get(talk.slug)))
    const preloads = firstSlide(talk.slug)
    const frames = readFrames(join(distDir, talk.slug))
    for (const file of ['index.html', '404.html']) {
      const path = join(distDir, talk.slug, file)
      if (existsSync(path))
        await writeAtomic(path, withFirstFrame(withDeckMeta(readFileSync(path, 'utf8'), talk, base, thumbs.get(talk.slug), preloads), frames, deckUrl(talk.slug, base), talk.talk.title))
    }
  }
  await writeAtomic(join(distDir, 'feed.xml'), renderFeed(talks, base))
  await writeAtomic(join(distDir, 'sitemap.xml'), renderSitemap(talks, base))
  await writeAtomic(join(distDir, '404.html'), render404(talks, base))
  await writeAtomic(join(distDir, 'index.html'), renderIndex(talks, readEntries(), base, thumbs))
  copyFileSync(join(root, 'public/favicon.svg'), join(distDir, 'favicon.svg'))
  if (existsSync(join(root, 'public/_headers')))
    copyFileSync(join(root, 'public/_headers'), join(distDir, '_headers'))
  return talks.length
}
