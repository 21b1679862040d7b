import type { Page, Request } from 'playwright-core'
import type { Thumb } from './site-html'
import { Buffer } from 'node:buffer'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'pathe'
import { THUMB_SIZES } from './site-html'

/** What the first slide loads besides the deck's page (scripts, styles, fonts), recorded while rendering its thumbnail. */
export const FIRST_SLIDE_FILE = 'first-slide.json'

const FILES = { small: `thumb-${THUMB_SIZES.small}.webp`, large: `thumb-${THUMB_SIZES.large}.webp`, og: 'og.jpg' } as const

/** The first slide as a picture, light and dark, that the deck's page shows while Slidev starts (scripts/lib/first-frame.ts). */
export const FRAME_FILES = { light: 'frame-light.webp', dark: 'frame-dark.webp' } as const
const FRAME_WIDTH = 960

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
export async function renderThumbnails(page: Page, url: string, deckDir: string): Promise<void> {
  const assets = `${new URL(url).pathname.replace(/[^/]*$/, '')}assets/`
  const loaded: string[] = []
  // What the first slide needs, and no more: Slidev prefetches the next slides once it is up.
  const record = (request: Request) => {
    const path = new URL(request.url()).pathname
    if (path.startsWith(assets) && ['script', 'stylesheet', 'font'].includes(request.resourceType()))
      loaded.push(path)
  }
  page.on('request', record)
  await page.goto(url)
  await page.locator('.slidev-page-1 .slidev-layout').waitFor()
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.slidev-page-1 img')].every(img => img.complete)
    && !document.querySelector('#mermaid-rendering-container div'))
  await page.evaluate(() => document.fonts.ready)
  page.off('request', record)
  await page.evaluate(() => document.getElementById('first-frame')?.remove())
  // The slide alone, without the navigation bar that appears on hover.
  const slide = page.locator('#slide-content').first()
  const target = await slide.count() ? slide : page.locator('.slidev-page-1')
  const shoot = async () => (await target.screenshot({ type: 'png', animations: 'disabled' })).toString('base64')
  const light = await shoot()
  // Slidev follows the reader's colour scheme as it changes.
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.waitForFunction(() => document.documentElement.classList.contains('dark'))
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  const dark = await shoot()
  // A string, not a function: tsx's name helpers do not exist in the page.
  const encoded = await page.evaluate<Record<keyof typeof FILES | keyof typeof FRAME_FILES, string>>(`(async () => {
    const load = async (png) => {
      const image = new Image()
      image.src = 'data:image/png;base64,' + png
      await image.decode()
      return image
    }
    const light = await load('${light}')
    const dark = await load('${dark}')
    const encode = (image, width, type, quality) => {
      const canvas = document.createElement('canvas')
      canvas.width = width
      canvas.height = Math.round(width * 9 / 16)
      const ctx = canvas.getContext('2d')
      ctx.imageSmoothingQuality = 'high'
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
      return canvas.toDataURL(type, quality).split(',')[1]
    }
    return {
      small: encode(light, ${THUMB_SIZES.small}, 'image/webp', 0.8),
      large: encode(light, ${THUMB_SIZES.large}, 'image/webp', 0.75),
      og: encode(light, ${THUMB_SIZES.og}, 'image/jpeg', 0.82),
      light: encode(light, ${FRAME_WIDTH}, 'image/webp', 0.6),
      dark: encode(dark, ${FRAME_WIDTH}, 'image/webp', 0.6),
    }
  })()`)
  await writeFile(join(deckDir, FIRST_SLIDE_FILE), `${JSON.stringify([...new Set(loaded)], null, 2)}\n`)
  for (const key of Object.keys(FILES) as (keyof typeof FILES)[])
    await writeFile(join(deckDir, FILES[key]), Buffer.from(encoded[key], 'base64'))
  for (const key of Object.keys(FRAME_FILES) as (keyof typeof FRAME_FILES)[])
    await writeFile(join(deckDir, FRAME_FILES[key]), Buffer.from(encoded[key], 'base64'))
}
