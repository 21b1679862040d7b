import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import type { StaticServer } from './lib/serve'
import { Buffer } from 'node:buffer'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createSecureServer } from 'node:http2'
import process from 'node:process'
import { brotliCompressSync, constants } from 'node:zlib'
import { join } from 'pathe'
import { generate } from 'selfsigned'
import { benchBuild } from './bench/build-speed'
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

// Chrome DevTools' "Slow 4G" preset (bytes per second and milliseconds, as DevTools sets them).
const SLOW_4G = { offline: false, downloadThroughput: 1.6 * 1000 * 1000 / 8 * 0.9, uploadThroughput: 750 * 1000 / 8 * 0.9, latency: 150 * 3.75 }
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|xml|atom\+xml)|image\/svg)/

/**
 * dist/ as a static host serves it: HTTP/2 over TLS (a throwaway self-signed certificate),
 * in front of serveSite (same fallback rules), text responses brotli-compressed (quality 11,
 * compressed once and kept, like a host that precompresses at deploy time).
 */
async function serveCompressed(dir: string): Promise<StaticServer> {
  const origin = await serveSite(dir)
  const { private: key, cert } = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'ec' })
  const cache = new Map<string, { status: number, type: string, body: Buffer, encoding?: string }>()
  const server = createSecureServer({ key, cert, allowHTTP1: true }, async (req, res) => {
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
    url: `https://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise(resolve => server.close(resolve))
      await origin.close()
    },
  }
}

/**
 * Milliseconds from navigation start, in a fresh context under Slow 4G, until `selector` has
 * a box on screen, and until the first element marked `elementtiming` was painted (Chromium's
 * Element Timing API: its render time, not a guess).
 */
async function timeToVisible(browser: Browser, url: string, selector: string, viewport = { width: 1280, height: 720 }): Promise<{ ms: number, painted?: number }> {
  const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true })
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      const entry = list.getEntries()[0] as PerformanceEntry & { renderTime: number }
      ;(window as unknown as { painted?: number }).painted ??= entry.renderTime
    }).observe({ type: 'element', buffered: true })
  })
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
  const painted = await page.evaluate(() => (window as unknown as { painted?: number }).painted)
  await context.close()
  return { ms, painted }
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
