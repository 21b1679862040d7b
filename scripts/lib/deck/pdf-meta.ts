import type { PDFDocument } from 'pdf-lib'

export interface PdfMeta {
  title: string
  author: string
  subject: string
  keywords: string[]
  lang: string
}

/** What a reader's PDF viewer and a search engine read about a deck: its document information and language. */
export function setPdfMeta(pdf: PDFDocument, meta: PdfMeta): void {
  pdf.setTitle(meta.title, { showInWindowTitleBar: true })
  pdf.setAuthor(meta.author)
  pdf.setSubject(meta.subject)
  pdf.setKeywords(meta.keywords)
  pdf.setLanguage(meta.lang)
  pdf.setCreator('talks (Slidev)')
}
