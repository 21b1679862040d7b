import type { PDFString } from 'pdf-lib'
import { readFile } from 'node:fs/promises'
import { PDFBool, PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfFacts {
  pages: number
  title: string
  author: string
  language: string | undefined
  outline: string[]
  text: string[]
  links: string[]
  /** Fonts whose descriptor carries the font program, against all fonts used. */
  fonts: { embedded: number, total: number }
  /** Tagged for screen readers: the catalog's MarkInfo says so and holds a structure tree. */
  tagged: boolean
  /** What a viewer shows beside the pages when it opens the file: UseOutlines for the outline. */
  pageMode: string | undefined
}

/** Reads what an organiser would check in a PDF, with real PDF parsers. */
export async function readPdf(file: string): Promise<PdfFacts> {
  const bytes = new Uint8Array(await readFile(file))
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise
  const info = (await doc.getMetadata()).info as Record<string, string>
  const outline = (await doc.getOutline() ?? []).map(item => item.title)
  const text: string[] = []
  const links: string[] = []
  for (let no = 1; no <= doc.numPages; no++) {
    const page = await doc.getPage(no)
    text.push((await page.getTextContent()).items.map(item => ('str' in item ? item.str : '')).join(' '))
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link' && annotation.url)
        links.push(annotation.url)
    }
  }
  const lib = await PDFDocument.load(bytes)
  let total = 0
  let embedded = 0
  for (const [, object] of lib.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor'))
      continue
    total++
    if (['FontFile', 'FontFile2', 'FontFile3'].some(key => object.has(PDFName.of(key))))
      embedded++
  }
  return {
    pages: doc.numPages,
    title: info.Title,
    author: info.Author,
    language: (lib.catalog.lookup(PDFName.of('Lang')) as PDFString | undefined)?.decodeText(),
    outline,
    text,
    links,
    fonts: { embedded, total },
    tagged: lib.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)?.get(PDFName.of('Marked')) === PDFBool.True
      && lib.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)?.has(PDFName.of('K')) === true,
    pageMode: lib.catalog.lookupMaybe(PDFName.of('PageMode'), PDFName)?.decodeText(),
  }
}
