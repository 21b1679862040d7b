import type { Deck } from '../lib/deck/decks'
import { spawn } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import process from 'node:process'
import { join } from 'pathe'
import { findChromium } from '../lib/chromium'
import { findDecks } from '../lib/deck/decks'
import { decksDir, root } from '../lib/paths'
import { watchPeakMemory } from './peak-memory'

interface Timed { ms: number, peak: number, stdout: string, code: number }

function timed(args: string[], env: Record<string, string> = {}): Promise<Timed> {
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const memory = watchPeakMemory(child.pid!)
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.resume()
  return new Promise(resolve => child.on('close', code => resolve({ ms: performance.now() - started, peak: memory.stop(), stdout, code: code ?? -1 })))
}

const slidev = join(root, 'node_modules/@slidev/cli/bin/slidev.mjs')
// The command a user types, npm's start-up included.
const npmBuild = process.env.npm_execpath ? [process.env.npm_execpath, 'run', 'build'] : [join(root, 'node_modules/.bin/tsx'), join(root, 'scripts/build.ts')]

/**
 * The loop the build replaces: for each deck, `slidev build` then `slidev export` with the
 * same Chromium, one after the other (Slidev's exporter imports `playwright-chromium`, which
 * package.json aliases to playwright-core: no browser download). Without `--with-toc`, which
 * failed on one of the decks in Slidev 52.20.1: the naive PDFs have no outline, which only
 * makes the loop faster. An export that times out waiting for "networkidle" is retried once
 * waiting for "load" (Slidev's dev server sometimes keeps a connection busy).
 */
async function naiveLoop(decks: Deck[], out: string): Promise<Timed & { retried: string[] }> {
  const chromium = (await findChromium()).path
  let ms = 0
  let peak = 0
  const retried: string[] = []
  const run = async (args: string[]) => {
    const result = await timed(args)
    ms += result.ms
    peak = Math.max(peak, result.peak)
    return result.code === 0
  }
  for (const deck of decks) {
    if (!await run([slidev, 'build', deck.entry, '--base', `/${deck.slug}/`, '--out', join(out, deck.slug)]))
      throw new Error(`naive loop: slidev build failed on ${deck.slug}`)
    const exportArgs = [slidev, 'export', deck.entry, '--output', join(out, deck.slug, `${deck.slug}.pdf`), '--executable-path', chromium]
    if (await run(exportArgs))
      continue
    retried.push(deck.slug)
    if (!await run([...exportArgs, '--wait-until', 'load']))
      throw new Error(`naive loop: slidev export failed twice on ${deck.slug}`)
  }
  return { ms, peak, stdout: '', code: 0, retried }
}

/** Cold, no-op and one-deck-edited builds of copies of the decks, next to the naive loop. */
export async function benchBuild(): Promise<void> {
  const scratch = mkdtempSync(join(root, '.test-decks-build-'))
  cpSync(decksDir, scratch, { recursive: true })
  const dist = `${scratch}-dist`
  const naiveOut = `${scratch}-naive`
  const env = { TALKS_DECKS_DIR: scratch, TALKS_DIST_DIR: dist }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`
  try {
    const decks = findDecks(scratch)
    console.log(`\nBuild speed on ${decks.length} decks (copies in ${scratch.slice(root.length + 1)})`)
    const naive = await naiveLoop(decks, naiveOut)
    const cold = await timed(npmBuild, env)
    const noop = await timed(npmBuild, env)
    const edited = decks[0]
    appendFileSync(edited.entry, '\n<!-- edited by npm run bench -->\n')
    const one = await timed(npmBuild, env)
    if ([cold, noop, one].some(run => run.code !== 0))
      throw new Error('a build failed during the benchmark')
    // A deck's share of the cold build: the time the cold build spent on it, from its Slidev
    // build to its PDF and thumbnails, as the build's log prints it. Decks overlap (one builds
    // while another prints), so the cold time divided by the deck count is also shown.
    const totals = new Map([...cold.stdout.matchAll(/✓ (\S+) .*total ([\d.]+)s/g)].map(([, slug, s]) => [slug, Number(s) * 1000]))
    const share = totals.get(edited.slug)!
    const average = cold.ms / totals.size
    if (naive.retried.length)
      console.log(`(naive loop: slidev export retried with --wait-until load for ${naive.retried.join(', ')})`)
    console.table([
      { 'run': 'naive loop (slidev build + slidev export per deck)', 'time': seconds(naive.ms), 'ratio': '1.00', 'goal': '', 'peak memory': gib(naive.peak) },
      { 'run': 'cold build (empty dist/)', 'time': seconds(cold.ms), 'ratio': (cold.ms / naive.ms).toFixed(2), 'goal': '≤ 0.40 × naive', 'peak memory': gib(cold.peak) },
      { 'run': 'no-op rebuild', 'time': seconds(noop.ms), 'ratio': (noop.ms / naive.ms).toFixed(3), 'goal': '< 2 s', 'peak memory': gib(noop.peak) },
      { 'run': `one deck edited (${edited.slug})`, 'time': seconds(one.ms), 'ratio': `${(one.ms / share).toFixed(2)} × its cold share (${seconds(share)}); ${(one.ms / average).toFixed(2)} × cold ÷ decks (${seconds(average)})`, 'goal': '≤ 1.2 × its share', 'peak memory': gib(one.peak) },
    ])
  }
  finally {
    for (const dir of [scratch, dist, naiveOut])
      rmSync(dir, { recursive: true, force: true })
  }
}
