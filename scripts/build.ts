import type { Browser } from 'playwright-core'
import type { CheckedDeck } from './lib/decks'
import type { StaticServer } from './lib/serve'
import { rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import process from 'node:process'
import { buildDeck, readBuilt } from './lib/build-deck'
import { findChromium, launchChromium } from './lib/chromium'
import { checkDeck, checkSlugs, findDecks, siteBase } from './lib/decks'
import { deckInputsHash, sharedInputsHash } from './lib/inputs-hash'
import { decksDir, stageDir } from './lib/paths'
import { serveSite } from './lib/serve'
import { writeIndex } from './lib/site'
import { SlidevProcess } from './lib/slidev-process'

const args = process.argv.slice(2)
const force = args.includes('--force')
const wanted = args.filter(arg => !arg.startsWith('--'))
const base = siteBase()
const jobs = Number(process.env.BUILD_JOBS) || Math.max(1, Math.min(availableParallelism(), 4))

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`
const failures: string[] = []
const reasons = new Set<string>()
function fail(slug: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  failures.push(slug)
  // A missing browser fails every deck the same way: say it once.
  console.error(reasons.has(message) ? `✗ ${slug}  (same reason as above)` : `✗ ${slug}\n  ${message.replace(/\n/g, '\n  ')}`)
  reasons.add(message)
}

const decks = findDecks(decksDir)
const unknown = wanted.filter(slug => !decks.some(deck => deck.slug === slug))
if (unknown.length) {
  console.error(`No deck named ${unknown.map(s => `"${s}"`).join(', ')} in ${decksDir}. Decks: ${decks.map(d => d.slug).join(', ') || '(none)'}`)
  process.exit(1)
}

const slugErrors = checkSlugs(decks)
const selected = decks.filter(deck => !wanted.length || wanted.includes(deck.slug))
const checked: CheckedDeck[] = []
for (const deck of selected) {
  try {
    const error = slugErrors.get(deck.slug)
    if (error)
      throw error
    checked.push(checkDeck(deck))
  }
  catch (error) {
    fail(deck.slug, error)
  }
}

const shared = sharedInputsHash(base)
const stale: CheckedDeck[] = []
for (const deck of checked) {
  const last = readBuilt(deck.slug)
  if (!force && last?.used && last.inputs === deckInputsHash(deck, shared, last.used))
    console.log(`· ${deck.slug}  up to date`)
  else
    stale.push(deck)
}

// Chromium is found (the embedded one unpacked on first use) and started while the first
// deck builds: it is needed as soon as that build ends.
const browser: Promise<Browser> | undefined = stale.length
  ? findChromium().then((found) => {
      console.log(`· chromium  ${found.source}: ${found.path}`)
      return launchChromium()
    })
  : undefined
browser?.catch(() => {})
let server: Promise<StaticServer> | undefined
const started = performance.now()
const queue = [...stale]
const slidev = new SlidevProcess()
async function worker() {
  for (let deck = queue.shift(); deck; deck = queue.shift()) {
    try {
      const t0 = performance.now()
      const { built, times } = await buildDeck(deck, {
        base,
        inputs: used => deckInputsHash(deck, shared, used),
        slidev,
        browser: () => browser!,
        stageUrl: async () => (await (server ??= serveSite(stageDir, base))).url,
      })
      console.log(`✓ ${deck.slug}  build ${seconds(times.build)}  pdf ${seconds(times.pdf)}  total ${seconds(performance.now() - t0)}  (${built.slides.length} slides)`)
    }
    catch (error) {
      fail(deck.slug, error)
    }
  }
}
try {
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker))
}
finally {
  slidev.close()
  // A browser that failed to start has already failed every deck, with its reason.
  await browser?.then(chromium => chromium.close(), () => {})
  await (await server)?.close()
  await rm(stageDir, { recursive: true, force: true })
}

const listed = await writeIndex(decks, base)
console.log(`✓ index  ${listed} talks  (${seconds(performance.now() - started)} in all)`)
if (failures.length) {
  console.error(`\n${failures.length} deck(s) failed: ${failures.join(', ')}. Their last good output, if any, is unchanged in dist/.`)
  process.exit(1)
}
