import type { Browser, Page } from 'playwright-core'
import type { StaticServer } from '../scripts/lib/serve'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDeck, findDecks } from '../scripts/lib/deck/decks'
import { layoutOf } from '../scripts/lib/layout'
import { decksDir } from '../scripts/lib/paths'
import { renderTalkPage } from '../scripts/lib/site/talk-page'
import { buildSite, serveBuiltSite, visibleSlides } from './harness'

// The deck for screen readers and keyboards, and what a talk page carries for search engines
// and for its video, on the built site in a real Chromium.

const decks = await Promise.all(findDecks(decksDir).map(checkDeck))
const withVideo = decks.find(deck => deck.talk.events.some(event => event.video?.includes('youtube.com')))!
const VIDEO_HOSTS = /youtube|youtu\.be|ytimg|googlevideo|doubleclick|vimeo/
let browser: Browser
let server: StaticServer

async function openPage(javaScript = true): Promise<{ page: Page, requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: javaScript, permissions: ['screen-wake-lock'] })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', request => requests.push(request.url()))
  // The machine is offline: the player's page is answered here, after it was asked for.
  await page.route(/youtube-nocookie\.com/, route => route.fulfill({ contentType: 'text/html', body: '<p>player</p>' }))
  return { page, requests }
}

/** What a screen reader is told: the document's title, the live region's text, the `main` landmarks and whether the slide is in one. */
async function announced(page: Page) {
  return {
    title: await page.title(),
    live: (await page.locator('[aria-live="polite"]').textContent())?.trim(),
    mains: await page.locator('main, [role="main"]').count(),
    slideInMain: await page.locator('main .slidev-page:visible, [role="main"] .slidev-page:visible').count(),
  }
}

