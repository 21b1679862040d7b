import { PDFBool, PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { setPdfMeta } from '../scripts/lib/deck/pdf-meta'

describe('a PDF\'s metadata', () => {
  it('carries the deck\'s title (shown in the window\'s title bar), authors, subject, keywords and language', async () => {
    const blank = await PDFDocument.create()
    blank.addPage()
    setPdfMeta(blank, { title: 'Tolérance & "pannes"', author: 'Alexys Jacob, Jeanne Dupont', subject: 'Un résumé.', keywords: ['python', 'etcd'], lang: 'fr' })
    const bytes = await blank.save()

    const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise
    const info = (await doc.getMetadata()).info as Record<string, string>
    expect(info).toMatchObject({ Title: 'Tolérance & "pannes"', Author: 'Alexys Jacob, Jeanne Dupont', Subject: 'Un résumé.', Keywords: 'python etcd', Creator: 'talks (Slidev)' })
    const read = await PDFDocument.load(bytes)
    expect(read.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(fr)')
    const preferences = read.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict)
    expect(preferences.lookup(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True)
  })
})
