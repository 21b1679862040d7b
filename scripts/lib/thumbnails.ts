import type { Browser } from 'playwright-chromium'
import type { Thumb } from './site-html'
import { Buffer } from 'node:buffer'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'pathe'
import { THUMB_SIZES } from './site-html'

/** What the first slide loads besides the deck's page (scripts, styles, fonts), recorded while rendering its thumbnail. */
export const FIRST_SLIDE_FILE = 'first-slide.json'

const FILES = { small: `thumb-${THUMB_SIZES.small}.webp`, large: `thumb-${THUMB_SIZES.large}.webp`, og: 'og.jpg' } as const

/** The URLs of a deck's thumbnails, or undefined when they have not been rendered. */
export function thumbOf(deckDir: string, deckPath: string): Thumb | undefined {
  if (!Object.values(FILES).every(file => existsSync(join(deckDir, file))))
    return undefined
  return {
    small: `${deckPath}${FILES.small}`,
    large: `${deckPath}${FILES.large}`,
    og: `${deckPath}${FILES.og}`,
    width: THUMB_SIZES.large,
    height: THUMB_SIZES.large * 9 / 16,
  }
}

/**
 * Renders a deck's first slide, served at `url`, into its folder: WebP at two widths for
 * the cards and a JPEG for Open Graph (social sites do not all take WebP). The browser's
 * own canvas encodes them, so no image library is needed.
 */
export async function renderThumbnails(browser: Browser, url: string, deckDir: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' })
  try {
    const page = await context.newPage()
    const assets = `${new URL(url).pathname.replace(/[^/]*$/, '')}assets/`
    const loaded: string[] = []
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (path.startsWith(assets) && ['script', 'stylesheet', 'font'].includes(request.resourceType()))
        loaded.push(path)
    })
    await page.goto(url, { waitUntil: 'networkidle' })
    await page.locator('.slidev-page-1').waitFor()
    await page.evaluate(() => document.fonts.ready)
    // The slide alone, without the navigation bar that appears on hover.
    const slide = page.locator('#slide-content').first()
    const png = await (await slide.count() ? slide : page.locator('.slidev-page-1')).screenshot({ type: 'png', animations: 'disabled' })
    // A string, not a function: tsx's name helpers do not exist in the page.
    const encoded = await page.evaluate<Record<keyof typeof FILES, string>>(`(async () => {
      const image = new Image()
      image.src = 'data:image/png;base64,${png.toString('base64')}'
      await image.decode()
      const encode = (width, type, quality) => {
        const canvas = document.createElement('canvas')
        canvas.width = width
        canvas.height = Math.round(width * 9 / 16)
        const ctx = canvas.getContext('2d')
        ctx.imageSmoothingQuality = 'high'
        ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
        return canvas.toDataURL(type, quality).split(',')[1]
      }
      return { small: encode(${THUMB_SIZES.small}, 'image/webp', 0.8), large: encode(${THUMB_SIZES.large}, 'image/webp', 0.75), og: encode(${THUMB_SIZES.og}, 'image/jpeg', 0.82) }
    })()`)
    await writeFile(join(deckDir, FIRST_SLIDE_FILE), `${JSON.stringify([...new Set(loaded)], null, 2)}\n`)
    for (const key of Object.keys(FILES) as (keyof typeof FILES)[])
      await writeFile(join(deckDir, FILES[key]), Buffer.from(encoded[key], 'base64'))
  }
  finally {
    await context.close()
  }
}
