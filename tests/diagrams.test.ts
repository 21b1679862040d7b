import type { Browser, Page } from 'playwright-core'
import type { StaticServer } from '../scripts/lib/serve'
import type { RunResult } from './harness'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../scripts/lib/chromium'
import { root } from '../scripts/lib/paths'
import { serveSite } from '../scripts/lib/serve'
import { runBuild, scratchDecks } from './harness'

const GOOD = '2099-testconf-diagrams'
const BAD = '2099-testconf-bad-diagram'
const UNBUILT_DIRECTIVE = '2099-testconf-unbuilt-directive'
const SLIDES = 5
// A string of Mermaid's runtime (its configuration key), in every chunk of it Slidev ships.
const MERMAID_RUNTIME = 'securityLevel'

// Strings that minifying keeps, from the code of Slidev features the decks leave out or load late:
// floating-vue's pop-ups, rough-notation (v-mark) and popmotion (v-motion).
const POPUPS = 'v-popper__popper'
const UNBUILT = ['rough-annotation', 'restDelta']

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true, recursive: true }).filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name))

describe('diagrams drawn at build time, slides loaded as the viewer nears them', () => {
  const scratch = scratchDecks([GOOD, BAD, UNBUILT_DIRECTIVE])
  let built: RunResult
  let browser: Browser
  let server: StaticServer
  beforeAll(async () => {
    built = await runBuild([], { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist })
    browser = await launchChromium()
    server = await serveSite(scratch.dist)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    scratch.cleanup()
  })

  /** A page of the built deck that records every script it loads, with its text. */
  async function open(path: string): Promise<{ page: Page, scripts: Map<string, Promise<string>> }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, permissions: ['screen-wake-lock'] })
    const scripts = new Map<string, Promise<string>>()
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        scripts.set(response.url(), response.text().catch(() => ''))
    })
    await page.goto(`${server.url}${GOOD}/${path}`, { waitUntil: 'networkidle' })
    return { page, scripts }
  }

  /** The text of every script the fixture deck ships. */
  const shippedScripts = () => files(join(scratch.dist, GOOD, 'assets')).filter(file => file.endsWith('.js')).map(file => readFileSync(file, 'utf8'))

  const svgText = (page: Page, no: number) => page.locator(`.slidev-page-${no} .mermaid`).first().evaluate(host => host.shadowRoot?.querySelector('svg')?.textContent ?? '')
  const svgFill = (page: Page, no: number) => page.locator(`.slidev-page-${no} .mermaid`).first().evaluate(host => getComputedStyle(host.shadowRoot!.querySelector('svg .node rect, svg rect.actor')!).fill)

  it('fails a deck whose diagram Mermaid cannot draw, naming the file and the line', () => {
    const line = readFileSync(join(scratch.decks, BAD, 'slides.md'), 'utf8').split('\n').indexOf('  B -->-->-- C') + 1
    expect(built.stderr).toMatch(new RegExp(`✗ ${BAD}\\n\\s+${scratch.decks.slice(root.length + 1)}/${BAD}/slides\\.md:${line}: Mermaid could not draw this diagram: `))
    expect(built.result.decks.find(deck => deck.slug === GOOD)?.status).toBe('built')
  })

  it('ships the diagrams as SVG and no Mermaid runtime', () => {
    const assets = shippedScripts()
    expect(assets.filter(text => text.includes(MERMAID_RUNTIME))).toEqual([])
    // Each diagram's labels, in the chunk of its slide (the imported page's too).
    expect(assets.some(text => text.includes('<svg') && text.includes('Hash ring'))).toBe(true)
    expect(assets.some(text => text.includes('<svg') && text.includes('10.0.0.7:8080'))).toBe(true)
  })

  it('ships neither Vue\'s template compiler, the yaml parser nor Slidev\'s 94 KB logo picture, which no published slide needs', () => {
    const deck = files(join(scratch.dist, GOOD, 'assets'))
    const scripts = shippedScripts()
    // A parser option of Vue's compiler and a tag of yaml's core schema: names that minifying keeps.
    expect(scripts.filter(text => text.includes('isPreTag') || text.includes('tag:yaml.org,2002:'))).toEqual([])
    expect(deck.filter(file => /\/logo-[\w-]+\.png$/.test(file))).toEqual([])
    expect(deck.filter(file => /\/logo-[\w-]+\.svg$/.test(file))).toHaveLength(1)
  })

  it('shows the drawn SVG in the slide, in the reader\'s scheme, and never fetches Mermaid while navigating to the last slide and back', async () => {
    const { page, scripts } = await open('2')
    expect(await svgText(page, 2)).toContain('Hash ring')
    const light = await svgFill(page, 2)
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'))
    expect(await svgFill(page, 2)).not.toBe(light)
    await page.emulateMedia({ colorScheme: 'light' })

    await page.goto(`${server.url}${GOOD}/1`, { waitUntil: 'networkidle' })
    for (let no = 2; no <= SLIDES; no++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForURL(new RegExp(`/${no}$`))
      await expect(page.locator(`.slidev-page-${no}`).isVisible()).resolves.toBe(true)
    }
    expect(await svgText(page, 4)).toContain('10.0.0.7:8080')
    for (let no = SLIDES - 1; no >= 1; no--) {
      await page.keyboard.press('ArrowLeft')
      await page.waitForURL(new RegExp(`/${no}(\\?.*)?$`))
      await expect(page.locator(`.slidev-page-${no}`).isVisible()).resolves.toBe(true)
    }
    const loaded = await Promise.all([...scripts.values()])
    expect(loaded.length).toBeGreaterThan(0)
    expect(loaded.filter(text => text.includes(MERMAID_RUNTIME))).toEqual([])
    await page.close()
  })

  it('mounts the current slide and its neighbours, fetches the next few, and leaves the rest, past the 3 s after which Slidev would load them all', async () => {
    const { page, scripts } = await open('1')
    await page.waitForTimeout(4000)
    const mounted = await page.locator('[class*="slidev-page-"]').evaluateAll(nodes => nodes.map(node => Number(node.className.match(/slidev-page-(\d+)/)?.[1])))
    expect([...new Set(mounted)].sort()).toEqual([1, 2])
    // Each slide's text is in its own chunk: slide 3's is fetched ahead, the last one's is not.
    const loaded = await Promise.all([...scripts.values()])
    expect(loaded.some(text => text.includes('Plain text, one slide.'))).toBe(true)
    expect(loaded.some(text => text.includes('Thank you.'))).toBe(false)
    await page.close()
  })

  it('ships no v-mark or v-motion code, and loads the pop-ups\' code only when a menu opens one', async () => {
    const scripts = shippedScripts()
    expect(scripts.filter(text => UNBUILT.some(marker => text.includes(marker)))).toEqual([])
    // A component that uses v-mark anyway fails its deck, by name, instead of losing its marks.
    expect(built.stderr).toMatch(new RegExp(`✗ ${UNBUILT_DIRECTIVE}\\n\\s+the deck threw in the browser while it was printed: (?:Error: )?v-mark: the decks are built without rough-notation`))
    const { page, scripts: loaded } = await open('1')
    await page.waitForTimeout(4000)
    expect((await Promise.all([...loaded.values()])).filter(text => text.includes(POPUPS))).toEqual([])
    // The drawing toolbar's stroke width is a floating-vue dropdown.
    await page.getByTitle('Show drawing toolbar').click({ force: true })
    await page.getByRole('button', { name: 'Adjust stroke width' }).click()
    await page.locator('.v-popper__popper--shown input[type=range]').waitFor({ timeout: 5000 })
    expect((await Promise.all([...loaded.values()])).some(text => text.includes(POPUPS))).toBe(true)
    await page.close()
  })
})
