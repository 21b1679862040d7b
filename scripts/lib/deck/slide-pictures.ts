import type { Page } from 'playwright-core'
import { Buffer } from 'node:buffer'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'pathe'
import { SLIDE_PICTURE, slidePictureName } from '../layout'
import { cleanSlideHtml } from '../slide-html'
import { dom } from './slidev'

// The browser's canvas scales a JPEG down and encodes it as WebP: no image library needed.
// A string, not a function: tsx's name helpers do not exist in the page.
const ENCODE = `async (jpeg) => {
  const image = new Image()
  image.src = 'data:image/jpeg;base64,' + jpeg
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = ${SLIDE_PICTURE.width}
  canvas.height = ${SLIDE_PICTURE.height}
  const ctx = canvas.getContext('2d')
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
  return canvas.toDataURL('image/webp', 0.75).split(',')[1]
}`

/**
 * Every slide of a deck's print page (Slidev's /print route, already loaded and drawn), for
 * the talk page's reader view: a WebP picture of each into `deckDir` (from the PPTX's pictures, pptx.ts), and each slide's text
 * as clean HTML (slide-html.ts), in order.
 */
export async function readSlides(page: Page, deckDir: string, jpegs: Buffer[]): Promise<string[]> {
  const slides = page.locator(dom.printSlide)
  const texts: string[] = []
  for (let index = 0; index < await slides.count(); index++) {
    const slide = slides.nth(index)
    const webp = await page.evaluate<string>(`(${ENCODE})(${JSON.stringify(jpegs[index]!.toString('base64'))})`)
    const file = join(deckDir, slidePictureName(index + 1))
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, Buffer.from(webp, 'base64'))
    // The slide itself, without the theme's layers (footer, progress) drawn around it, and
    // without what it does not show (a widget's closed panel): a copy, pruned where the original is hidden.
    const raw = await slide.evaluate((node, selector) => {
      const shown = node.querySelector(selector) ?? node
      const copy = shown.cloneNode(true) as Element
      const copies = [...copy.querySelectorAll('*')]
      ;[...shown.querySelectorAll('*')].forEach((element, index) => element.checkVisibility({ visibilityProperty: true }) || copies[index]!.remove())
      return copy.innerHTML
    }, dom.slidePage)
    texts.push(cleanSlideHtml(raw))
  }
  return texts
}
