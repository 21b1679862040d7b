import type { Browser } from 'playwright-core'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { join } from 'pathe'
import { benchBuild } from './bench/build-speed'
import { serveCompressed, SLOW_4G, timeToVisible } from './bench/network'
import { phoneFigures } from './bench/phone'
import { siteSize, siteSizeReport } from './bench/site-size'
import { weighPage } from './bench/weigh'
import { launchChromium } from './lib/chromium'
import { readConfig } from './lib/config'
import { findDecks } from './lib/deck/decks'
import { decksDir, distDir, root } from './lib/paths'
import { build } from './lib/pipeline'
import { serveSite } from './lib/serve'

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
async function buildPlainCopies(slugs: string[]): Promise<string> {
  const scratch = mkdtempSync(join(root, '.test-decks-bench-'))
  cpSync(decksDir, scratch, { recursive: true })
  for (const file of markdownFiles(scratch))
    writeFileSync(file, readFileSync(file, 'utf8').replace(RUNNABLE, ''))
  const dist = `${scratch}-dist`
  const result = await build({ ...readConfig(slugs), decksDir: scratch, distDir: dist })
  rmSync(scratch, { recursive: true, force: true })
  if (!result.ok)
    throw new Error('building the plain-code copies failed (see above)')
  return dist
}

async function firstSlideWeights(browser: Browser) {
  const decks = findDecks(decksDir)
  const runnable = decks.filter(deck => markdownFiles(deck.dir).some(file => /^<Runnable\b/m.test(readFileSync(file, 'utf8'))))
  console.log(`\nFirst slide weight: bytes loaded until network idle, cold cache, uncompressed`)
  console.log(`(plain = the same deck built with its <Runnable> code blocks as plain code blocks)\n`)
  // Every deck gets a plain build, so the decks without a runner show what noise looks like.
  const plainDist = await buildPlainCopies(decks.map(deck => deck.slug))
  const site = await serveSite(distDir)
  const plain = await serveSite(plainDist)
  const rows = []
  for (const deck of decks) {
    const real = await weighPage(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1')
    const hasRunnable = runnable.includes(deck)
    const base = await weighPage(browser, `${plain.url}${deck.slug}/1`, '.slidev-page-1')
    rows.push({ 'deck': deck.slug, 'runnable': hasRunnable ? 'yes' : 'no', 'first slide': kb(real.bytes), 'plain build': kb(base.bytes), 'ratio': (real.bytes / base.bytes).toFixed(3), 'requests': real.requests })
  }
  console.table(rows)
  await site.close()
  await plain.close()
  rmSync(plainDist, { recursive: true, force: true })
}

async function indexWeight(browser: Browser) {
  const site = await serveSite(distDir)
  const index = await weighPage(browser, site.url, 'main')
  console.log(`\nIndex page: ${kb(index.bytes)} in ${index.requests} requests (goal: under 100 KB)`)
  await site.close()
}

async function slowNetwork(browser: Browser) {
  const site = await serveCompressed(distDir, 'br')
  // Warm the compression cache (not the browser's: every measure below starts cold).
  const decks = findDecks(decksDir)
  await weighPage(browser, site.url, 'main')
  for (const deck of decks)
    await weighPage(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1')

  const index = await weighPage(browser, site.url, 'main')
  const phone = { width: 390, height: 844 }
  const { ms: indexMs } = await timeToVisible(browser, site.url, 'main article img', phone)
  console.log(`\nIndex page, brotli-compressed: ${kb(index.bytes)} transferred in ${index.requests} requests (goal: under 100 KB); first card's image on a phone under Slow 4G: ${(indexMs / 1000).toFixed(2)} s`)

  console.log(`\nTime to first slide: navigation start to the first slide on screen, headless Chromium, cold cache,`)
  console.log(`Chrome DevTools "Slow 4G" (${(SLOW_4G.downloadThroughput * 8 / 1000).toFixed(0)} kbit/s down, ${SLOW_4G.latency} ms latency), HTTP/2 + brotli like a static host (goal: 1.5 s).`)
  console.log(`"picture": the first slide painted from the page's own HTML; "live": Slidev's slide, interactive.\n`)
  const rows = []
  for (const deck of decks) {
    const weight = await weighPage(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1')
    const { ms, painted } = await timeToVisible(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1 .slidev-layout')
    const first = Math.min(ms, painted ?? ms)
    rows.push({ 'deck': deck.slug, 'picture (s)': painted ? (painted / 1000).toFixed(2) : '-', 'live (s)': (ms / 1000).toFixed(2), 'transferred': kb(weight.bytes), 'requests': weight.requests, 'goal met': first <= 1500 ? 'yes' : 'no' })
  }
  console.table(rows)
  await site.close()
}

if (process.argv.includes('--build')) {
  // Minutes of work of its own, on copies of the decks: only on request.
  await benchBuild()
  process.exit(0)
}

// The figures are of the site as the sources say it should be: bring dist/ up to date first.
if (!(await build(readConfig())).ok) {
  console.error('npm run build failed (see above)')
  process.exit(1)
}
if (process.argv.includes('--phone')) {
  await phoneFigures()
  process.exit(0)
}
console.log(`\n${siteSizeReport(siteSize(distDir))}`)
const browser = await launchChromium()
try {
  await indexWeight(browser)
  await slowNetwork(browser)
  if (!process.argv.includes('--slow-only'))
    await firstSlideWeights(browser)
}
finally {
  await browser.close()
}
await phoneFigures()
