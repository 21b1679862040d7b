import type { Browser } from 'playwright-chromium'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { join } from 'pathe'
import { benchBuild } from './lib/build-bench'
import { launchChromium } from './lib/chromium'
import { findDecks } from './lib/decks'
import { decksDir, distDir, root } from './lib/paths'
import { runBuild } from './lib/run-build'
import { serveSite } from './lib/serve'
import { weighPage } from './lib/weigh'

// `npm run bench` prints the figures the project's size goals are checked against,
// measured on the built site in dist/ (run `npm run build` first).
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
const RUNNABLE = /^<\/?Runnable\b[^>]*>\s*$/gm

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? markdownFiles(path) : path.endsWith('.md') ? [path] : []
  })
}

/** Builds copies of the decks with every <Runnable> wrapper removed: the same code blocks, plain. */
function buildPlainCopies(slugs: string[]): string {
  const scratch = mkdtempSync(join(root, '.test-decks-bench-'))
  cpSync(decksDir, scratch, { recursive: true })
  for (const file of markdownFiles(scratch))
    writeFileSync(file, readFileSync(file, 'utf8').replace(RUNNABLE, ''))
  const dist = `${scratch}-dist`
  const result = runBuild(slugs, { TALKS_DECKS_DIR: scratch, TALKS_DIST_DIR: dist })
  rmSync(scratch, { recursive: true, force: true })
  if (result.code !== 0)
    throw new Error(`building the plain-code copies failed:\n${result.stderr}`)
  return dist
}

async function firstSlideWeights(browser: Browser) {
  const decks = findDecks(decksDir)
  const runnable = decks.filter(deck => markdownFiles(deck.dir).some(file => RUNNABLE.test(readFileSync(file, 'utf8'))))
  console.log(`\nFirst slide weight: bytes loaded until network idle, cold cache, uncompressed`)
  console.log(`(plain = the same deck built with its <Runnable> code blocks as plain code blocks)\n`)
  const plainDist = runnable.length ? buildPlainCopies(runnable.map(deck => deck.slug)) : undefined
  const site = await serveSite(distDir)
  const plain = plainDist ? await serveSite(plainDist) : undefined
  const rows = []
  for (const deck of decks) {
    const real = await weighPage(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1')
    const hasRunnable = runnable.includes(deck)
    const base = hasRunnable && plain ? await weighPage(browser, `${plain.url}${deck.slug}/1`, '.slidev-page-1') : real
    rows.push({ 'deck': deck.slug, 'runnable': hasRunnable ? 'yes' : 'no', 'first slide': kb(real.bytes), 'plain build': kb(base.bytes), 'ratio': (real.bytes / base.bytes).toFixed(3), 'requests': real.requests })
  }
  console.table(rows)
  await site.close()
  await plain?.close()
  if (plainDist)
    rmSync(plainDist, { recursive: true, force: true })
}

async function indexWeight(browser: Browser) {
  const site = await serveSite(distDir)
  const index = await weighPage(browser, site.url, 'main')
  console.log(`\nIndex page: ${kb(index.bytes)} in ${index.requests} requests (goal: under 100 KB)`)
  await site.close()
}

const browser = await launchChromium()
try {
  await indexWeight(browser)
  await firstSlideWeights(browser)
}
finally {
  await browser.close()
}
// Minutes of work: only on request.
if (process.argv.includes('--build'))
  await benchBuild()
