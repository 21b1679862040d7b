import type { Browser } from 'playwright-core'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'pathe'
import { findChromium, launchChromium } from '../lib/chromium'
import { findDecks } from '../lib/deck/decks'
import { decksDir, distDir } from '../lib/paths'
import { serveCompressed, timeToVisible } from './network'

// A deck as a phone user meets it: opened cold on a 390×844 phone, served gzip-compressed,
// left on its first slide. Lighthouse (pinned in package.json) runs its mobile preset in the
// bench's own Chromium, through the debugging port: it never downloads a browser.

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }
const WINDOW_MS = 8000
const RUNS = 3
const GOALS = { transferred: 300 * 1024, median: 250 * 1024, score: 90, tbt: 200, live: 2000, assets: 1.5 * 1024 * 1024 }

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
}

/** Bytes over the wire (compressed bodies and headers) in the first 8 s on the first slide, and the elements on the page then. */
async function firstSeconds(browser: Browser, url: string): Promise<{ bytes: number, elements: number }> {
  const context = await browser.newContext({ ...PHONE, ignoreHTTPSErrors: true })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  let bytes = 0
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength
  })
  const started = performance.now()
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForTimeout(WINDOW_MS - (performance.now() - started))
  const counted = bytes
  // Shadow roots too: a diagram's SVG is in one.
  // A string, not a function: tsx's name helpers do not exist in the page. Shadow roots count too: a diagram is in one.
  const elements = await page.evaluate<number>(`(() => {
    const count = root => [...root.querySelectorAll('*')].reduce((sum, element) => sum + 1 + (element.shadowRoot ? count(element.shadowRoot) : 0), 0)
    return count(document)
  })()`)
  await context.close()
  return { bytes: counted, elements }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise(resolve => server.close(resolve))
  return port
}

/** Lighthouse's mobile performance score and total blocking time, medians of RUNS runs. */
async function lighthouseMedians(port: number, url: string): Promise<{ score: number, tbt: number }> {
  const { default: lighthouse } = await import('lighthouse')
  const scores: number[] = []
  const tbts: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const result = await lighthouse(url, { port, logLevel: 'error', onlyCategories: ['performance'] })
    if (!result)
      throw new Error(`Lighthouse returned nothing for ${url}`)
    const { categories, audits, runtimeError } = result.lhr
    if (runtimeError)
      throw new Error(`Lighthouse failed on ${url}: ${runtimeError.message}`)
    scores.push(Math.round((categories.performance?.score ?? 0) * 100))
    tbts.push(audits['total-blocking-time']?.numericValue ?? Number.NaN)
  }
  return { score: median(scores), tbt: median(tbts) }
}

/** Prints the phone figures of every deck built in `dist` (by default the project's dist/). */
export async function phoneFigures(dist = distDir): Promise<void> {
  const port = await freePort()
  // Lighthouse drives this browser through its debugging port; the site's certificate is a throwaway one.
  const browser = await launchChromium(await findChromium(), [`--remote-debugging-port=${port}`, '--ignore-certificate-errors'])
  const site = await serveCompressed(dist, 'gzip')
  try {
    const decks = findDecks(decksDir).filter(deck => existsSync(join(dist, deck.slug, 'index.html')))
    console.log(`\nOn a phone: ${PHONE.viewport.width}×${PHONE.viewport.height}, cold cache, gzip, HTTP/2. "8 s": bytes transferred while the first slide stays open 8 s (goal ≤ ${kb(GOALS.transferred)}, median ≤ ${kb(GOALS.median)});`)
    console.log(`Lighthouse mobile performance and total blocking time, median of ${RUNS} runs (goals ≥ ${GOALS.score}, ≤ ${GOALS.tbt} ms); DOM elements after 8 s;`)
    console.log(`live first slide under Slow 4G (goal ≤ ${GOALS.live / 1000} s); the deck's assets/ folder, uncompressed (goal ≤ ${(GOALS.assets / 1024 / 1024).toFixed(1)} MB).\n`)
    const rows = []
    const transferred: number[] = []
    for (const deck of decks) {
      const url = `${site.url}${deck.slug}/1`
      // The first request of each file compresses it; the figures below are of a warm server.
      await firstSeconds(browser, url)
      const seconds = await firstSeconds(browser, url)
      const { ms: live } = await timeToVisible(browser, url, '.slidev-page-1 .slidev-layout', PHONE.viewport)
      const { score, tbt } = await lighthouseMedians(port, url)
      const assets = folderBytes(join(dist, deck.slug, 'assets'))
      transferred.push(seconds.bytes)
      const met = seconds.bytes <= GOALS.transferred && score >= GOALS.score && tbt <= GOALS.tbt && live <= GOALS.live && assets <= GOALS.assets
      rows.push({ 'deck': deck.slug, '8 s': kb(seconds.bytes), 'Lighthouse': score, 'TBT (ms)': Math.round(tbt), 'DOM': seconds.elements, 'live Slow 4G (s)': (live / 1000).toFixed(2), 'assets': `${(assets / 1024 / 1024).toFixed(2)} MB`, 'goals met': met ? 'yes' : 'no' })
    }
    console.table(rows)
    console.log(`Median transferred in 8 s: ${kb(median(transferred))} (goal ≤ ${kb(GOALS.median)})`)
  }
  finally {
    await site.close()
    await browser.close()
  }
}
