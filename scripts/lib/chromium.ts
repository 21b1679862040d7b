import type { Browser, Page } from 'playwright-core'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'

// Playwright takes most of a second to load: a build with nothing to do never loads it.
const require = createRequire(import.meta.url)
const playwright = (): typeof import('playwright-core') => require('playwright-core')

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

export interface FoundChromium {
  path: string
  /** Where it came from, for the log: a user who has a browser should see it used. */
  source: string
}

const SYSTEM_CHROMIUMS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
}

/**
 * The browser the user has, in this order: $CHROMIUM_PATH, the system's, Playwright's own
 * (if `npx playwright install chromium` was ever run); otherwise the Chromium that
 * @sparticuz/chromium carries inside its npm package (Linux x64 only), unpacked into the
 * temporary folder on first use (about 15 s, once per boot; later calls find it there).
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist: point it at a Chromium or Chrome binary, or unset it.`)
    return { path: env.CHROMIUM_PATH, source: '$CHROMIUM_PATH' }
  }
  const system = (SYSTEM_CHROMIUMS[process.platform] ?? []).find(path => existsSync(path))
  if (system)
    return { path: system, source: 'the system\'s' }
  const playwrights = safe(() => playwright().chromium.executablePath())
  if (playwrights && existsSync(playwrights))
    return { path: playwrights, source: 'Playwright\'s' }
  if (process.platform === 'linux' && process.arch === 'x64') {
    const { default: embedded } = await import('@sparticuz/chromium')
    return { path: await embedded.executablePath(), source: 'the embedded @sparticuz/chromium' }
  }
  throw new Error([
    `No Chromium found for ${process.platform}-${process.arch}: the embedded one (@sparticuz/chromium) is for Linux x64 only.`,
    'Install Chrome or Chromium (on Debian/Ubuntu: sudo apt-get install -y chromium),',
    'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
  ].join('\n'))
}

/**
 * Starts the given browser, or the one findChromium() finds; `extraArgs` mark it as a
 * build's (build-tools.ts). Signals are the caller's to handle: Playwright's own handlers
 * would keep a stopped build alive.
 */
export async function launchChromium(found?: FoundChromium, extraArgs: string[] = []): Promise<Browser> {
  const { path } = found ?? await findChromium()
  return playwright().chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS, ...extraArgs], handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false })
}

function safe(fn: () => string): string | undefined {
  try {
    return fn()
  }
  catch {
    return undefined
  }
}

/**
 * Runs `use` on one 1280×720 page in the light scheme without motion: how decks are printed
 * and pictured. Slidev asks for a screen wake lock, which a desktop browser grants a visible page.
 */
export async function withDeckPage<T>(browser: Browser, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce', permissions: ['screen-wake-lock'] })
  try {
    return await use(await context.newPage())
  }
  finally {
    await context.close()
  }
}
