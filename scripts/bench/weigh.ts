import type { Browser } from 'playwright-core'

/**
 * Bytes a page loads until the network is idle, in a fresh browser context (cold
 * cache), counting every response body as served (the local server does not compress).
 */
export async function weighPage(browser: Browser, url: string, ready = 'body'): Promise<{ bytes: number, requests: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ignoreHTTPSErrors: true })
  const page = await context.newPage()
  let bytes = 0
  let requests = 0
  const pending: Promise<void>[] = []
  page.on('requestfinished', (request) => {
    requests++
    // A request that finishes as the context closes has no sizes left to read.
    pending.push(request.sizes().then((sizes) => {
      bytes += sizes.responseBodySize
    }, () => {}))
  })
  await page.goto(url, { waitUntil: 'networkidle' })
  await page.locator(ready).first().waitFor()
  await page.waitForLoadState('networkidle')
  await Promise.all(pending)
  await context.close()
  return { bytes, requests }
}