describe('the built site for screen readers, search engines and visitors', () => {
  beforeAll(async () => {
    ({ browser, server } = await serveBuiltSite())
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a deck: the title follows the slide, a live region announces it, one main landmark holds it; End and Home', async () => {
    const deck = decks.find(d => d.talk.lang === 'en')!
    const slides = await visibleSlides(deck.entry)
    const total = slides.length
    const plain = (text = '') => text.replace(/<[^>]*>/g, '').replace(/[*_`~]/g, '').replace(/\s+/g, ' ').trim()
    const titleOf = (no: number) => {
      const title = plain(slides[no - 1]!.title)
      return title && title !== deck.talk.title ? `${title} — ${deck.talk.title} (${no}/${total})` : `${deck.talk.title} (${no}/${total})`
    }
    const { page } = await openPage()
    await page.goto(`${server.url}${deck.slug}/1`, { waitUntil: 'networkidle' })
    await page.locator('.slidev-page-1').waitFor()
    await expect.poll(() => page.title()).toBe(titleOf(1))
    expect(await announced(page)).toMatchObject({ mains: 1, slideInMain: 1 })

    await page.keyboard.press('End')
    await page.waitForURL(new RegExp(`/${deck.slug}/${total}$`))
    await expect.poll(() => announced(page)).toEqual({ title: titleOf(total), live: `Slide ${total} of ${total}${plain(slides[total - 1]!.title) ? `: ${plain(slides[total - 1]!.title)}` : ''}`, mains: 1, slideInMain: 1 })

    await page.keyboard.press('Home')
    await page.waitForURL(new RegExp(`/${deck.slug}/1$`))
    await expect.poll(() => page.title()).toBe(titleOf(1))
    await expect.poll(() => announced(page).then(state => state.live)).toBe(`Slide 1 of ${total}`)

    // Slidev's own keys still work: ArrowDown is the next slide.
    await page.keyboard.press('ArrowDown')
    await page.waitForURL(new RegExp(`/${deck.slug}/2$`))
    await expect.poll(() => page.title()).toBe(titleOf(2))
    expect(titleOf(2)).not.toBe(titleOf(1))

    // The presenter keeps Slidev's own title, and Home and End there move the presenter.
    await page.goto(`${server.url}${deck.slug}/presenter/2`, { waitUntil: 'networkidle' })
    await page.locator('.slidev-note').first().waitFor()
    await expect.poll(() => page.title()).toMatch(/^Presenter - /)
    await page.keyboard.press('End')
    await page.waitForURL(new RegExp(`/${deck.slug}/presenter/${total}$`))
    await page.context().close()
  })

  it('a talk page: schema.org JSON-LD that parses, with the talk, its speakers, events and recordings', async () => {
    const { page } = await openPage()
    await page.goto(`${server.url}talks/${withVideo.slug}/`)
    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents()
    expect(scripts).toHaveLength(1)
    const ld = JSON.parse(scripts[0]!)
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'PresentationDigitalDocument',
      'name': withVideo.talk.title,
      'inLanguage': withVideo.talk.lang,
      'keywords': withVideo.talk.tags.join(', '),
      'author': [{ '@type': 'Person', 'name': 'Alexys Jacob' }, ...withVideo.talk.coSpeakers.map(name => ({ name }))],
    })
    expect(ld.datePublished).toBe([...withVideo.talk.events].sort((a, b) => a.date.localeCompare(b.date))[0]!.date)
    expect(ld.subjectOf.map((event: { name: string }) => event.name).sort()).toEqual(withVideo.talk.events.map(event => event.name).sort())
    const video = ld.subjectOf.find((event: { recordedIn?: unknown }) => event.recordedIn).recordedIn
    expect(video).toMatchObject({ '@type': 'VideoObject', 'url': withVideo.talk.events.find(event => event.video)!.video })
    // Built without SITE_URL: no address that would have to be relative.
    expect(ld.url).toBeUndefined()
    expect(await page.locator('link[rel="canonical"], meta[property="og:url"]').count()).toBe(0)
    await page.context().close()
  })

  it('a talk page: a hostile event name stays inside the JSON-LD', async () => {
    const hostile = `</script><script>window.pwned=1</script><!--<script>`
    const talk = { ...withVideo.talk, title: `${withVideo.talk.title}</script>`, events: withVideo.talk.events.map(event => ({ ...event, name: `${event.name}${hostile}` })) }
    const html = renderTalkPage({ slug: withVideo.slug, talk }, layoutOf({ distDir: '/tmp/dist', base: '/', siteUrl: 'https://example.org/' }))
    const { page } = await openPage()
    await page.route(`${server.url}hostile/`, route => route.fulfill({ contentType: 'text/html', body: html }))
    await page.goto(`${server.url}hostile/`)
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents()
    expect(scripts).toHaveLength(1)
    const ld = JSON.parse(scripts[0]!)
    expect(ld.name).toBe(talk.title)
    expect(ld.subjectOf.map((event: { name: string }) => event.name).sort()).toEqual(talk.events.map(event => event.name).sort())
    await page.context().close()
  })

  it('a talk page: the recording behind a poster, nothing asked of the video host before the click', async () => {
    const { page, requests } = await openPage()
    await page.goto(`${server.url}talks/${withVideo.slug}/`, { waitUntil: 'networkidle' })
    const poster = page.getByRole('button', { name: 'Play the recording (YouTube)' })
    expect(await poster.count()).toBe(withVideo.talk.events.filter(event => event.video).length)
    expect(await poster.first().locator('img').getAttribute('src')).toBe(`/${withVideo.slug}/thumb-320.webp`)
    await page.screenshot({ path: '.cache/talk-poster.png', fullPage: true })
    expect(requests.filter(url => VIDEO_HOSTS.test(url))).toEqual([])
    expect(await page.locator('iframe').count()).toBe(0)

    await poster.first().click()
    const player = page.locator('iframe.video-player')
    await player.waitFor()
    const id = new URL(withVideo.talk.events.find(event => event.video)!.video!).searchParams.get('v')
    expect(await player.getAttribute('src')).toBe(`https://www.youtube-nocookie.com/embed/${id}?autoplay=1`)
    expect(await player.getAttribute('title')).toMatch(/^Recording at /)
    await expect.poll(() => requests.filter(url => VIDEO_HOSTS.test(url))).toEqual([`https://www.youtube-nocookie.com/embed/${id}?autoplay=1`])
    await page.context().close()
  })

  it('a talk page without JavaScript: the poster is a link to the recording', async () => {
    const { page, requests } = await openPage(false)
    await page.goto(`${server.url}talks/${withVideo.slug}/`, { waitUntil: 'networkidle' })
    const link = page.getByRole('link', { name: 'Play the recording (YouTube)' }).first()
    expect(await link.getAttribute('href')).toBe(withVideo.talk.events.find(event => event.video)!.video)
    expect(requests.filter(url => VIDEO_HOSTS.test(url))).toEqual([])
    await page.context().close()
  })

  it('without SITE_URL: the build says so once, and writes no sitemap, feed or canonical link', async () => {
    const { stdout } = await buildSite()
    expect(stdout.match(/SITE_URL is not set/g)).toEqual(['SITE_URL is not set'])
    expect(stdout).toContain('! SITE_URL is not set: canonical links, sitemap and feed left out; set SITE_URL=https://… for a deploy')
    const { page } = await openPage()
    for (const file of ['sitemap.xml', 'feed.xml'])
      expect((await page.request.get(`${server.url}${file}`)).status(), file).toBe(404)
    await page.goto(server.url)
    expect(await page.locator('link[rel="canonical"], link[type="application/atom+xml"], meta[property="og:url"], meta[property="og:image"]').count()).toBe(0)
    await page.context().close()
  })
})
