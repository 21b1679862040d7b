import type JSZip from 'jszip'
import type { Page } from 'playwright-core'
import type { PdfMeta } from './pdf-meta'
import type { PrintedSlide } from './record'
import { Buffer } from 'node:buffer'
import { writeFile } from 'node:fs/promises'
import escape from 'escape-html'
import { dom } from './slidev'

/** Pictures at twice the canvas's size: 1960×1104 for a 980×552 slide, sharp on a 1080p projector. */
const PICTURE_SCALE = 2
const CSS_PX_PER_INCH = 96

export interface SlidePictures {
  /** The slide's size on the canvas, in CSS pixels. */
  width: number
  height: number
  jpegs: Buffer[]
}

/**
 * Pictures every slide of the print page already open (pdf.ts): the slides as the PDF
 * shows them, widgets in their printed state. Playwright's screenshots keep the context's
 * pixel density, so the pictures come from Chromium's own capture, at a density raised for
 * them only, each slide scrolled into view (a capture far down a tall page comes back blank).
 */
export async function pictureSlides(page: Page): Promise<SlidePictures> {
  const slides = page.locator(dom.printSlide)
  const viewport = page.viewportSize()!
  const cdp = await page.context().newCDPSession(page)
  const density = (deviceScaleFactor: number) => cdp.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor, mobile: false })
  await density(PICTURE_SCALE)
  try {
    const jpegs: Buffer[] = []
    let size = { width: 0, height: 0 }
    for (let index = 0; index < await slides.count(); index++) {
      const clip = await slides.nth(index).evaluate((slide) => {
        slide.scrollIntoView()
        const box = slide.getBoundingClientRect()
        return { x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height, scale: 1 }
      })
      size = { width: clip.width, height: clip.height }
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 85, clip })
      jpegs.push(Buffer.from(data, 'base64'))
    }
    return { ...size, jpegs }
  }
  finally {
    await density(1)
    await cdp.detach()
  }
}

/**
 * Writes the PPTX that conference AV teams ask for, the way Slidev's own exporter makes
 * it (`slidev export --format pptx`): a full-slide picture per slide, its notes in the
 * notes pane ('' for none), and the talk's title, authors, subject and language.
 */
export async function writePptx(output: string, slides: PrintedSlide[], pictures: SlidePictures, notes: string[], meta: PdfMeta): Promise<void> {
  const [{ default: Pptx }, { default: Zip }] = await Promise.all([import('pptxgenjs'), import('jszip')])
  const pptx = new Pptx()
  const w = pictures.width / CSS_PX_PER_INCH
  const h = pictures.height / CSS_PX_PER_INCH
  pptx.defineLayout({ name: 'deck', width: w, height: h })
  pptx.layout = 'deck'
  pptx.title = meta.title
  pptx.author = meta.author
  pptx.subject = meta.subject
  pptx.company = 'talks (Slidev)'
  slides.forEach((slide, index) => {
    const page = pptx.addSlide()
    page.addImage({ data: `data:image/jpeg;base64,${pictures.jpegs[index]!.toString('base64')}`, x: 0, y: 0, w, h, altText: slide.title || `${index + 1}` })
    if (notes[index])
      page.addNotes(notes[index])
  })
  const zip = await Zip.loadAsync(await pptx.write({ outputType: 'nodebuffer' }) as Buffer)
  await setLanguage(zip, meta.lang)
  await writeFile(output, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
}

/** pptxgenjs marks every note as en-US and the document with no language: both get the talk's. */
async function setLanguage(zip: JSZip, lang: string): Promise<void> {
  const edit = async (path: string, change: (xml: string) => string) => zip.file(path, change(await zip.file(path)!.async('string')))
  await edit('docProps/core.xml', xml => xml.replace('</cp:coreProperties>', `<dc:language>${escape(lang)}</dc:language></cp:coreProperties>`))
  for (const path of Object.keys(zip.files).filter(path => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(path)))
    await edit(path, xml => xml.replaceAll('lang="en-US"', `lang="${escape(lang)}"`))
}
