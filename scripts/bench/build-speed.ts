import type { Deck } from '../lib/decks'
import { spawn } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import process from 'node:process'
import { join } from 'pathe'
import { findChromium } from '../lib/chromium'
import { deckUrl, findDecks } from '../lib/decks'
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
const build = join(root, 'scripts/build.ts')

/** The loop the build replaces: for each deck, `slidev build` then `slidev export`, one after the other. */
async function naiveLoop(decks: Deck[], out: string): Promise<Timed> {
  const chromium = findChromium()
  let ms = 0
  let peak = 0
  for (const deck of decks) {
    for (const args of [
      [slidev, 'build', deck.entry, '--base', deckUrl(deck.slug, '/'), '--out', join(out, deck.slug)],
      // Under Slidev's dev server the page never reaches "networkidle" here (export times out
      // after 30 s), so the loop waits for "load", as a user of this machine would have to.
      [slidev, 'export', deck.entry, '--output', join(out, deck.slug, `${deck.slug}.pdf`), '--executable-path', chromium, '--with-toc', '--wait-until', 'load'],
    ]) {
      const run = await timed(args)
      if (run.code !== 0)
        throw new Error(`naive loop failed on ${deck.slug}: slidev ${args[1]}`)
      ms += run.ms
      peak = Math.max(peak, run.peak)
    }
  }
  return { ms, peak, stdout: '', code: 0 }
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
    const cold = await timed(['--import', 'tsx', build], env)
    const noop = await timed(['--import', 'tsx', build], env)
    const edited = decks[0]
    appendFileSync(edited.entry, '\n<!-- edited by npm run bench -->\n')
    const one = await timed(['--import', 'tsx', build], env)
    const share = Number(cold.stdout.match(new RegExp(`✓ ${edited.slug} .*total ([\\d.]+)s`))?.[1] ?? Number.NaN) * 1000
    if ([cold, noop, one].some(run => run.code !== 0))
      throw new Error('a build failed during the benchmark')
    console.table([
      { 'run': 'naive loop (slidev build + slidev export per deck)', 'time': seconds(naive.ms), 'ratio': '1.00', 'goal': '', 'peak memory': gib(naive.peak) },
      { 'run': 'cold build (empty dist/)', 'time': seconds(cold.ms), 'ratio': (cold.ms / naive.ms).toFixed(2), 'goal': '≤ 0.40 × naive', 'peak memory': gib(cold.peak) },
      { 'run': 'no-op rebuild', 'time': seconds(noop.ms), 'ratio': (noop.ms / naive.ms).toFixed(3), 'goal': '< 2 s', 'peak memory': gib(noop.peak) },
      { 'run': `one deck edited (${edited.slug})`, 'time': seconds(one.ms), 'ratio': `${(one.ms / share).toFixed(2)} × its cold share (${seconds(share)})`, 'goal': '≤ 1.2 × its share', 'peak memory': gib(one.peak) },
    ])
  }
  finally {
    for (const dir of [scratch, dist, naiveOut])
      rmSync(dir, { recursive: true, force: true })
  }
}
