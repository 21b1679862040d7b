import type { Browser } from 'playwright-core'
import type { CheckedDeck } from './decks'
import type { PrintedSlide } from './pdf'
import type { Talk } from './schema'
import type { SlidevProcess } from './slidev-process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import process from 'node:process'
import { join, relative } from 'pathe'
import { speaker } from '../../data/speaker'
import { withDeckPage } from './chromium'
import { deckUrl } from './decks'
import { distDir, root, stageDir } from './paths'

export interface BuiltDeck {
  slug: string
  /** Hash of everything the output was built from (scripts/lib/inputs-hash.ts). */
  inputs: string
  /** Shared files outside the deck's folder that the bundle read, relative to the root. */
  used: string[]
  talk: Talk
  slides: PrintedSlide[]
}

/** The record each deck's output keeps about itself: what it was built from, and its slides. */
export function readBuilt(slug: string): BuiltDeck | undefined {
  const file = join(distDir, slug, 'build.json')
  if (!existsSync(file))
    return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BuiltDeck
  }
  catch {
    return undefined
  }
}

export class DeckBuildError extends Error {}

/**
 * The repository files outside the deck's folder that Vite read while bundling it, as
 * recorded by vite.config.ts: Slidev names each slide's module after its markdown file.
 */
async function readUsed(record: string, deck: CheckedDeck): Promise<string[]> {
  const ids = existsSync(record) ? (await readFile(record, 'utf8')).split('\n') : []
  const used = ids
    .map(id => id.replace(/__slidev_\d+\.\w+$/, ''))
    .filter(file => file && !file.startsWith(`${deck.dir}/`) && existsSync(file))
    .map(file => relative(root, file))
  return [...new Set(used)].sort()
}

/**
 * Builds one deck into a staging folder, prints its PDF from the built SPA, then swaps
 * it into dist/ in one rename: a failure anywhere leaves the last good output in place.
 */
export async function buildDeck(deck: CheckedDeck, options: { base: string, inputs: (used: string[]) => string, slidev: SlidevProcess, browser: () => Promise<Browser>, stageUrl: () => Promise<string> }): Promise<{ built: BuiltDeck, times: Record<string, number> }> {
  const stage = join(stageDir, deck.slug)
  await rm(stage, { recursive: true, force: true })
  await mkdir(stageDir, { recursive: true })
  const times: Record<string, number> = {}
  let started = performance.now()
  const record = `${stage}.inputs`
  await rm(record, { force: true })
  try {
    await options.slidev.build({ entry: deck.entry, base: deckUrl(deck.slug, options.base), outDir: stage, record, siteUrl: process.env.SITE_URL ?? '' })
  }
  catch (error) {
    throw new DeckBuildError(`slidev build failed for ${relative(root, deck.entry)}:\n  ${(error as Error).message}`)
  }
  const used = await readUsed(record, deck)
  const inputs = options.inputs(used)
  times.build = performance.now() - started

  started = performance.now()
  const authors = [speaker.name, ...deck.talk.coSpeakers].join(', ')
  const [{ printPdf }, { renderThumbnails }] = await Promise.all([import('./pdf'), import('./thumbnails')])
  const staged = `${await options.stageUrl()}${deck.slug}/`
  // One page for both: the PDF's route loads from the cache the thumbnails filled.
  const slides = await withDeckPage(await options.browser(), async (page) => {
    // The index's card images and the deck's first frame.
    await renderThumbnails(page, `${staged}1`, stage)
    return printPdf(page, staged, join(stage, `${deck.slug}.pdf`), {
      title: deck.talk.title,
      author: authors,
      subject: deck.talk.abstract.trim(),
      keywords: deck.talk.tags,
      lang: deck.talk.lang,
    })
  })
  times.pdf = performance.now() - started

  const built: BuiltDeck = { slug: deck.slug, inputs, used, talk: deck.talk, slides }
  await writeFile(join(stage, 'build.json'), `${JSON.stringify(built, null, 2)}\n`)
  const target = join(distDir, deck.slug)
  const old = join(stageDir, `${deck.slug}.old`)
  await mkdir(distDir, { recursive: true })
  await rm(old, { recursive: true, force: true })
  if (existsSync(target))
    await rename(target, old)
  await rename(stage, target)
  await rm(old, { recursive: true, force: true })
  return { built, times }
}
