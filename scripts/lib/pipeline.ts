import type { BuildConfig } from './config'
import type { DeckBuild } from './deck/build-deck'
import type { CheckedDeck, Deck } from './deck/decks'
import type { Layout } from './layout'
import type { Entry } from './schema'
import { takeBuildLock } from './build-lock'
import { BuildTools, stopLeftoverBrowsers } from './build-tools'
import { buildDeck } from './deck/build-deck'
import { checkDeck, checkSlugs, findDecks } from './deck/decks'
import { deckInputsHash, sharedInputsHash, snapshotDeck } from './deck/inputs-hash'
import { readBuilt } from './deck/record'
import { problems } from './deck/slidev'
import { layoutOf } from './layout'
import { pruneRemovedDecks, repairOutputs } from './outputs'
import { readEntries, writeSite } from './site/site'

export type DeckResult
  = | { slug: string, status: 'built', build: DeckBuild }
    | { slug: string, status: 'up to date' }
    | { slug: string, status: 'failed', error: string }

export interface BuildResult {
  decks: DeckResult[]
  /** Talks on the index, or the reason the site pages could not be written. */
  site: { listed: number } | { error: string }
  /** A reason nothing was built (an unknown deck asked for). */
  error?: string
  ok: boolean
  ms: number
}

export interface BuildLog {
  log: (line: string) => void
  error: (line: string) => void
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

/** What a failure's system error code means for the person building. */
function explain(message: string, layout: Layout): string {
  if (/\bENOSPC\b|No space left on device/.test(message)) {
    // The bundler adds a back-trace of its own threads: of no use to the person building.
    const said = message.split('\n').filter(line => !/^\s*(?:\d+: |Stack backtrace)/.test(line)).join('\n')
    return `the disk that holds ${layout.distDir} is full (ENOSPC): free some space and build again. Nothing half-written was kept.\n${said}`
  }
  if (/\bEXDEV\b/.test(message))
    return `a file could not be moved between two disks (EXDEV): dist/ and its .stage folder must be on one disk.\n${message}`
  return message
}

/**
 * Builds every deck whose inputs changed (or those `config.only` names), each whole and
 * swapped into dist/ on its own, then the site around them from each deck's build.json.
 * A deck that fails keeps its last good output; the others go on. One build at a time
 * per checkout; `signal` (SIGINT, SIGTERM) stops it at once, browser and Slidev included.
 */
export async function build(config: BuildConfig, out: BuildLog = console, signal?: AbortSignal): Promise<BuildResult> {
  const started = performance.now()
  const stop = (error: string): BuildResult => {
    out.error(error)
    return { decks: [], site: { listed: 0 }, error, ok: false, ms: performance.now() - started }
  }
  let lock
  try {
    lock = takeBuildLock(config.root)
  }
  catch (error) {
    return stop((error as Error).message)
  }
  try {
    return await buildLocked(config, out, started, stop, lock.stale, signal)
  }
  finally {
    lock.release()
  }
}

async function buildLocked(config: BuildConfig, out: BuildLog, started: number, stop: (error: string) => BuildResult, afterKill: boolean, signal?: AbortSignal): Promise<BuildResult> {
  const layout = layoutOf(config)
  if (afterKill) {
    const browsers = stopLeftoverBrowsers(layout)
    if (browsers)
      out.log(`· stopped ${browsers} browser process(es) left running by a build that was killed`)
  }
  for (const repaired of await repairOutputs(layout))
    out.log(`· repaired ${repaired}`)

  const decks = findDecks(config.decksDir)
  const unknown = config.only.filter(slug => !decks.some(deck => deck.slug === slug))
  if (unknown.length)
    return stop(`No deck named ${unknown.map(s => `"${s}"`).join(', ')} in ${config.decksDir}. Decks: ${decks.map(d => d.slug).join(', ') || '(none)'}`)
  // The site's own data is checked before any deck is built: its errors would otherwise show only at the end.
  let entries: Entry[]
  try {
    entries = readEntries(config.entriesFile)
  }
  catch (error) {
    return stop(`${(error as Error).message}\nNothing was built: fix it first.`)
  }
  for (const slug of await pruneRemovedDecks(layout, decks))
    out.log(`· removed ${slug}  (its folder is gone from ${config.decksDir})`)

  const results: DeckResult[] = []
  const reasons = new Set<string>()
  const fail = (slug: string, error: unknown) => {
    // A deck interrupted by a stop did not fail: it keeps its last output, and the stop is said once.
    if (signal?.aborted)
      return
    const message = explain(error instanceof Error ? error.message : String(error), layout)
    results.push({ slug, status: 'failed', error: message })
    // A missing browser fails every deck the same way: say it once.
    out.error(reasons.has(message) ? `✗ ${slug}  (same reason as above)` : `✗ ${slug}\n  ${message.replace(/\n/g, '\n  ')}`)
    reasons.add(message)
  }

  const shared = sharedInputsHash(config)
  const stale = await staleDecks(config, layout, shared, decks, fail, (slug) => {
    results.push({ slug, status: 'up to date' })
    out.log(`· ${slug}  up to date`)
  })
  const slidevProblems = stale.length ? problems(config.root) : []
  if (slidevProblems.length) {
    for (const deck of stale.splice(0))
      fail(deck.slug, slidevProblems.join('\n'))
  }

  if (stale.length) {
    const tools = new BuildTools(layout, found => out.log(`· chromium  ${found.source}: ${found.path}`))
    // Chromium is found (the embedded one unpacked on first use) and started while the first deck builds.
    tools.warmUp()
    const queue = [...stale]
    const onStop = () => {
      queue.length = 0
      tools.close().catch(() => {})
    }
    signal?.addEventListener('abort', onStop, { once: true })
    const worker = async () => {
      for (let deck = queue.shift(); deck; deck = queue.shift()) {
        const t0 = performance.now()
        try {
          // What the deck is built from is read before it is built: an edit made meanwhile rebuilds it next time.
          const before = snapshotDeck(deck)
          const built = await buildDeck(deck, layout, tools, used => deckInputsHash(deck, shared, used, before))
          results.push({ slug: deck.slug, status: 'built', build: built })
          out.log(`✓ ${deck.slug}  build ${seconds(built.times.build)}  pdf ${seconds(built.times.pdf)}  handout+pptx ${seconds(built.times.exports)}  total ${seconds(performance.now() - t0)}  (${built.built.slides.length} slides)`)
          for (const warning of built.warnings)
            out.log(`  ! ${warning}`)
        }
        catch (error) {
          fail(deck.slug, error)
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: Math.min(config.jobs, queue.length) }, worker))
    }
    finally {
      signal?.removeEventListener('abort', onStop)
      await tools.close()
    }
  }
  if (signal?.aborted) {
    const built = results.filter(result => result.status === 'built').length
    return stop(`\nStopped (${String(signal.reason)}): ${built} deck(s) built; the others keep their last good output in ${config.distDir}. The site pages were not rewritten.`)
  }

