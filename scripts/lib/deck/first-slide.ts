import type { Page, Request } from 'playwright-core'
import { Buffer } from 'node:buffer'
import { writeFile } from 'node:fs/promises'
import { join } from 'pathe'
import { DECK_FILES, THUMB_SIZES } from '../layout'
import { dom, MERMAID_DRAWN } from './slidev'

const FRAME_WIDTH = 960

/** The first slide: its pictures, light and dark, as data URLs, and what it loads. */
export interface FirstSlide {
  frames: { light: string, dark: string }
  /** Asset paths the first slide loads besides the page: scripts, styles, fonts. */
  preloads: string[]
}

/**
 * Renders a deck's first slide, served at `url`, into its folder: WebP at two widths for
 * the cards, a JPEG for Open Graph (social sites do not all take WebP), and the frames the
 * deck's page paints while Slidev starts. The browser's own canvas encodes them, so no
 * image library is needed.
 */
export async function renderFirstSlide(page: Page, url: string, deckDir: string): Promise<FirstSlide> {
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
  await page.locator(dom.firstSlide).waitFor()
  await page.waitForFunction(({ slide, mermaid }) => [...document.querySelectorAll<HTMLImageElement>(`${slide} img`)].every(img => img.complete)
    && !document.querySelector(mermaid), { slide: dom.firstSlidePage, mermaid: dom.mermaidRendering })
  await page.waitForFunction(MERMAID_DRAWN, undefined, { timeout: 30_000 })
  await page.evaluate(() => document.fonts.ready)
  page.off('request', record)
  await page.evaluate(() => document.getElementById('first-frame')?.remove())
  // The slide alone, without the navigation bar that appears on hover.
  const slide = page.locator(dom.slideContent).first()
  const target = await slide.count() ? slide : page.locator(dom.firstSlidePage)
  const shoot = async () => (await target.screenshot({ type: 'png', animations: 'disabled' })).toString('base64')
  const light = await shoot()
  // Slidev follows the reader's colour scheme as it changes.
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.waitForFunction(() => document.documentElement.classList.contains('dark'))
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  const dark = await shoot()
  // A string, not a function: tsx's name helpers do not exist in the page.
  const encoded = await page.evaluate<Record<'small' | 'large' | 'og' | 'light' | 'dark', string>>(`(async () => {
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
  const preloads = [...new Set(loaded)]
  const files = { firstSlide: `${JSON.stringify(preloads, null, 2)}\n`, thumbSmall: encoded.small, thumbLarge: encoded.large, og: encoded.og, frameLight: encoded.light, frameDark: encoded.dark }
  for (const [file, content] of Object.entries(files) as [keyof typeof files, string][])
    await writeFile(join(deckDir, DECK_FILES[file]), file === 'firstSlide' ? content : Buffer.from(content, 'base64'))
  return { frames: { light: `data:image/webp;base64,${encoded.light}`, dark: `data:image/webp;base64,${encoded.dark}` }, preloads }
}
