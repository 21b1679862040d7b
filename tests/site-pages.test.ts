import type { Browser, Page } from 'playwright-core'
import type { StaticServer } from '../scripts/lib/serve'
import { readFileSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDeck, findDecks } from '../scripts/lib/deck/decks'
import { decksDir, distDir } from '../scripts/lib/paths'
import { serveBuiltSite } from './harness'

const decks = await Promise.all(findDecks(decksDir).map(checkDeck))
const french = decks.find(deck => deck.talk.lang === 'fr')!
const withVideo = decks.find(deck => deck.talk.events.some(event => event.video))!
let browser: Browser
let server: StaticServer

async function openPage(options: { scheme?: 'light' | 'dark', javaScript?: boolean, width?: number } = {}): Promise<{ page: Page, offsite: () => string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, colorScheme: options.scheme ?? 'light', javaScriptEnabled: options.javaScript ?? true })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', request => requests.push(request.url()))
  return { page, offsite: () => requests.filter(url => !url.startsWith(new URL(server.url).origin) && !/^(?:data|blob):/.test(url)) }
}

/** axe-core's WCAG 2.1 A and AA rules (colour contrast included), as "rule: target" lines for a readable failure. */
async function axeViolations(page: Page, include?: string): Promise<string[]> {
  // Best practices (landmarks, headings) apply to whole pages, not to a slide inside Slidev's app.
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...include ? [] : ['best-practice']])
  if (include)
    builder = builder.include(include)
  const results = await builder.analyze()
  return results.violations.flatMap(v => v.nodes.map(node => `${v.id}: ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1] ?? ''}`))
}

const visibleCards = (page: Page) => page.locator('main article:visible')

