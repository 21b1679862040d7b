import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import type { StaticServer } from '../lib/serve'
import { Buffer } from 'node:buffer'
import { createSecureServer } from 'node:http2'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { generate } from 'selfsigned'
import { serveSite } from '../lib/serve'

// Chrome DevTools' "Slow 4G" preset (bytes per second and milliseconds, as DevTools sets them).
export const SLOW_4G = { offline: false, downloadThroughput: 1.6 * 1000 * 1000 / 8 * 0.9, uploadThroughput: 750 * 1000 / 8 * 0.9, latency: 150 * 3.75 }
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|xml|atom\+xml)|image\/svg)/

/**
 * dist/ as a static host serves it: HTTP/2 over TLS (a throwaway self-signed certificate),
 * in front of serveSite (same fallback rules), text responses compressed with brotli
 * (quality 11) or gzip (level 9), once and kept, like a host that precompresses at deploy time.
 */
export async function serveCompressed(dir: string, encoding: 'br' | 'gzip'): Promise<StaticServer> {
  const compress = (raw: Buffer) => encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 })
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
        ? { status: response.status, type, body: compress(raw), encoding }
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
export async function timeToVisible(browser: Browser, url: string, selector: string, viewport = { width: 1280, height: 720 }): Promise<{ ms: number, painted?: number }> {
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
