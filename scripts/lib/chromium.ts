import type { Browser, Page } from 'playwright-chromium'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'

// Playwright takes most of a second to load: a build with nothing to do never loads it.
const require = createRequire(import.meta.url)
const playwright = (): typeof import('playwright-chromium') => require('playwright-chromium')

// Flags for a sandboxed CI container with a closed network: without the networking
// ones, Chromium keeps trying to reach Google's services.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    safe(() => playwright().chromium.executablePath()),
  ].filter((path): path is string => !!path)
  const found = candidates.find(path => existsSync(path))
  if (!found) {
    throw new Error([
      'No Chromium found (tried $CHROMIUM_PATH, /usr/bin/chromium and Playwright\'s own browser).',
      'Install one, e.g. `sudo apt-get install -y chromium` on Debian/Ubuntu,',
      'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
    ].join('\n'))
  }
  return found
}

export function launchChromium(): Promise<Browser> {
  return playwright().chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
}

function safe(fn: () => string): string | undefined {
  try {
    return fn()
  }
  catch {
    return undefined
  }
}

/** Runs `use` on one 1280×720 page in the light scheme without motion: how decks are printed and pictured. */
export async function withDeckPage<T>(browser: Browser, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' })
  try {
    return await use(await context.newPage())
  }
  finally {
    await context.close()
  }
}
