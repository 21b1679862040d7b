import type { RunResult } from './harness'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBuild, scratchDecks, visibleSlides } from './harness'
import { readPdf } from './pdf'
import { readPptx } from './pptx'

// What organisers take home from each deck, built for real from fixture decks: the PDF and
// the handout tagged and opening on their outline, the handout with every slide's notes,
// the PPTX with a picture and the notes of each slide, widgets printed without controls.

const WIDGETS = '2099-testconf-widgets'
/** The pipeline fixture, its notes kept unpublished. */
const PRIVATE = '2099-testconf-pipeline'
// What each widget's controls print as: none of it may reach paper.
const CONTROLS = /[+−] ?node|[+−] ?vnode|[+−] ?attendee|\breset\b|add provider|\bkill\b|\bleave\b|\bPlay\b|\bStart\b|One more hand/
const squeeze = (text: string) => text.replace(/\s+/g, '')

describe('the PDF, the handout and the PPTX of a deck', () => {
  const scratch = scratchDecks([WIDGETS, PRIVATE])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  const file = (slug: string, name: string) => join(scratch.dist, slug, name)
  let run: RunResult
  beforeAll(async () => {
    const entry = join(scratch.decks, PRIVATE, 'slides.md')
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('\nkind: talk\n', '\nkind: talk\npublishNotes: false\n'))
    run = await runBuild([], env)
  })
  afterAll(() => scratch.cleanup())

  it('builds both decks', () => {
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`✓ ${WIDGETS}\\s+build [\\d.]+s\\s+pdf [\\d.]+s\\s+handout\\+pptx [\\d.]+s`))
  })

  it('tags every PDF and handout for screen readers, and opens them on the outline of the slide titles', async () => {
    const slides = await visibleSlides(join(scratch.decks, WIDGETS, 'slides.md'))
    for (const pdfFile of [file(WIDGETS, `${WIDGETS}.pdf`), file(WIDGETS, `${WIDGETS}-handout.pdf`), file(PRIVATE, `${PRIVATE}.pdf`)]) {
      const pdf = await readPdf(pdfFile)
      expect(pdf.tagged, pdfFile).toBe(true)
      expect(pdf.pageMode, pdfFile).toBe('UseOutlines')
      expect(pdf.outline.length, pdfFile).toBeGreaterThan(2)
    }
    const handout = await readPdf(file(WIDGETS, `${WIDGETS}-handout.pdf`))
    const deck = await readPdf(file(WIDGETS, `${WIDGETS}.pdf`))
    expect(handout.outline).toEqual(deck.outline)
    // Every titled slide, in order; the closing layout brings its own heading.
    expect(handout.outline).toEqual([...slides.map(slide => slide.title).filter(Boolean), 'Thank you!'])
    expect({ title: handout.title, author: handout.author, language: handout.language }).toEqual({ title: 'Widgets on paper', author: 'Alexys Jacob', language: 'en' })
    expect(handout.fonts.embedded).toBe(handout.fonts.total)
    expect([...deck.links, ...handout.links].filter(link => /127\.0\.0\.1|localhost/.test(link))).toEqual([])
  })

  it('puts each slide on a handout page of its own, with its speaker notes below it', async () => {
    const slides = await visibleSlides(join(scratch.decks, WIDGETS, 'slides.md'))
    const handout = await readPdf(file(WIDGETS, `${WIDGETS}-handout.pdf`))
    expect(handout.pages).toBe(slides.length)
    slides.forEach((slide, index) => {
      if (slide.title)
        expect(squeeze(handout.text[index]!)).toContain(squeeze(slide.title))
      for (const paragraph of (slide.note ?? '').split(/\n\s*\n/).filter(Boolean))
        expect(squeeze(handout.text[index]!), `slide ${index + 1}`).toContain(squeeze(paragraph))
    })
    expect(squeeze(handout.text[2]!)).toContain(squeeze('A second paragraph of raffle notes.'))
  })

  it('prints the widgets in their state, without their controls', async () => {
    for (const name of [`${WIDGETS}.pdf`, `${WIDGETS}-handout.pdf`]) {
      const text = (await readPdf(file(WIDGETS, name))).text.join('\n')
      expect(text, name).not.toMatch(CONTROLS)
      // The state is still there: the ring's counts, the raffle's table, the tally, the snapshot.
      expect(text, name).toMatch(/node-0: \d+ keys/)
      expect(text, name).toContain('winner now')
      expect(text, name).toMatch(/0 hands up/)
      expect(squeeze(text), name).toContain(squeeze('Full jitter: on'))
      expect(text, name).toContain('Snapshot for print')
    }
  })

  it('makes a PPTX with a picture per slide, each slide\'s notes in its notes pane, and the talk\'s metadata', async () => {
    const slides = await visibleSlides(join(scratch.decks, WIDGETS, 'slides.md'))
    const pptx = await readPptx(file(WIDGETS, `${WIDGETS}.pptx`))
    expect(pptx.slides).toEqual(slides.map((_, index) => `ppt/slides/slide${index + 1}.xml`))
    expect(pptx.pictures).toEqual(slides.map(() => 1))
    slides.forEach((slide, index) => expect(squeeze(pptx.notes[index]!), `slide ${index + 1}`).toBe(squeeze(slide.note ?? '')))
    expect(pptx.notes[1]).toContain('Ring notes: printed, the ring shows its first frame.')
    expect({ title: pptx.title, creator: pptx.creator, language: pptx.language }).toEqual({ title: 'Widgets on paper', creator: 'Alexys Jacob', language: 'en' })
  })

  it('gives a deck whose notes are unpublished no handout, no link to one, and a PPTX without notes', async () => {
    expect(existsSync(file(PRIVATE, `${PRIVATE}-handout.pdf`))).toBe(false)
    const pptx = await readPptx(file(PRIVATE, `${PRIVATE}.pptx`))
    expect(pptx.slides).toHaveLength((await visibleSlides(join(scratch.decks, PRIVATE, 'slides.md'))).length)
    expect(pptx.notes.filter(Boolean)).toEqual([])
    // The closing slide lists the handout only where there is one.
    expect((await readPdf(file(PRIVATE, `${PRIVATE}.pdf`))).text.at(-1)).not.toContain('Slides with notes')
    expect((await readPdf(file(WIDGETS, `${WIDGETS}.pdf`))).text.at(-1)).toContain('Slides with notes')
    const talkPage = (slug: string) => readFileSync(join(scratch.dist, 'talks', slug, 'index.html'), 'utf8')
    expect(talkPage(WIDGETS)).toContain(`href="/${WIDGETS}/${WIDGETS}-handout.pdf"`)
    expect(talkPage(WIDGETS)).toContain(`href="/${WIDGETS}/${WIDGETS}.pptx"`)
    expect(talkPage(PRIVATE)).not.toContain('-handout.pdf')
    expect(talkPage(PRIVATE)).toContain(`href="/${PRIVATE}/${PRIVATE}.pptx"`)
  })

  it('links the handout to the published site, as the PDF', async () => {
    const published = await runBuild([WIDGETS], { ...env, SITE_URL: 'https://example.org/' })
    expect(published.code, published.stderr).toBe(0)
    const handout = await readPdf(file(WIDGETS, `${WIDGETS}-handout.pdf`))
    expect(handout.links).toEqual(expect.arrayContaining(['https://example.org/', `https://example.org/${WIDGETS}/${WIDGETS}.pdf`, `https://example.org/${WIDGETS}/${WIDGETS}-handout.pdf`]))
    expect(handout.links.filter(link => /127\.0\.0\.1|localhost/.test(link))).toEqual([])
  }, 10 * 60_000)
})
