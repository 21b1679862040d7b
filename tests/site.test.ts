import { existsSync, readFileSync } from 'node:fs'
import { join } from 'pathe'
import { beforeAll, describe, expect, it } from 'vitest'
import { findDecks } from '../scripts/lib/deck/decks'
import { decksDir, distDir } from '../scripts/lib/paths'
import { buildSite, visibleSlides } from './harness'
import { readPdf } from './pdf'

const decks = findDecks(decksDir)

describe('the real site: every deck to SPA + PDF + index', () => {
  beforeAll(async () => {
    const result = await buildSite()
    if (result.code !== 0)
      throw new Error(`npm run build failed:\n${result.stderr}`)
  })

  it.each(decks.map(deck => [deck.slug, deck] as const))('%s: SPA and a PDF page per visible slide, titled', async (slug, deck) => {
    expect(existsSync(join(distDir, slug, 'index.html'))).toBe(true)
    const slides = await visibleSlides(deck.entry)
    const pdf = await readPdf(join(distDir, slug, `${slug}.pdf`))
    expect(pdf.pages).toBe(slides.length)
    // Markdown rendering turns quotes typographic and may change case or spacing.
    const plain = (text: string) => text.toLowerCase().replace(/[‘’]/g, '\'').replace(/[“”]/g, '"').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim()
    const text = pdf.text.map(plain)
    slides.forEach((slide, index) => {
      if (slide.title)
        expect(text[index], `slide ${index + 1}`).toContain(plain(slide.title))
    })
    expect(pdf.fonts.embedded).toBe(pdf.fonts.total)
    expect(pdf.outline.length).toBeGreaterThan(0)
    // Links to the build's own server would be dead in every downloaded copy.
    expect(pdf.links.filter(link => /127\.0\.0\.1|localhost/.test(link))).toEqual([])
  })

  it('lists every deck and entry on the index', () => {
    const index = readFileSync(join(distDir, 'index.html'), 'utf8')
    for (const deck of decks)
      expect(index).toContain(`href="/${deck.slug}/"`)
    expect(index).toContain('Scylla User Award')
    expect(index).toContain('Scaling Python')
  })
})
