import type { Browser, Page } from 'playwright-core'
import type { StaticServer } from '../scripts/lib/serve'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../scripts/lib/chromium'
import { serveSite } from '../scripts/lib/serve'
import { runBuild, scratchDecks } from './harness'

// The snippet runner in a real Chromium, on a fixture deck that runs a real snippet.
const SLUG = '2099-testconf-runner'
const scratch = scratchDecks([SLUG])
let browser: Browser
let server: StaticServer
let page: Page
const requests: string[] = []

async function runEdited(source: string) {
  const runnable = page.locator('.talks-runnable')
  if (await runnable.locator('textarea').count() === 0)
    await runnable.getByRole('button', { name: 'Edit' }).click()
  await runnable.locator('textarea').fill(source)
  await runnable.getByRole('button', { name: '▶ Run' }).click()
}

describe('runnable', () => {
  beforeAll(async () => {
    const result = await runBuild([], { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist })
    if (result.code !== 0)
      throw new Error(result.stderr)
    browser = await launchChromium()
    server = await serveSite(scratch.dist)
    page = await browser.newPage()
    page.on('request', request => requests.push(request.url()))
    await page.goto(`${server.url}${SLUG}/2`, { waitUntil: 'networkidle' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    scratch.cleanup()
  })

  it('loads the worker, its compiler and the snippet only when Run is pressed', async () => {
    expect(requests.filter(url => /worker|sucrase|simulation/.test(url))).toEqual([])
    await page.getByRole('button', { name: '▶ Run' }).click()
    await page.locator('.talks-runnable-output .done', { hasText: /Done in \d+ ms/ }).waitFor({ timeout: 30_000 })
    expect(requests.some(url => /worker/.test(url))).toBe(true)
  })

  it('shows the snippet\'s console output and tables under the code', async () => {
    const output = page.locator('.talks-runnable-output')
    expect(await output.locator('table').count()).toBeGreaterThan(0)
    expect(await output.locator('th').allTextContents()).toContain('(index)')
  })

  it('prints text as text, never as HTML, and shows errors of edited code', async () => {
    await runEdited(`export default async function main() {\n  console.log('<img src=x onerror=alert(1)><b>bold</b>')\n  throw new Error('boom')\n}\n`)
    const output = page.locator('.talks-runnable-output')
    await output.locator('.error').waitFor()
    expect(await output.locator('pre').first().textContent()).toBe('<img src=x onerror=alert(1)><b>bold</b>')
    expect(await output.locator('img, b').count()).toBe(0)
    expect(await output.locator('.error').textContent()).toBe('Error: boom')
  })

  it('reports a syntax error in edited code', async () => {
    await runEdited('export default async function main( {')
    await page.locator('.talks-runnable-output .error').waitFor()
    expect(await page.locator('.talks-runnable-output .error').textContent()).toMatch(/SyntaxError/)
  })

  it('stops code that never ends, and the deck stays usable', async () => {
    await runEdited('export default async function main() {\n  while (true) {}\n}\n')
    await page.locator('.talks-runnable-output .error', { hasText: 'Stopped: still running after 15 s' }).waitFor({ timeout: 30_000 })
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ArrowLeft')
    await page.waitForURL(new RegExp(`/${SLUG}/1`))
  })
})