  let site: BuildResult['site']
  try {
    site = { listed: await writeSite(layout, decks, entries) }
    out.log(`✓ index  ${site.listed} talks  (${seconds(performance.now() - started)} in all)`)
    if (!layout.siteUrl)
      out.log('! SITE_URL is not set: canonical links, sitemap and feed left out; set SITE_URL=https://… for a deploy')
  }
  catch (error) {
    site = { error: (error as Error).message }
    out.error(`✗ index\n  ${site.error.replace(/\n/g, '\n  ')}`)
  }
  const failed = results.filter(result => result.status === 'failed').map(result => result.slug)
  if (failed.length)
    out.error(`\n${failed.length} deck(s) failed: ${failed.join(', ')}. Their last good output, if any, is unchanged in dist/.`)
  return { decks: results, site, ok: !failed.length && !('error' in site), ms: performance.now() - started }
}

/** Checks the decks asked for and returns those whose inputs changed; reports the others as failed or up to date. */
async function staleDecks(config: BuildConfig, layout: Layout, shared: string, decks: Deck[], fail: (slug: string, error: unknown) => void, upToDate: (slug: string) => void): Promise<CheckedDeck[]> {
  const slugErrors = checkSlugs(decks)
  const stale: CheckedDeck[] = []
  for (const deck of decks.filter(deck => !config.only.length || config.only.includes(deck.slug))) {
    try {
      const error = slugErrors.get(deck.slug)
      if (error)
        throw error
      const checked = await checkDeck(deck)
      const last = readBuilt(layout, deck.slug)
      if (!config.force && last?.used && last.inputs === deckInputsHash(checked, shared, last.used))
        upToDate(deck.slug)
      else
        stale.push(checked)
    }
    catch (error) {
      fail(deck.slug, error)
    }
  }
  return stale
}
