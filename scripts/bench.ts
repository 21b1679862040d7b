import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-chromium'
import type { StaticServer } from './lib/serve'
import { Buffer } from 'node:buffer'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import process from 'node:process'
import { brotliCompressSync, constants } from 'node:zlib'
import { join } from 'pathe'
import { benchBuild } from './bench/build-speed'
import { weighPage } from './bench/weigh'
import { launchChromium } from './lib/chromium'
import { findDecks } from './lib/decks'
import { decksDir, distDir, root } from './lib/paths'
import { runBuild } from './lib/run-build'
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
  const runnable = decks.filter(deck => markdownFiles(deck.dir).some(file => /^<Runnable\b/m.test(readFileSync(file, 'utf8'))))
  console.log(`\nFirst slide weight: bytes loaded until network idle, cold cache, uncompressed`)
  console.log(`(plain = the same deck built with its <Runnable> code blocks as plain code blocks)\n`)
  // Every deck gets a plain build, so the decks without a runner show what noise looks like.
  const plainDist = buildPlainCopies(decks.map(deck => deck.slug))
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

// Chrome DevTools' "Slow 4G" preset (bytes per second and milliseconds, as DevTools sets them).
const SLOW_4G = { offline: false, downloadThroughput: 1.6 * 1000 * 1000 / 8 * 0.9, uploadThroughput: 750 * 1000 / 8 * 0.9, latency: 150 * 3.75 }
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|xml|atom\+xml)|image\/svg)/

/**
 * dist/ as a static host serves it: in front of serveSite (same fallback rules), text
 * responses go out brotli-compressed (quality 11, compressed once and kept, like a host that
 * precompresses at deploy time), with the Content-Length a host sends.
 */
async function serveCompressed(dir: string): Promise<StaticServer> {
  const origin = await serveSite(dir)
  const cache = new Map<string, { status: number, type: string, body: Buffer, encoding?: string }>()
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/'
    let entry = cache.get(url)
    if (!entry) {
      const response = await fetch(new URL(url.slice(1), origin.url))
      const type = response.headers.get('content-type') ?? 'application/octet-stream'
      const raw = Buffer.from(await response.arrayBuffer())
      entry = COMPRESSIBLE.test(type)
        ? { status: response.status, type, body: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), encoding: 'br' }
        : { status: response.status, type, body: raw }
      cache.set(url, entry)
    }
    res.writeHead(entry.status, { 'content-type': entry.type, 'content-length': entry.body.length, ...entry.encoding ? { 'content-encoding': entry.encoding, 'vary': 'accept-encoding' } : {} })
    res.end(entry.body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise(resolve => server.close(resolve))
      await origin.close()
    },
  }
}

/** Milliseconds from navigation start until `selector` has a box on screen, in a fresh context under Slow 4G. */
async function timeToVisible(browser: Browser, url: string, selector: string, viewport = { width: 1280, height: 720 }): Promise<number> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 })
  const handle = await page.waitForFunction((sel) => {
    const el = document.querySelector(sel)
    const box = el?.getBoundingClientRect()
    return box && box.width > 0 && box.height > 0 && getComputedStyle(el!).visibility !== 'hidden' ? performance.now() : false
  }, selector, { polling: 'raf', timeout: 120_000 })
  const ms = await handle.jsonValue() as number
  await context.close()
  return ms
}

async function slowNetwork(browser: Browser) {
  const site = await serveCompressed(distDir)
  // Warm the compression cache (not the browser's: every measure below starts cold).
  const decks = findDecks(decksDir)
  await weighPage(browser, site.url, 'main')
  for (const deck of decks)
    await weighPage(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1')

  const index = await weighPage(browser, site.url, 'main')
  const phone = { width: 390, height: 844 }
  const indexMs = await timeToVisible(browser, site.url, 'main article img', phone)
  console.log(`\nIndex page, brotli-compressed: ${kb(index.bytes)} transferred in ${index.requests} requests (goal: under 100 KB); first card's image on a phone under Slow 4G: ${(indexMs / 1000).toFixed(2)} s`)

  console.log(`\nTime to first slide: navigation start to the first slide on screen, headless Chromium, cold cache,`)
  console.log(`Chrome DevTools "Slow 4G" (${(SLOW_4G.downloadThroughput * 8 / 1000).toFixed(0)} kbit/s down, ${SLOW_4G.latency} ms latency), brotli-compressed like a static host (goal: 1.5 s)\n`)
  const rows = []
  for (const deck of decks) {
    const weight = await weighPage(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1')
    const ms = await timeToVisible(browser, `${site.url}${deck.slug}/1`, '.slidev-page-1 .slidev-layout')
    rows.push({ 'deck': deck.slug, 'first slide (s)': (ms / 1000).toFixed(2), 'transferred': kb(weight.bytes), 'requests': weight.requests, 'goal met': ms <= 1500 ? 'yes' : 'no' })
  }
  console.table(rows)
  await site.close()
}

// The figures are of the site as the sources say it should be: bring dist/ up to date first.
const build = runBuild()
if (build.code !== 0) {
  console.error(`npm run build failed:\n${build.stderr}`)
  process.exit(1)
}
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
// Minutes of work: only on request.
if (process.argv.includes('--build'))
  await benchBuild()
