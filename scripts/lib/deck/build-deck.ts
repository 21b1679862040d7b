import type { BuildTools } from '../build-tools'
import type { Layout } from '../layout'
import type { CheckedDeck } from './decks'
import type { BuiltDeck } from './record'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'pathe'
import { speaker } from '../../../data/speaker'
import { checkpoint } from '../checkpoint'
import { withDeckPage } from '../chromium'
import { DECK_FILES, handoutName, pdfName, pptxName } from '../layout'
import { swapIn } from '../outputs'
import { root } from '../paths'
import { notesHtml } from '../slide-html'
import { finishDeckHtml } from './deck-html'
import { drawDeckDiagrams } from './diagrams'

export class DeckBuildError extends Error {}

export interface DeckBuild {
  built: BuiltDeck
  /** What Slidev and Vite printed while building it. */
  warnings: string[]
  /** Milliseconds of Slidev's build, of the PDF (first-slide pictures included), and of the slide pictures, handout and PPTX. */
  times: { build: number, pdf: number, exports: number }
}

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
 * Builds one deck, whole, in a staging folder: Slidev's SPA, pictures of its first slide,
 * the PDF, the handout and the PPTX, its finished page and its build.json; then swaps it
 * into dist/ in one rename.
 * A failure anywhere leaves the last good output in place.
 */
export async function buildDeck(deck: CheckedDeck, layout: Layout, tools: BuildTools, inputsHash: (used: string[]) => string): Promise<DeckBuild> {
  const { slug } = deck
  const stage = join(layout.stageDir, slug)
  const record = `${stage}.inputs`
  await rm(stage, { recursive: true, force: true })
  await rm(record, { force: true })
  await mkdir(layout.stageDir, { recursive: true })

  let started = performance.now()
  await drawDeckDiagrams(deck, () => tools.browser())
  let warnings: string[]
  try {
    warnings = await tools.slidev.build({ entry: deck.entry, base: layout.deckPath(slug), outDir: stage, record, links: layout.deckLinks(slug, deck.talk.publishNotes), withoutNotes: !deck.talk.publishNotes })
  }
  catch (error) {
    const message = (error as Error).message
    throw new DeckBuildError(`slidev build failed for ${relative(root, deck.entry)}:\n  ${message}${hints(message)}`)
  }
  const used = await readUsed(record, deck)
  const build = performance.now() - started
  checkpoint('deck-built')

  started = performance.now()
  const [{ printPdf }, { renderFirstSlide }, { readSlides }, { printHandout }, { pictureSlides, writePptx }] = await Promise.all([import('./pdf'), import('./first-slide'), import('./slide-pictures'), import('./handout'), import('./pptx')])
  const served = await tools.stageUrl()
  const stagedDeck = `${served}${slug}/`
  // Links to the build's own server become the published addresses, or go when those are not known.
  const publish = (href: string) => href.startsWith(served) ? (layout.siteUrl ? layout.published(`${layout.base}${href.slice(served.length)}`) : undefined) : href
  const meta = {
    title: deck.talk.title,
    author: [speaker.name, ...deck.talk.coSpeakers].join(', '),
    subject: deck.talk.abstract.trim(),
    keywords: deck.talk.tags,
    lang: deck.talk.lang,
  }
  // One page for all: the print routes load from the cache the first slide filled.
  const crashes: string[] = []
  let pdf = 0
  const { first, slides, pictures, notes } = await withDeckPage(await tools.browser(), async (page) => {
    // A component that throws leaves its slide half drawn, in the PDF as on screen.
    page.on('pageerror', error => crashes.push(error.message.split('\n')[0]!))
    page.on('console', message => message.type() === 'error' && crashes.push(message.text().split('\n')[0]!))
    const first = await renderFirstSlide(page, `${stagedDeck}1`, stage)
    const printed = await printPdf(page, stagedDeck, join(stage, pdfName(slug)), { meta, publish }, no => deck.slides[no - 1] ?? relative(root, deck.entry))
    pdf = performance.now() - started
    started = performance.now()
    const pictures = await pictureSlides(page)
    const texts = await readSlides(page, stage, pictures.jpegs)
    // Notes the headmatter keeps unpublished go in neither the handout, the PPTX nor build.json (published with the deck).
    const notes = deck.talk.publishNotes ? await printHandout(page, stagedDeck, join(stage, handoutName(slug)), printed, { meta, publish }) : []
    const slides = printed.map((slide, index) => ({ ...slide, html: texts[index], notes: deck.talk.publishNotes ? notesHtml(deck.notes[index]) : undefined }))
    return { first, slides, pictures, notes }
  })
  if (crashes.length)
    throw new DeckBuildError(`the deck threw in the browser while it was printed: ${[...new Set(crashes)].join('; ')}; open ${relative(root, deck.entry)} with \`npm run dev -- ${slug}\` and look at the browser's console`)
  await writePptx(join(stage, pptxName(slug)), slides, pictures, notes, meta)
  const exports = performance.now() - started

  for (const file of [DECK_FILES.page, DECK_FILES.notFoundPage]) {
    const path = join(stage, file)
    if (existsSync(path))
      await writeFile(path, finishDeckHtml(await readFile(path, 'utf8'), { slug, talk: deck.talk, preloads: first.preloads, frames: first.frames, hasThumbs: true }, layout))
  }
  const built: BuiltDeck = { slug, inputs: inputsHash(used), used, talk: deck.talk, slides }
  await writeFile(join(stage, DECK_FILES.record), `${JSON.stringify(built, null, 2)}\n`)
  await swapIn(layout, slug, stage)
  return { built, warnings, times: { build, pdf, exports } }
}

/** What to do about the failures whose fix is a package to install. */
function hints(message: string): string {
  return [...message.matchAll(/Icon `([\w-]+)\/([\w-]+)` not found/g)].map(([, set, icon]) => existsSync(join(root, 'node_modules/@iconify-json', set!))
    ? `\n  The icon set "${set}" has no icon "${icon}": check its name on https://icones.js.org/collection/${set}`
    : `\n  The icon set "${set}" is not installed: add it to the repository with \`npm install -D @iconify-json/${set}\``).join('')
}
