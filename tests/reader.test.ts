import type { Browser, Page } from 'playwright-core'
import type { BuiltDeck } from '../scripts/lib/deck/record'
import type { StaticServer } from '../scripts/lib/serve'
import type { RunResult } from './harness'
import { readdirSync, readFileSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { launchChromium } from '../scripts/lib/chromium'
import { layoutOf } from '../scripts/lib/layout'
import { root } from '../scripts/lib/paths'
import { talkSchema } from '../scripts/lib/schema'
import { serveSite } from '../scripts/lib/serve'
import { renderReader } from '../scripts/lib/site/reader'
import { cleanSlideHtml, notesHtml } from '../scripts/lib/slide-html'
import { runBuild, scratchDecks, visibleSlides } from './harness'
import { readPdf } from './pdf'

// The talk pages' reader view and the site's search, on two fixture decks built for real:
// one publishes its notes, the other keeps them private and carries hostile markup.
const NOTES = '2099-testconf-pipeline'
const HOSTILE = '2099-testconf-reader'
// A word of the hostile deck that only one of its slides holds: not its title, abstract or notes.
const SLIDE_ONLY_WORD = 'Quuxinator'

describe('no slide markup but the allowed survives', () => {
  it('keeps headings, lists, tables, code, emphasis and web links, and drops the rest with its attributes', () => {
    const html = cleanSlideHtml(`<div class="slidev-layout" onclick="x()"><h1 style="color:red">Title<svg><title>icon</title></svg></h1>
<div>one</div><div>two</div><script>alert(1)</script><style>p{}</style><img src=x onerror="alert(1)"><iframe srcdoc="<p>framed</p>"></iframe>
<ul><li><b>bold</b> <i>it</i></li><li><svg></svg></li></ul><table><tr><th></th><th>a</th></tr><tr><td>1</td><td></td></tr></table><pre class="shiki"><code><span style="c">a &lt; b</span></code></pre>
<a href="javascript:alert(1)">js</a> <a href="/deck/2">path</a> <a href="https://example.com/?a=1&b=2" target="_blank">web</a> <button>+ node</button></div>`)
    expect(html).toBe(`<h1>Title</h1>
one
two

<ul><li><strong>bold</strong> <em>it</em></li></ul><table><tr><td></td><th>a</th></tr><tr><td>1</td><td></td></tr></table><pre><code>a &lt; b</code></pre>
js path <a href="https://example.com/?a=1&amp;b=2">web</a>`)
  })

  it('moves headings down the outline for the page that holds them', () => {
    expect(cleanSlideHtml('<h1>A</h1><h3>B</h3>', level => level + 2)).toBe('<h3>A</h3><h5>B</h5>')
  })

  it('renders notes from Markdown, their raw HTML as text', () => {
    expect(notesHtml('Some **notes** <script>alert(1)</script> [run](javascript:alert(1)) [read](https://example.com/)')).toBe('<p>Some <strong>notes</strong> &lt;script&gt;alert(1)&lt;/script&gt; [run](javascript:alert(1)) <a href="https://example.com/">read</a></p>')
    expect(notesHtml('  ')).toBe('')
  })
})

describe('the reader view from a build.json it cannot trust', () => {
  const layout = layoutOf({ distDir: '/tmp/dist', base: '/', siteUrl: '' })
  const talk = talkSchema.parse(parse(readFileSync(join(root, 'tests/fixtures', HOSTILE, 'slides.md'), 'utf8').split('---\n')[1]!))
  const slides = [{ no: 1, title: 'A "title" <b>', html: '<h2 onclick="x()">Kept</h2><script>alert(1)</script><img src=x onerror="alert(1)">', notes: '<p>Private</p>' }]

  it('cleans the slide HTML again where it lands, and escapes the title in the alt text', () => {
    const html = renderReader(HOSTILE, { ...talk, publishNotes: true }, slides, layout)
    expect(html).toContain('<div class="slide-text"><h3>Kept</h3></div>')
    expect(html).toContain('alt="A &quot;title&quot; &lt;b&gt;"')
    expect(html).not.toMatch(/<script|onerror|onclick/)
    expect(html).toContain('<p>Private</p>')
  })

  it('leaves out notes an older build kept, once the deck stops publishing them', () => {
    expect(renderReader(HOSTILE, talk, slides, layout)).not.toContain('Private')
  })
})

describe('reader view and search on built fixture decks, in Chromium', () => {
  const scratch = scratchDecks([NOTES, HOSTILE])
  let run: RunResult
  let browser: Browser
  let server: StaticServer
  const built = (slug: string) => JSON.parse(readFileSync(join(scratch.dist, slug, 'build.json'), 'utf8')) as BuiltDeck
  const talkPage = (slug: string) => `${server.url}talks/${slug}/`
  async function open(options: { javaScript?: boolean, width?: number } = {}): Promise<{ page: Page, offsite: () => string[] }> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, javaScriptEnabled: options.javaScript ?? true })
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', request => requests.push(request.url()))
    return { page, offsite: () => requests.filter(url => !url.startsWith(server.url) && !url.startsWith('data:')) }
  }

  beforeAll(async () => {
    run = await runBuild([], { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist })
    browser = await launchChromium()
    server = await serveSite(scratch.dist)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    scratch.cleanup()
  })

  it('shows one #slide-N per visible slide, in order, each with its picture and a link to it in the deck', async () => {
    expect(run.code, run.stderr).toBe(0)
    const { page } = await open({ javaScript: false })
    for (const slug of [NOTES, HOSTILE]) {
      const visible = await visibleSlides(join(scratch.decks, slug, 'slides.md'))
      const pdf = await readPdf(join(scratch.dist, slug, `${slug}.pdf`))
      expect(built(slug).slides).toHaveLength(pdf.pages)
      await page.goto(talkPage(slug))
      const ids = await page.locator('main [id^="slide-"]').evaluateAll(nodes => nodes.map(node => node.id))
      expect(ids).toEqual(visible.map((_, index) => `slide-${index + 1}`))
      expect(ids).toHaveLength(pdf.pages)
      for (const [index, { title }] of built(slug).slides.entries()) {
        const slide = page.locator(`#slide-${index + 1}`)
        await expect(slide.getByRole('link', { name: `Slide ${index + 1}` }).getAttribute('href')).resolves.toBe(`/${slug}/${index + 1}`)
        const picture = slide.locator('img')
        expect(await picture.getAttribute('loading')).toBe('lazy')
        expect([await picture.getAttribute('width'), await picture.getAttribute('height')]).toEqual(['640', '360'])
        expect(await picture.getAttribute('alt')).toBe(title)
        // The slide's title is a heading of the page too, below the reader view's own.
        expect(await slide.locator('h3').first().textContent()).toBe(title)
      }
    }
    // Slidev's hidden slide is neither printed nor read.
    expect(await page.content()).not.toContain('Hidden slide')
    await page.context().close()
  })

  it('pictures are real WebP files of the slide, 640×360', async () => {
    const { page } = await open()
    await page.goto(talkPage(NOTES))
    const pictures = page.locator('main .slide img')
    for (const picture of await pictures.all()) {
      await picture.scrollIntoViewIfNeeded()
      await expect.poll(() => picture.evaluate(img => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(640)
      expect(await picture.evaluate(img => (img as HTMLImageElement).naturalHeight)).toBe(360)
      const body = await (await page.request.get(new URL((await picture.getAttribute('src'))!, server.url).href)).body()
      expect(body.subarray(8, 12).toString('latin1')).toBe('WEBP')
    }
    expect(readdirSync(join(scratch.dist, NOTES, 'slides')).sort()).toEqual(built(NOTES).slides.map(slide => `${slide.no}.webp`).sort())
    await page.context().close()
  })

  it('slide text is real HTML: a heading, a list, a table, code and a web link', async () => {
    const { page } = await open({ javaScript: false })
    await page.goto(talkPage(NOTES))
    await expect(page.locator('#slide-2 pre code').textContent()).resolves.toContain('return 42')
    expect(await page.locator('#slide-2 a[href="https://example.com/"]').textContent()).toBe('An external link')
    expect(await page.locator('#slide-3 li').allTextContents()).toEqual(['one', 'two'])
    await page.goto(talkPage(HOSTILE))
    // The empty corner is a plain cell, so that no header heads nothing (axe's empty-table-header).
    expect(await page.locator('#slide-3 th').allTextContents()).toEqual(['Value'])
    expect(await page.locator('#slide-3 td').allTextContents()).toEqual(['', 'ring', '64'])
    await page.context().close()
  })

  it('shows the notes of a deck that publishes them, and never those of one that does not', async () => {
    const { page } = await open({ javaScript: false })
    await page.goto(talkPage(NOTES))
    expect(await page.locator('#slide-1 .notes').textContent()).toContain('Notes of the first slide.')
    expect(await page.locator('#slide-2 .notes').textContent()).toContain('Notes of the second slide.')
    expect(await page.locator('#slide-3 .notes').count()).toBe(0)
    await page.goto(talkPage(HOSTILE))
    expect(await page.locator('.notes').count()).toBe(0)
    expect(await page.content()).not.toContain('private note')
    // build.json is published with the deck: the notes stay out of it too.
    expect(readFileSync(join(scratch.dist, HOSTILE, 'build.json'), 'utf8')).not.toContain('private note')
    // Nor is any file of the deck, its presenter view's bundle included; the other deck's bundle has its notes.
    const text = (slug: string) => readdirSync(join(scratch.dist, slug), { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile() && /\.(?:js|html|json)$/.test(entry.name))
      .map(entry => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('\n')
    expect(text(HOSTILE)).not.toContain('private note')
    expect(text(NOTES)).toContain('Notes of the first slide.')
    await page.context().close()
  })

  it('hostile slide markup never reaches the talk page: no script, handler, style, javascript: link', async () => {
    const { page } = await open()
    const errors: string[] = []
    page.on('pageerror', error => errors.push(error.message))
    await page.goto(talkPage(HOSTILE), { waitUntil: 'networkidle' })
    const slide = page.locator('#slide-2')
    expect(await slide.textContent()).toContain(`${SLIDE_ONLY_WORD} lives only on this slide.`)
    expect(await slide.locator('strong').textContent()).toBe('Injected')
    const html = await page.locator('section.reader').innerHTML()
    for (const bad of ['<script', '<style', 'onerror', 'onclick', 'style=', 'javascript:', 'dataset.pwned', 'outline: 1px'])
      expect(html).not.toContain(bad)
    expect(await slide.getByText('A link that runs code').evaluate(node => node.closest('a'))).toBeNull()
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('is readable on a 320-px phone without JavaScript, each slide addressable, with no axe-core violation', async () => {
    for (const slug of [NOTES, HOSTILE]) {
      // The page's scripts are refused (as with JavaScript off), while axe-core, run by the test's own connection, is not.
      const { page, offsite } = await open({ width: 320 })
      await page.route('**/talks/**', async route => route.fulfill({ response: await route.fetch(), headers: { 'content-security-policy': 'script-src \'none\'' } }))
      await page.goto(`${talkPage(slug)}#slide-3`)
      expect(await page.locator('#search').isHidden()).toBe(true)
      // Nothing wider than the screen, and the shared slide is the one in view.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      const shared = await page.locator('#slide-3').getByRole('link', { name: 'Slide 3' }).boundingBox()
      expect(shared!.y).toBeGreaterThanOrEqual(0)
      expect(shared!.y).toBeLessThan(800)
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
      expect(results.violations.flatMap(v => v.nodes.map(node => `${v.id}: ${node.target.join(' ')}`)), slug).toEqual([])
      expect(offsite()).toEqual([])
      await page.context().close()
    }
  })

  it('search: a word found only inside one slide finds that talk, from the index, by keyboard, offline', async () => {
    const { page, offsite } = await open()
    const searchFiles: string[] = []
    page.on('request', request => request.url().includes('/pagefind/') && searchFiles.push(request.url()))
    await page.goto(server.url, { waitUntil: 'networkidle' })
    // Pagefind is loaded when the box is first used, not with the page.
    expect(searchFiles).toEqual([])
    // The box is the first thing after the skip link.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    const box = page.getByRole('searchbox', { name: 'Search the talks' })
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('href') ?? document.activeElement?.id}`)
    expect(await focused()).toBe('INPUT search-input')
    await page.keyboard.type(SLIDE_ONLY_WORD)
    const results = page.getByRole('search').getByRole('listitem')
    await expect.poll(() => results.count()).toBe(1)
    expect(searchFiles.some(url => url.endsWith('/pagefind/pagefind.js'))).toBe(true)
    // It leads to the slide that holds the word.
    expect(await results.getByRole('link').getAttribute('href')).toBe(`/talks/${HOSTILE}/#slide-2`)
    expect(await results.getByRole('link').textContent()).toBe('Reader check — slide 2')
    expect(await results.locator('mark').first().textContent()).toBe(SLIDE_ONLY_WORD)
    const status = page.locator('#search-status')
    expect(await status.textContent()).toBe(`1 talk matches “${SLIDE_ONLY_WORD}”`)
    expect(await status.getAttribute('role')).toBe('status')
    // The result is a link the keyboard reaches next.
    await page.keyboard.press('Tab')
    expect(await focused()).toBe(`A /talks/${HOSTILE}/#slide-2`)
    // A word of the talk's events: the talk page itself.
    await box.fill('Lyon')
    await expect.poll(() => results.getByRole('link').getAttribute('href')).toBe(`/talks/${HOSTILE}/`)
    await box.fill('nowhereword')
    await expect.poll(() => status.textContent()).toBe('No talk matches “nowhereword”')
    expect(await results.count()).toBe(0)
    // axe on the page with its results shown.
    await box.fill(SLIDE_ONLY_WORD)
    await expect.poll(() => results.count()).toBe(1)
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
    expect(axe.violations.map(v => v.id)).toEqual([])
    expect(offsite()).toEqual([])
    await page.context().close()
  })

  it('the search index holds the talk pages alone, not the decks\' pages', () => {
    const entry = JSON.parse(readFileSync(join(scratch.dist, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(2)
  })

  it('without JavaScript there is no search box to use', async () => {
    const { page } = await open({ javaScript: false })
    await page.goto(server.url)
    expect(await page.getByRole('searchbox').count()).toBe(0)
    await page.context().close()
  })
})
