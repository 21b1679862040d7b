import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../scripts/lib/paths'
import { runBuild, scratchDecks, visibleSlides } from './harness'
import { readPdf } from './pdf'

const GOOD = '2099-testconf-pipeline'
const BROKEN = ['2099-testconf-broken-headmatter', '2099-testconf-missing-snippet', '2099-testconf-slidev-error']

describe('build of fixture decks (one good, three broken)', () => {
  const scratch = scratchDecks([GOOD, ...BROKEN])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  let first: ReturnType<typeof runBuild>
  beforeAll(() => {
    first = runBuild([], env)
  })
  afterAll(() => scratch.cleanup())

  it('builds the good deck and fails the broken ones, naming deck, file, line and fix', () => {
    expect(first.code).not.toBe(0)
    expect(first.stdout).toMatch(new RegExp(`✓ ${GOOD}\\s+build [\\d.]+s\\s+pdf [\\d.]+s`))
    expect(first.stderr).toContain(`✗ 2099-testconf-broken-headmatter`)
    expect(first.stderr).toMatch(/2099-testconf-broken-headmatter\/slides\.md:10: kind is invalid: expected one of: talk, interactive, informal/)
    expect(first.stderr).toMatch(/2099-testconf-missing-snippet\/slides\.md:32: snippet ".*snippet\.ts" has no region "nowhere"/)
    expect(first.stderr).toMatch(/✗ 2099-testconf-slidev-error\n\s+slidev build failed .*2099-testconf-slidev-error\/slides\.md/)
    expect(first.stderr).toContain('does-not-exist.vue')
    expect(first.stderr).toContain('3 deck(s) failed')
    for (const slug of BROKEN)
      expect(existsSync(join(scratch.dist, slug))).toBe(false)
  })

  it('writes the SPA, its deep-link fallback and the PDF where the deck URL says', () => {
    const html = readFileSync(join(scratch.dist, GOOD, 'index.html'), 'utf8')
    expect(html).toContain(`src="/${GOOD}/assets/`)
    expect(html).toContain('<title>Pipeline check')
    expect(html).not.toMatch(/fonts\.googleapis|cdn\.jsdelivr/)
    expect(readFileSync(join(scratch.dist, GOOD, '_redirects'), 'utf8')).toContain(`/${GOOD}/*`)
    expect(existsSync(join(scratch.dist, GOOD, '404.html'))).toBe(true)
  })

  it('prints one PDF page per visible slide, with text, links, outline, metadata and embedded fonts', async () => {
    const slides = await visibleSlides(join(scratch.decks, GOOD, 'slides.md'))
    const pdf = await readPdf(join(scratch.dist, GOOD, `${GOOD}.pdf`))
    expect(slides).toHaveLength(4)
    expect(pdf.pages).toBe(slides.length)
    slides.forEach((slide, index) => slide.title && expect(pdf.text[index]).toContain(slide.title))
    expect(pdf.text.join(' ')).not.toContain('Hidden slide')
    expect(pdf.text[1].replace(/\s+/g, ' ')).toContain('return 42')
    expect(pdf.links).toContain('https://example.com/')
    // Every titled slide has an outline entry, in order; the closing layout adds its own heading.
    expect(pdf.outline.slice(0, 3)).toEqual(slides.map(slide => slide.title).filter(Boolean))
    expect(pdf.outline[3]).toBe('Thank you!')
    expect(pdf.title).toBe('Pipeline check')
    expect(pdf.author).toBe('Alexys Jacob')
    expect(pdf.language).toBe('en')
    expect(pdf.fonts.total).toBeGreaterThan(0)
    expect(pdf.fonts.embedded).toBe(pdf.fonts.total)
  })

  it('lists only built decks on the index, with escaped text', () => {
    const index = readFileSync(join(scratch.dist, 'index.html'), 'utf8')
    expect(index).toContain(`href="/${GOOD}/"`)
    expect(index).toContain(`href="/${GOOD}/${GOOD}.pdf"`)
    expect(index).toContain('with &quot;quotes&quot; in its abstract')
    for (const slug of BROKEN)
      expect(index).not.toContain(slug)
  })

  it('keeps the last good output when a deck breaks, and reuses it when nothing changed', () => {
    const pdf = join(scratch.dist, GOOD, `${GOOD}.pdf`)
    const before = readFileSync(pdf)
    const noop = runBuild([GOOD], env)
    expect(noop.code).toBe(0)
    expect(noop.stdout).toContain(`· ${GOOD}  up to date`)

    const entry = join(scratch.decks, GOOD, 'slides.md')
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('date: 2099-01-02', 'date: 2 January 2099'))
    const broken = runBuild([GOOD], env)
    expect(broken.code).not.toBe(0)
    expect(broken.stderr).toMatch(/slides\.md:16: events\.0\.date is invalid: expected a date as YYYY-MM-DD/)
    expect(readFileSync(pdf)).toEqual(before)
    expect(statSync(join(scratch.dist, GOOD, 'index.html')).isFile()).toBe(true)
    expect(readFileSync(join(scratch.dist, 'index.html'), 'utf8')).toContain('Pipeline check')
  })

  it('refuses a folder that is not a slug, and two folders that publish to the same path', () => {
    const clash = scratchDecks([GOOD])
    try {
      cpSync(join(clash.decks, GOOD), join(clash.decks, GOOD.toUpperCase()), { recursive: true })
      const result = runBuild([], { TALKS_DECKS_DIR: clash.decks, TALKS_DIST_DIR: clash.dist })
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain(`"${GOOD.toUpperCase()}" is not a deck slug`)
      expect(result.stderr).toMatch(new RegExp(`publishes to /${GOOD}/ like "${GOOD.toUpperCase()}"`))
    }
    finally {
      clash.cleanup()
    }
  })
})

describe('incremental builds follow what each deck uses', () => {
  const PROBE = '2099-testconf-probe'
  const component = join(root, 'components/StaleProbe.vue')
  const probe = (text: string) => `<template>\n  <p>Probe says ${text}</p>\n</template>\n`
  const scratch = scratchDecks([GOOD])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  const probeText = async () => (await readPdf(join(scratch.dist, PROBE, `${PROBE}.pdf`))).text.join(' ')
  beforeAll(() => {
    cpSync(join(scratch.decks, GOOD), join(scratch.decks, PROBE), { recursive: true })
    appendFileSync(join(scratch.decks, PROBE, 'slides.md'), '\n---\n\n# Probe\n\n<StaleProbe />\n')
    writeFileSync(component, probe('first version'))
  })
  afterAll(() => {
    rmSync(component, { force: true })
    scratch.cleanup()
  })

  it('rebuilds the deck that uses an edited shared component, and only that deck', async () => {
    const first = runBuild([], env)
    expect(first.code, first.stderr).toBe(0)
    expect(await probeText()).toContain('Probe says first version')

    writeFileSync(component, probe('second version'))
    const second = runBuild([], env)
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(new RegExp(`✓ ${PROBE}\\s+build`))
    expect(second.stdout).toContain(`· ${GOOD}  up to date`)
    const text = await probeText()
    expect(text).toContain('Probe says second version')
    expect(text).not.toContain('first version')

    // A file the last build used that is gone is a change too.
    rmSync(component)
    const third = runBuild([], env)
    expect(third.stdout).toMatch(new RegExp(`✓ ${PROBE}\\s+build`))
    expect(third.stdout).toContain(`· ${GOOD}  up to date`)
    expect(await probeText()).not.toContain('Probe says')
  })
})
