import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { StaticServer } from '../scripts/lib/serve'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'pathe'
import { chromium } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { toTable } from '../components/runner/format'
import { OUTPUT_LIMIT } from '../components/runner/protocol'
import { CHROMIUM_ARGS, findChromium, launchChromium } from '../scripts/lib/chromium'
import { serveSite } from '../scripts/lib/serve'
import { runBuild, scratchDecks } from './harness'

// The snippet runner in a real Chromium, on a fixture deck that runs a real snippet. Every
// test opens the runnable slide in a fresh context; the attacks run edited code, as an
// attendee with the Edit button could.
const SLUG = '2099-testconf-runner'
const scratch = scratchDecks([SLUG])
let browser: Browser
let server: StaticServer
const contexts: BrowserContext[] = []

/** A local server that logs every request: what a snippet must never reach. */
const hits: string[] = []
const trap = createServer((req, res) => {
  hits.push(req.url ?? '')
  res.setHeader('access-control-allow-origin', '*')
  res.setHeader('content-type', 'text/javascript')
  res.end('export default 1')
})
let trapUrl: string

async function openSlide(slide = 2, on = browser): Promise<Page> {
  const context = await on.newContext()
  if (on === browser)
    contexts.push(context)
  const page = await context.newPage()
  await page.goto(`${server.url}${SLUG}/${slide}`, { waitUntil: 'networkidle' })
  return page
}

async function runEdited(page: Page, source: string) {
  const runnable = page.locator('.talks-runnable')
  if (await runnable.locator('textarea').count() === 0)
    await runnable.getByRole('button', { name: 'Edit' }).click()
  await runnable.locator('textarea').fill(source)
  await runnable.getByRole('button', { name: '▶ Run' }).click()
}

const main = (body: string) => `export default async function main() {\n${body}\n}\n`
const output = (page: Page) => page.locator('.talks-runnable-output')
const capMessage = `Stopped: the output passed ${OUTPUT_LIMIT.lines} lines or ${OUTPUT_LIMIT.bytes / 1000} kB`