describe('the site around the decks, in Chromium', () => {
  beforeAll(async () => {
    // TALKS_SKIP_BUILD=1 checks an existing dist/ as it is (for work on the site step alone).
    ({ browser, server } = await serveBuiltSite())
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('index: a card per deck with a first-slide thumbnail, responsive and lazy below the fold', async () => {
    const { page, offsite } = await openPage()
    await page.goto(server.url, { waitUntil: 'networkidle' })
    const images = page.locator('main article img')
    expect(await images.count()).toBe(decks.length)
    for (const image of await images.all()) {
      expect(await image.getAttribute('srcset')).toMatch(/thumb-320\.webp 320w, .*thumb-640\.webp 640w/)
      expect(await image.getAttribute('width')).toBe('640')
      expect(await image.getAttribute('height')).toBe('360')
    }
    expect(await page.locator('main article img[loading="lazy"]').count()).toBe(decks.length - 2)
    // The eager ones are decoded pictures; every file is a real WebP.
    const loaded = await page.locator('main article img:not([loading])').evaluateAll(imgs => (imgs as HTMLImageElement[]).map(img => ({ src: img.currentSrc, width: img.naturalWidth })))
    expect(loaded).toHaveLength(2)
    for (const { src, width } of loaded) {
      expect(src).toMatch(/\/thumb-320\.webp$/) // 16rem wide at 1x: the small one is enough
      expect(width).toBeGreaterThan(200)
    }
    for (const src of await images.evaluateAll(imgs => imgs.flatMap(img => img.getAttribute('srcset')!.split(', ').map(c => c.split(' ')[0])))) {
      const body = await (await page.request.get(new URL(src, server.url).href)).body()
      expect(body.subarray(8, 12).toString('latin1'), src).toBe('WEBP')
      expect(body.length).toBeGreaterThan(1000)
    }
    expect(offsite()).toEqual([])
    await page.context().close()
  })

  it('index: filters by year, topic and language, in the URL, and a reset shows everything', async () => {
    const { page } = await openPage()
    await page.goto(server.url)
    const all = await page.locator('main article').count()
    expect(await visibleCards(page).count()).toBe(all)

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    const frenchCount = decks.filter(deck => deck.talk.lang === 'fr').length
    expect(await visibleCards(page).count()).toBe(frenchCount)
    expect(await visibleCards(page).evaluateAll(cards => cards.map(card => card.getAttribute('lang')))).toEqual(Array.from({ length: frenchCount }, () => 'fr'))
    expect(page.url()).toContain('#lang=fr')
    await expect(page.locator('#count').textContent()).resolves.toBe(`${frenchCount} of ${all} shown`)

    await page.getByRole('combobox', { name: 'Language' }).selectOption('')
    await page.getByRole('combobox', { name: 'Year' }).selectOption('2016')
    const in2016 = decks.filter(deck => deck.talk.events.some(event => event.date.startsWith('2016'))).map(deck => deck.slug).sort()
    expect((await visibleCards(page).evaluateAll(cards => cards.map(card => card.id))).filter(Boolean).sort()).toEqual(in2016)
    // Year sections with nothing left in them are hidden too.
    expect(await page.locator('main section:visible h2').allTextContents()).toEqual(['2016'])

    await page.getByRole('combobox', { name: 'Year' }).selectOption('')
    await page.getByRole('combobox', { name: 'Topic' }).selectOption('scylladb')
    const ids = await visibleCards(page).evaluateAll(cards => cards.map(card => card.id || card.querySelector('h3')!.textContent))
    expect(ids).toEqual(expect.arrayContaining(decks.filter(deck => deck.talk.tags.includes('scylladb')).map(deck => deck.slug)))
    expect(ids.length).toBeLessThan(all)

    // A shared link with a filter opens filtered; "Show all" clears it.
    await page.goto(`${server.url}#lang=fr`)
    expect(await visibleCards(page).count()).toBe(frenchCount)
    await page.getByRole('button', { name: 'Show all' }).click()
    await expect.poll(() => visibleCards(page).count()).toBe(all)
    await page.context().close()
  })

  it('index without JavaScript: the full list, and no filter controls', async () => {
    const { page } = await openPage({ javaScript: false })
    await page.goto(server.url)
    expect(await visibleCards(page).count()).toBe(await page.locator('main article').count())
    expect(await page.locator('#filters').isVisible()).toBe(false)
    await page.context().close()
  })

  it('a talk page: abstract, every event with its video, slides, PDF, its language', async () => {
    for (const deck of [french, withVideo]) {
      const { page } = await openPage()
      const response = await page.goto(`${server.url}talks/${deck.slug}/`)
      expect(response?.status()).toBe(200)
      expect(await page.locator('html').getAttribute('lang')).toBe(deck.talk.lang)
      await expect(page.locator('h1').textContent()).resolves.toBe(deck.talk.title)
      expect((await page.locator('.abstract').textContent())?.replace(/\s+/g, ' ')).toBe(deck.talk.abstract.replace(/\s+/g, ' ').trim())
      const events = await page.locator('.events li').allTextContents()
      expect(events).toHaveLength(deck.talk.events.length)
      for (const event of deck.talk.events) {
        expect(events.some(text => text.includes(event.name) && text.includes(event.city))).toBe(true)
        if (event.video)
          expect(await page.locator(`.events a[href="${event.video}"]`).count()).toBe(1)
      }
      const pdf = await page.request.get(`${server.url}${deck.slug}/${deck.slug}.pdf`)
      expect(pdf.status()).toBe(200)
      expect(await page.locator(`a[href="/${deck.slug}/${deck.slug}.pdf"]`).count()).toBe(1)
      await page.locator(`.links a[href="/${deck.slug}/"]`).click()
      await page.locator('.slidev-page-1').waitFor()
      await page.context().close()
    }
  })

  it('open Graph and Twitter cards on the index, a talk page and a deck; the card picture is built for a deploy', async () => {
    const { page } = await openPage()
    const deck = withVideo
    for (const [path, title] of [['', undefined], [`talks/${deck.slug}/`, deck.talk.title], [`${deck.slug}/`, deck.talk.title]] as const) {
      await page.goto(`${server.url}${path}`)
      const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content')
      expect(await meta('og:title'), path).toBe(title ?? 'Alexys Jacob — talks')
      expect((await meta('og:description'))!.length).toBeGreaterThan(20)
      expect(await page.locator('meta[property="og:title"]').count()).toBe(1)
      // Built without SITE_URL: Open Graph takes absolute addresses only, so no picture nor address.
      expect(await page.locator('meta[property="og:image"], meta[name="twitter:image"], meta[property="og:url"]').count()).toBe(0)
      expect(await meta('twitter:card')).toBe('summary')
    }
    const response = await page.request.get(`${server.url}${deck.slug}/og.jpg`)
    expect(response.headers()['content-type']).toBe('image/jpeg')
    await page.context().close()
  })

  it('favicon and 404 page are served from the site root', async () => {
    const { page } = await openPage()
    expect((await page.request.get(`${server.url}favicon.svg`)).status()).toBe(200)
    await page.goto(`${server.url}404.html`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Not found')
    await page.context().close()
  })

  it('404.html opens a deep link into a deck on hosts that answer unknown paths with it (GitHub Pages)', async () => {
    const { page } = await openPage()
    const root404 = readFileSync(join(distDir, '404.html'), 'utf8')
    const deck = decks[0]
    await page.route(`${server.url}${deck.slug}/3`, route => route.fulfill({ status: 404, contentType: 'text/html', body: root404 }))
    await page.goto(`${server.url}${deck.slug}/3`)
    await page.locator('.slidev-page-3').waitFor()
    expect(await page.locator('.slidev-page-3').isVisible()).toBe(true)
    await page.context().close()
  })

  it.each([['light'], ['dark']] as const)('zero axe-core violations (WCAG A/AA, contrast) on the index, a talk page and a deck\'s first slide, %s scheme', async (scheme) => {
    const { page } = await openPage({ scheme })
    await page.goto(server.url, { waitUntil: 'networkidle' })
    expect(await axeViolations(page), 'index').toEqual([])
    await page.goto(`${server.url}talks/${french.slug}/`, { waitUntil: 'networkidle' })
    expect(await axeViolations(page), 'talk page').toEqual([])
    await page.goto(`${server.url}${withVideo.slug}/1`, { waitUntil: 'networkidle' })
    await page.locator('.slidev-page-1').waitFor()
    // The slide itself: Slidev's own navigation bar nests a button in a button (upstream, not ours to fix).
    expect(await axeViolations(page, '#slide-content'), 'deck').toEqual([])
    await page.context().close()
  })

  it('keyboard: Tab reaches the filters and the talk links, with a visible focus ring', async () => {
    const { page } = await openPage()
    await page.goto(server.url)
    const seen: { tag: string, outline: string }[] = []
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab')
      seen.push(await page.evaluate(() => {
        const el = document.activeElement as HTMLElement
        const style = getComputedStyle(el)
        return { tag: `${el.tagName.toLowerCase()}${el.getAttribute('href') ? `[href=${el.getAttribute('href')}]` : ''}`, outline: `${style.outlineStyle} ${style.outlineWidth}` }
      }))
    }
    expect(seen.map(s => s.tag)).toContain('select')
    expect(seen.some(s => s.tag.startsWith('a[href=/talks/'))).toBe(true)
    for (const item of seen)
      expect(item.outline, item.tag).toBe('solid 3px')
    await page.context().close()
  })
})
