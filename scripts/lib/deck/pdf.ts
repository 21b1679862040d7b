import type { Page } from 'playwright-core'
import { writeFile } from 'node:fs/promises'
import { outlinePdfFactory } from '@lillallol/outline-pdf'
import * as pdfLib from 'pdf-lib'

export interface PdfMeta {
  title: string
  author: string
  subject: string
  keywords: string[]
  lang: string
}

export interface PrintedSlide {
  no: number
  title: string
}

/**
 * Prints a built deck to PDF through Slidev's /print route: one page per visible
 * slide, real text (selectable, links kept), fonts embedded by Chromium, then
 * metadata and an outline of the slide titles added with pdf-lib.
 */
export async function printPdf(page: Page, deckUrl: string, output: string, meta: PdfMeta): Promise<PrintedSlide[]> {
  await page.goto(`${deckUrl}print?print=true`, { waitUntil: 'networkidle', timeout: 60_000 })
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' })
  await page.locator('.print-slide-container').first().waitFor()
  await page.locator('.slidev-slide-loading').waitFor({ state: 'detached' }).catch(() => {})
  await page.waitForFunction(() => !document.querySelector('#mermaid-rendering-container div'))
  await page.evaluate(() => document.fonts.ready)

  const slides = await page.locator('.print-slide-container').evaluateAll(nodes => nodes.map(node => ({
    no: Number(node.id.split('-')[0]),
    title: node.querySelector('h1, h2')?.textContent?.trim() ?? '',
  })))
  const box = await page.locator('.print-slide-container').first().boundingBox()
  if (!box)
    throw new Error(`${deckUrl}print rendered no slide`)

  const raw = await page.pdf({
    width: box.width,
    height: box.height,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    printBackground: true,
    preferCSSPageSize: true,
    // The print page ends with a page break, which would add a blank last page.
    pageRanges: `1-${slides.length}`,
  })
  let pdf = await pdfLib.PDFDocument.load(raw)
  if (pdf.getPageCount() !== slides.length)
    throw new Error(`printed ${pdf.getPageCount()} PDF pages for ${slides.length} slides: a slide is probably taller than the canvas (a "zoom:" in slide frontmatter is a known cause); look at ${deckUrl}print`)
  pdf.setTitle(meta.title, { showInWindowTitleBar: true })
  pdf.setAuthor(meta.author)
  pdf.setSubject(meta.subject)
  pdf.setKeywords(meta.keywords)
  pdf.setLanguage(meta.lang)
  pdf.setCreator('talks (Slidev)')
  const outline = slides
    .map((slide, index) => slide.title ? `${index + 1}||${slide.title.replace(/\s+/g, ' ')}` : '')
    .filter(Boolean)
    .join('\n')
  if (outline)
    pdf = await outlinePdfFactory(pdfLib)({ outline, pdf })
  await writeFile(output, await pdf.save())
  return slides
}