describe('runnable', () => {
  beforeAll(async () => {
    const result = await runBuild([], { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist })
    if (result.code !== 0)
      throw new Error(result.stderr)
    browser = await launchChromium()
    server = await serveSite(scratch.dist)
    await new Promise<void>(resolve => trap.listen(0, '127.0.0.1', resolve))
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map(context => context.close()))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    trap.close()
    scratch.cleanup()
  })

  it('loads the runner and the snippet only when Run is pressed', async () => {
    const page = await openSlide()
    const requests: string[] = []
    page.on('request', request => requests.push(request.url()))
    await page.waitForTimeout(500)
    expect(requests.filter(url => /sandbox|sucrase|simulation/.test(url))).toEqual([])
    await page.getByRole('button', { name: '▶ Run' }).click()
    await output(page).locator('.done', { hasText: /Done in \d+ ms/ }).waitFor({ timeout: 30_000 })
    expect(requests.some(url => /sandbox/.test(url))).toBe(true)
  })

  it('ships the snippets a browser can run, and not the Node-only ones', () => {
    const assets = join(scratch.dist, SLUG, 'assets')
    const [sandbox, ...more] = readdirSync(assets).filter(file => file.includes('sandbox'))
    expect(more).toEqual([])
    const text = readFileSync(join(assets, sandbox!), 'utf8')
    expect(text).toContain('fault-tolerance/simulation')
    // The ZooKeeper backend's import and the integration servers' header.
    expect(text).not.toContain('node-zookeeper-client')
    expect(text).not.toContain('Real etcd and ZooKeeper servers')
  })

  it('shows the snippet\'s table with the values the snippet computes', async () => {
    // The same snippet run here, in Node: its console.table is what the slide must show.
    const tables: unknown[] = []
    const table = vi.spyOn(console, 'table').mockImplementation(data => tables.push(data))
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const { default: run } = await import('../snippets/fault-tolerance/simulation')
      await run()
    }
    finally {
      table.mockRestore()
      log.mockRestore()
    }
    const expected = toTable(tables.at(-1))

    const page = await openSlide()
    await page.getByRole('button', { name: '▶ Run' }).click()
    await output(page).locator('.done', { hasText: /Done in \d+ ms/ }).waitFor({ timeout: 30_000 })
    const shown = output(page).locator('table')
    expect(await shown.locator('th').allTextContents()).toEqual(expected.columns)
    const cells = await shown.locator('tbody tr').evaluateAll(rows => rows.map(row => [...row.querySelectorAll('td')].map(cell => cell.textContent!.trim())))
    expect(cells).toEqual(expected.rows.map(row => expected.columns.map(column => row[column] ?? '')))
  })

  it('prints output and thrown errors as text, never as HTML', async () => {
    const page = await openSlide()
    const markup = '<img src=x onerror="window.pwned=1"><b>bold</b>'
    await runEdited(page, main(`  console.log(${JSON.stringify(markup)})\n  throw new Error(${JSON.stringify(markup)})`))
    await output(page).locator('.error').waitFor()
    expect(await output(page).locator('pre').first().textContent()).toBe(markup)
    expect(await output(page).locator('.error').textContent()).toBe(`Error: ${markup}`)
    expect(await output(page).locator('img, b').count()).toBe(0)
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
  })

  it('runs edited code that imports other snippets and @noble/hashes', async () => {
    const page = await openSlide()
    await runEdited(page, [
      'import { bytesToHex } from \'@noble/hashes/utils.js\'',
      'import { sha256 } from \'@noble/hashes/sha2.js\'',
      'import { md5Digest } from \'../consistent-hashing/hashing\'',
      main('  console.log(bytesToHex(md5Digest(\'talks\')), bytesToHex(sha256(new TextEncoder().encode(\'talks\'))))'),
    ].join('\n'))
    await output(page).locator('.done').waitFor({ timeout: 30_000 })
    const digest = (algorithm: string) => createHash(algorithm).update('talks').digest('hex')
    expect(await output(page).locator('pre').first().textContent()).toBe(`${digest('md5')} ${digest('sha256')}`)
  })

  it('reports a syntax error in edited code', async () => {
    const page = await openSlide()
    await runEdited(page, 'export default async function main( {')
    await output(page).locator('.error').waitFor()
    expect(await output(page).locator('.error').textContent()).toMatch(/SyntaxError/)
  })

  it('stops code that never ends, and the deck stays usable', async () => {
    const page = await openSlide()
    await runEdited(page, main('  while (true) {}'))
    await output(page).locator('.error', { hasText: 'Stopped: still running after 15 s' }).waitFor({ timeout: 30_000 })
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ArrowRight')
    await page.waitForURL(new RegExp(`/${SLUG}/3`))
  })

  it('keeps snippets off the deck\'s BroadcastChannels: no slide change, no drawing', async () => {
    const page = await openSlide()
    const title = await page.title()
    const channels = [`${title} - shared`, `${title} - drawings`]
    await page.evaluate((names) => {
      const got: unknown[] = (window as { got?: unknown[] }).got = []
      for (const name of names)
        new BroadcastChannel(name).onmessage = event => got.push(event.data)
    }, channels)
    await runEdited(page, main([
      `  for (const name of ${JSON.stringify(channels)})`,
      `    new BroadcastChannel(name).postMessage(name.endsWith('shared') ? { page: 3, clicks: 0 } : { 2: '<img src=x onerror="window.pwned=1">' })`,
      '  console.log(self.origin)',
    ].join('\n')))
    await output(page).locator('.done').waitFor({ timeout: 30_000 })
    await page.waitForTimeout(500)
    expect(await page.evaluate(() => (window as { got?: unknown[] }).got)).toEqual([])
    expect(new URL(page.url()).pathname).toBe(`/${SLUG}/2`)
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
    expect(await output(page).locator('pre').first().textContent()).toBe('null')
  })

  it('gives snippets no network: fetch and import() of a URL send no request', async () => {
    const page = await openSlide()
    hits.length = 0
    // The runner compiles `import()` into its own loader: the browser's own import() is reached through new Function.
    await runEdited(page, main([
      '  const load = new Function(\'url\', \'return import(url)\')',
      `  await fetch('${trapUrl}/fetched').then(() => console.log('fetched'), error => console.log(String(error)))`,
      `  await load('${trapUrl}/imported.js').then(() => console.log('imported'), error => console.log(String(error)))`,
      `  await load('https://example.com/x.js').then(() => console.log('imported'), error => console.log(String(error)))`,
    ].join('\n')))
    await output(page).locator('.done').waitFor({ timeout: 30_000 })
    expect(hits).toEqual([])
    const printed = (await output(page).locator('pre').first().textContent())!.split('\n')
    expect(printed).toHaveLength(3)
    expect(printed[0]).toMatch(/^TypeError: Failed to fetch/)
    expect(printed.slice(1).every(line => line.startsWith('TypeError: Failed to fetch dynamically imported module'))).toBe(true)
    expect(hits).toEqual([])
  })

  it('says so when the runner cannot start, as under a host\'s CSP without eval', async () => {
    const context = await browser.newContext()
    contexts.push(context)
    // The sandbox frame inherits the page's policy, so its eval is refused.
    await context.route(`${server.url}${SLUG}/2`, async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': 'script-src \'self\' \'unsafe-inline\'' } })
    })
    const page = await context.newPage()
    await page.goto(`${server.url}${SLUG}/2`, { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: '▶ Run' }).click()
    await output(page).locator('.error', { hasText: 'The runner could not start in this browser' }).waitFor({ timeout: 30_000 })
  })

  it('stops a flood of output at the limit, and the deck stays usable', async () => {
    const page = await openSlide()
    await runEdited(page, main('  for (;;) console.log(1)'))
    await output(page).locator('.error', { hasText: capMessage }).waitFor({ timeout: 30_000 })
    const lines = (await output(page).locator('pre').first().textContent())!.split('\n')
    expect(lines.length).toBeLessThanOrEqual(OUTPUT_LIMIT.lines)
    await runEdited(page, main('  console.log(6 * 7)'))
    await output(page).locator('.done').waitFor({ timeout: 30_000 })
    expect(await output(page).locator('pre').first().textContent()).toBe('42')
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ArrowRight')
    await page.waitForURL(new RegExp(`/${SLUG}/3`))
  })

  it('stops output past the byte limit too', async () => {
    const page = await openSlide()
    await runEdited(page, main(`  for (let i = 0; i < 20; i++) console.log('x'.repeat(${OUTPUT_LIMIT.bytes / 10}))`))
    await output(page).locator('.error', { hasText: capMessage }).waitFor({ timeout: 30_000 })
    expect((await output(page).locator('pre').first().textContent())!.length).toBeLessThanOrEqual(OUTPUT_LIMIT.bytes + 20)
  })
  // Desktop Chrome isolates sites, and then gives a sandboxed frame a process of its own: a
  // snippet that exhausts memory takes down only that process. The embedded headless build
  // isolates sites only when asked (without it, the whole tab crashes). Playwright reports a
  // frame's crash as the page's, so after the bomb the deck is driven over DevTools directly.
  it('survives a snippet that exhausts memory, when the browser isolates the sandbox', async () => {
    const isolating = await chromium.launch({ executablePath: (await findChromium()).path, args: [...CHROMIUM_ARGS, '--site-per-process'] })
    try {
      const page = await openSlide(4, isolating)
      const devtools = await page.context().newCDPSession(page)
      const evaluate = async <T>(expression: string): Promise<T> =>
        (await devtools.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T
      const waitFor = async (expression: string) => {
        for (let tries = 0; tries < 120 && !await evaluate<boolean>(expression); tries++)
          await new Promise(resolve => setTimeout(resolve, 500))
        expect(await evaluate<boolean>(expression)).toBe(true)
      }
      // Slidev keeps the slides around this one in the page: the runnable in edit mode is this slide's.
      const runnable = `document.querySelector('.talks-runnable:has(textarea)')`
      await runEdited(page, main('  const hoard = []\n  for (;;) hoard.push(\'X\'.repeat(1e7).toLowerCase())'))
      await waitFor(`${runnable}.querySelector('.talks-runnable-output .error')?.textContent.includes('ran out of memory') ?? false`)
      // Run works again, in a new frame.
      await evaluate(`(() => {
        const editor = ${runnable}.querySelector('textarea')
        editor.value = ${JSON.stringify(main('  console.log(6 * 7)'))}
        editor.dispatchEvent(new Event('input'))
        ;[...${runnable}.querySelectorAll('button')].find(button => button.textContent.includes('Run')).click()
      })()`)
      await waitFor(`${runnable}.querySelector('.talks-runnable-output .done')?.textContent.startsWith('Done in') ?? false`)
      expect(await evaluate<string>(`${runnable}.querySelector('.talks-runnable-output pre').textContent`)).toBe('42')
      // And the deck moves on.
      for (const type of ['keyDown', 'keyUp'] as const)
        await devtools.send('Input.dispatchKeyEvent', { type, key: 'ArrowLeft', code: 'ArrowLeft', windowsVirtualKeyCode: 37 })
      await waitFor(`location.pathname === '/${SLUG}/3'`)
    }
    finally {
      await isolating.close()
    }
  })
})
