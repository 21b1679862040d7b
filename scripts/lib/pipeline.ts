import type { BuildConfig } from './config'
import type { DeckBuild } from './deck/build-deck'
import type { CheckedDeck, Deck } from './deck/decks'
import type { Layout } from './layout'
import { BuildTools } from './build-tools'
import { buildDeck } from './deck/build-deck'
import { checkDeck, checkSlugs, findDecks } from './deck/decks'
import { deckInputsHash, sharedInputsHash } from './deck/inputs-hash'
import { readBuilt } from './deck/record'
import { problems } from './deck/slidev'
import { layoutOf } from './layout'
import { writeSite } from './site/site'

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

/**
 * Builds every deck whose inputs changed (or those `config.only` names), each whole and
 * swapped into dist/ on its own, then the site around them from each deck's build.json.
 * A deck that fails keeps its last good output; the others go on.
 */
export async function build(config: BuildConfig, out: BuildLog = console): Promise<BuildResult> {
  const started = performance.now()
  const layout = layoutOf(config)
  const decks = findDecks(config.decksDir)
  const unknown = config.only.filter(slug => !decks.some(deck => deck.slug === slug))
  if (unknown.length) {
    const error = `No deck named ${unknown.map(s => `"${s}"`).join(', ')} in ${config.decksDir}. Decks: ${decks.map(d => d.slug).join(', ') || '(none)'}`
    out.error(error)
    return { decks: [], site: { listed: 0 }, error, ok: false, ms: performance.now() - started }
  }

  const results: DeckResult[] = []
  const reasons = new Set<string>()
  const fail = (slug: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
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
    const worker = async () => {
      for (let deck = queue.shift(); deck; deck = queue.shift()) {
        const t0 = performance.now()
        try {
          const built = await buildDeck(deck, layout, tools, used => deckInputsHash(deck, shared, used))
          results.push({ slug: deck.slug, status: 'built', build: built })
          out.log(`✓ ${deck.slug}  build ${seconds(built.times.build)}  pdf ${seconds(built.times.pdf)}  total ${seconds(performance.now() - t0)}  (${built.built.slides.length} slides)`)
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
      await tools.close()
    }
  }

  let site: BuildResult['site']
  try {
    site = { listed: await writeSite(layout, decks) }
    out.log(`✓ index  ${site.listed} talks  (${seconds(performance.now() - started)} in all)`)
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
