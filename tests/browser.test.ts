import type { Browser, Page } from 'playwright-core'
import type { StaticServer } from '../scripts/lib/serve'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findDecks } from '../scripts/lib/deck/decks'
import { decksDir } from '../scripts/lib/paths'
import { serveBuiltSite, visibleSlides } from './harness'

const decks = findDecks(decksDir)
let browser: Browser
let server: StaticServer

/**
 * A page that records every request and every console error it sees. Slidev asks for a
 * screen wake lock while a deck plays: a desktop browser grants it to a visible page, a
 * headless shell refuses it unless told to grant it.
 */
async function openPage(): Promise<{ page: Page, requests: string[], errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, permissions: ['screen-wake-lock'] })
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', request => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(message.text())
  })
  page.on('pageerror', error => errors.push(error.message))
  return { page, requests, errors }
}

const offsite = (requests: string[]) => requests.filter(url => !url.startsWith(new URL(server.url).origin) && !/^(?:data|blob):/.test(url))

describe('the built site in Chromium', () => {
  beforeAll(async () => {
    ({ browser, server } = await serveBuiltSite())
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows every deck on the index, and a click opens the deck', async () => {
    const { page, requests, errors } = await openPage()
    await page.goto(server.url)
    for (const deck of decks)
      await expect(page.locator(`a[href="/${deck.slug}/"]`).first().isVisible()).resolves.toBe(true)
    const deck = decks[0]
    await page.locator(`a[href="/${deck.slug}/"]`).first().click()
    await page.waitForURL(new RegExp(`/${deck.slug}/1?$`))
    await page.locator('.slidev-page-1').waitFor()
    expect(offsite(requests)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it.each(decks.map(deck => [deck.slug, deck] as const))('%s: arrow keys, deep links, presenter notes, nothing leaves localhost', async (slug, deck) => {
    const slides = await visibleSlides(deck.entry)
    const { page, requests, errors } = await openPage()
    await page.goto(`${server.url}${slug}/`, { waitUntil: 'networkidle' })
    await page.locator('.slidev-page-1').waitFor()
    // A slide with click steps takes one press per step before the URL moves.
    for (let step = 0; step < 20 && !page.url().match(/\/2$/); step++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForURL(/\/2$/, { timeout: 1000 }).catch(() => {})
    }
    expect(page.url()).toMatch(new RegExp(`/${slug}/2$`))
    await page.keyboard.press('ArrowLeft')
    await page.waitForURL(new RegExp(`/${slug}/1(\\?.*)?$`))

    const last = slides.length
    await page.goto(`${server.url}${slug}/${last}`, { waitUntil: 'networkidle' })
    await page.locator(`.slidev-page-${last}`).waitFor()
    expect(await page.locator(`.slidev-page-${last}`).isVisible()).toBe(true)

    await page.goto(`${server.url}${slug}/presenter/1`, { waitUntil: 'networkidle' })
    await page.locator('.slidev-note').first().waitFor()
    expect((await page.locator('.slidev-note').first().textContent())?.trim().length).toBeGreaterThan(0)

    expect(offsite(requests)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('paints the first slide from the HTML alone, then hands over to the live deck', async () => {
    const slug = decks[0].slug
    const { page, errors } = await openPage()
    // No script runs: what is on screen came with the HTML.
    await page.route('**/*.js', route => route.abort())
    await page.goto(`${server.url}${slug}/`)
    const picture = page.locator('#first-frame img')
    await expect(picture.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).resolves.toBe(960)
    const box = await picture.boundingBox()
    expect(box?.width).toBe(1280)
    await page.unroute('**/*.js')
    errors.length = 0

    for (const path of [`${slug}/`, `${slug}/1`]) {
      await page.goto(`${server.url}${path}`)
      await page.locator('.slidev-page-1 .slidev-layout').waitFor()
      await page.locator('#first-frame').waitFor({ state: 'detached' })
    }
    // Another slide, the presenter: no picture of slide 1, and the cover goes once the app is up.
    for (const path of [`${slug}/2`, `${slug}/presenter/1`]) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'commit' })
      expect(await page.locator('#first-frame picture').count()).toBe(0)
      await page.locator('#first-frame').waitFor({ state: 'detached' })
    }
    expect(errors).toEqual([])
    await page.close()
  })
})
