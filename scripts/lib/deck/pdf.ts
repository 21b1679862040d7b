import type { Page } from 'playwright-core'
import type { PdfMeta } from './pdf-meta'
import type { PrintedSlide } from './record'
import { writeFile } from 'node:fs/promises'
import { outlinePdfFactory } from '@lillallol/outline-pdf'
import * as pdfLib from 'pdf-lib'
import { checkLegibility, describeProblems } from './legibility'
import { setPdfMeta } from './pdf-meta'
import { dom, MERMAID_DRAWN, PRINT_ROUTE } from './slidev'

/** What every PDF of a deck gets besides its pages: metadata, and its links made public (`publish`: undefined drops one). */
export interface PdfFinish {
  meta: PdfMeta
  publish: (href: string) => string | undefined
}

/**
 * Prints a built deck to PDF through Slidev's /print route: one page per visible
 * slide, real text (selectable, links kept), tagged for screen readers, fonts embedded
 * by Chromium, then metadata and an outline of the slide titles added with pdf-lib. The
 * deck is served by the build's own server: `publish` turns a link to it into the
 * published address, or drops the link when that address is not known.
 */
export async function printPdf(page: Page, deckUrl: string, output: string, finish: PdfFinish, sourceOf: (no: number) => string): Promise<PrintedSlide[]> {
  await openPrintPage(page, `${deckUrl}${PRINT_ROUTE}`)
  const problems = await checkLegibility(page)
  if (problems.length)
    throw new Error(describeProblems(problems, sourceOf))

  const slides = await page.locator(dom.printSlide).evaluateAll(nodes => nodes.map(node => ({
    no: Number(node.id.split('-')[0]),
    title: node.querySelector('h1, h2')?.textContent?.trim() ?? '',
  })))
  const box = await page.locator(dom.printSlide).first().boundingBox()
  if (!box)
    throw new Error(`${deckUrl}print rendered no slide`)

  const raw = await page.pdf({
    width: box.width,
    height: box.height,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    printBackground: true,
    preferCSSPageSize: true,
    tagged: true,
    // The print page ends with a page break, which would add a blank last page.
    pageRanges: `1-${slides.length}`,
  })
  await writePdf(raw, output, slides, finish, `look at ${deckUrl}print; a slide is probably taller than the canvas (a "zoom:" in slide frontmatter is a known cause)`)
  return slides
}

/** Opens a print page of the deck and waits until it is all drawn: slides loaded, diagrams drawn, fonts ready. */
export async function openPrintPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 })
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' })
  await page.locator(dom.printSlide).first().waitFor()
  await page.locator(dom.slideLoading).waitFor({ state: 'detached' }).catch(() => {})
  await page.waitForFunction(mermaid => !document.querySelector(mermaid), dom.mermaidRendering)
  await page.waitForFunction(MERMAID_DRAWN, undefined, { timeout: 30_000 })
  await page.evaluate(() => document.fonts.ready)
}

/**
 * Writes a PDF Chromium printed with one page per slide: its metadata, its links made
 * public, an outline of the slide titles, opening with the outline shown. pdf-lib keeps
 * the structure tree Chromium tagged it with (the catalog's StructTreeRoot and MarkInfo).
 */
export async function writePdf(raw: Uint8Array, output: string, slides: PrintedSlide[], { meta, publish }: PdfFinish, hint: string): Promise<void> {
  let pdf = await pdfLib.PDFDocument.load(raw)
  if (pdf.getPageCount() !== slides.length)
    throw new Error(`printed ${pdf.getPageCount()} PDF pages for ${slides.length} slides: ${hint}`)
  setPdfMeta(pdf, meta)
  publishLinks(pdf, publish)
  const outline = slides
    .map((slide, index) => slide.title ? `${index + 1}||${slide.title.replace(/\s+/g, ' ')}` : '')
    .filter(Boolean)
    .join('\n')
  if (outline) {
    pdf = await outlinePdfFactory(pdfLib)({ outline, pdf })
    pdf.catalog.set(pdfLib.PDFName.of('PageMode'), pdfLib.PDFName.of('UseOutlines'))
  }
  await writeFile(output, await pdf.save())
}

/** Rewrites every link annotation with `publish`; removes those it has no address for. */
function publishLinks(pdf: pdfLib.PDFDocument, publish: (href: string) => string | undefined): void {
  const { PDFArray, PDFDict, PDFName, PDFString } = pdfLib
  for (const page of pdf.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    if (!annots)
      continue
    for (let index = annots.size() - 1; index >= 0; index--) {
      const action = annots.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = action?.lookup(PDFName.of('URI'))
      if (!action || !(uri instanceof PDFString || uri instanceof pdfLib.PDFHexString))
        continue
      const href = uri.decodeText()
      const published = publish(href)
      if (published === undefined)
        annots.remove(index)
      else if (published !== href)
        action.set(PDFName.of('URI'), PDFString.of(published))
    }
  }
}
