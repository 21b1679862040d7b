import type { Deck } from '../deck/decks'
import type { Layout, Thumb } from '../layout'
import type { Entry } from '../schema'
import type { IndexTalk } from './index-page'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import process from 'node:process'
import escape from 'escape-html'
import { dirname, join, relative } from 'pathe'
import { speaker } from '../../../data/speaker'
import { readBuilt } from '../deck/record'
import { root } from '../paths'
import { entriesSchema } from '../schema'
import { checkYaml } from '../yaml-check'
import { renderFeed, renderSitemap } from './feed'
import { renderIndex } from './index-page'
import { indexSite } from './search'
import { page } from './site-html'
import { renderTalkPage } from './talk-page'

// The pages around the decks: index, talk pages, feed, sitemap, 404. Written from each
// deck's build.json alone: no browser, and no deck's files are opened or changed.

export const ENTRIES_FILE = join(root, 'data/entries.yml')

export function readEntries(file = ENTRIES_FILE) {
  return checkYaml(entriesSchema, readFileSync(file, 'utf8'), relative(root, file))
}

/**
 * The talks the index lists: every deck with a finished build in dist/, with the metadata
 * of that build, so a deck whose headmatter broke keeps its place until it is fixed.
 */
export function listedTalks(decks: Deck[], layout: Layout): IndexTalk[] {
  return decks.flatMap((deck) => {
    const built = readBuilt(layout, deck.slug)
    return built ? [{ slug: deck.slug, talk: built.talk, slides: built.slides }] : []
  })
}

/** The root 404 page. Hosts like GitHub Pages answer every unknown path with it, deep links into a deck (/<slug>/7) included: for those it loads that deck's page in place, whose router then shows the slide. */
export function render404(talks: IndexTalk[], layout: Layout): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')
  const script = `(()=>{const b=${json(layout.base)},s=${json(talks.map(t => t.slug))},p=location.pathname;if(!p.startsWith(b))return;const slug=p.slice(b.length).split('/')[0];if(!s.includes(slug)||p===b+slug+'/404.html')return;
fetch(b+slug+'/index.html').then(r=>r.ok?r.text():Promise.reject(r.status)).then(h=>{document.open();document.write(h);document.close()}).catch(()=>{})})()`
  return page({
    lang: 'en',
    title: `Not found — ${speaker.name}`,
    description: 'This page does not exist.',
    base: layout.base,
    feed: layout.absolute(layout.feedPath),
    head: `<meta name="robots" content="noindex"><script>${script}</script>`,
    body: `<header><h1>Not found</h1></header>
<main id="main"><p>There is no page at this address. <a href="${escape(layout.indexPath)}">See all the talks</a>.</p></main>`,
  })
}

async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  try {
    await writeFile(tmp, content)
    await rename(tmp, file)
  }
  catch (error) {
    // A full disk leaves a truncated file: it must not stay to be deployed.
    await rm(tmp, { force: true })
    throw error
  }
}

/** A file the site has only with SITE_URL: one a build with it left would otherwise stay, with another address. */
async function writeOrRemove(file: string, content: string | undefined): Promise<void> {
  if (content === undefined)
    await rm(file, { force: true })
  else
    await writeAtomic(file, content)
}

/** Writes everything around the decks: index, talk pages, feed, sitemap, 404, favicon, _headers. Returns how many talks are listed. */
export async function writeSite(layout: Layout, decks: Deck[], entries: Entry[]): Promise<number> {
  const talks = listedTalks(decks, layout)
  const thumbs = new Map<string, Thumb>(talks.flatMap(({ slug }) =>
    existsSync(layout.deckFile(slug, 'thumbSmall')) ? [[slug, layout.thumb(slug)] as const] : []))
  for (const talk of talks)
    await writeAtomic(layout.talkPageFile(talk.slug), renderTalkPage(talk, layout, thumbs.get(talk.slug)))
  const { distDir, siteFiles } = layout
  await writeOrRemove(siteFiles.feed, renderFeed(talks, layout))
  await writeOrRemove(siteFiles.sitemap, renderSitemap(talks, layout))
  await writeAtomic(siteFiles.notFound, render404(talks, layout))
  await writeAtomic(siteFiles.index, renderIndex(talks, entries, layout, thumbs))
  copyFileSync(join(root, 'public/favicon.svg'), join(distDir, 'favicon.svg'))
  if (existsSync(join(root, 'public/_headers')))
    copyFileSync(join(root, 'public/_headers'), join(distDir, '_headers'))
  // Last: it indexes the pages as they were just written.
  await indexSite(layout)
  return talks.length
}
