import type { RunResult } from './harness'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../scripts/lib/paths'
import { runBuild, scratchDecks, visibleSlides } from './harness'
import { readPdf } from './pdf'

const GOOD = '2099-testconf-pipeline'
const BROKEN = ['2099-testconf-broken-headmatter', '2099-testconf-missing-snippet', '2099-testconf-slidev-error', '2099-testconf-missing-icon', '2099-testconf-small-text', '2099-testconf-clipped', '2099-testconf-throws']

describe('build of fixture decks (one good, seven broken)', () => {
  const scratch = scratchDecks([GOOD, ...BROKEN])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  let first: RunResult
  beforeAll(async () => {
    first = await runBuild([], env)
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
    expect(first.stderr).toContain('Icon `mdi/home` not found')
    expect(first.stderr).toContain('The icon set "mdi" is not installed: add it to the repository with `npm install -D @iconify-json/mdi`')
    expect(first.stderr).toMatch(/✗ 2099-testconf-throws\n\s+the deck threw in the browser while it was printed: (?:TypeError: )?Cannot read properties of undefined \(reading 'field'\)/)
    expect(first.stderr).toContain('7 deck(s) failed')
    for (const slug of BROKEN)
      expect(existsSync(join(scratch.dist, slug))).toBe(false)
    expect(first.result.decks.map(deck => [deck.slug, deck.status]).sort()).toEqual([[GOOD, 'built'], ...BROKEN.map(slug => [slug, 'failed'])].sort())
    expect(first.result.site).toEqual({ listed: 1 })
  })

  it('refuses slides that cannot be read from the back of the room, naming slide, line, text and fix', () => {
    const errorOf = (slug: string) => {
      const result = first.result.decks.find(deck => deck.slug === slug)
      return result?.status === 'failed' ? result.error : ''
    }
    // Slidev starts slide n (n > 1) on the line after its "---": the headmatter takes two of them.
    const slideLine = (slug: string, no: number) => readFileSync(join(scratch.decks, slug, 'slides.md'), 'utf8').split('\n').map((text, index) => text === '---' ? index + 1 : 0).filter(Boolean)[no]! + 1
    const small = errorOf('2099-testconf-small-text')
    expect(small).toContain(`slide 2 (${scratch.decks.slice(root.length + 1)}/2099-testconf-small-text/slides.md:${slideLine('2099-testconf-small-text', 2)}):`)
    expect(small).toContain('text under 16 px: "A footnote nobody can read" at 12 px; make it 16 px or more')
    expect(small).not.toMatch(/slide 1 /)
    // Mermaid draws inside a shadow root, at the width of the slide: ten boxes in a row shrink their labels.
    expect(small).toMatch(new RegExp(`slide 3 \\(.*slides\\.md:${slideLine('2099-testconf-small-text', 3)}\\):\\n\\s+text under 16 px: "Client" at [\\d.]+ px`))
    const clipped = errorOf('2099-testconf-clipped')
    expect(clipped).toContain(`slide 2 (${scratch.decks.slice(root.length + 1)}/2099-testconf-clipped/slides.md:${slideLine('2099-testconf-clipped', 2)}):`)
    expect(clipped).toMatch(/text cut off: "This sentence runs past the right edge ?…" by the edge of the slide/)
    expect(clipped).toContain('"Third line, cut by the box" by its box (div, overflow hidden)')
    expect(clipped).not.toMatch(/slide 1 /)
    // The good deck, the same build, passes both rules.
    expect(first.result.decks.find(deck => deck.slug === GOOD)?.status).toBe('built')
  })

  it('reports a Slidev error whole: every line from the error on, without colour codes', () => {
    const error = first.result.decks.find(deck => deck.slug === '2099-testconf-slidev-error')
    expect(error?.status).toBe('failed')
    const message = error?.status === 'failed' ? error.error : ''
    expect(message).toContain('does-not-exist.vue')
    // eslint-disable-next-line no-control-regex -- looking for terminal colour codes
    expect(message).not.toMatch(/\u001B\[/)
  })

  it('writes the SPA, its deep-link fallback and the PDF where the deck URL says', () => {
    const html = readFileSync(join(scratch.dist, GOOD, 'index.html'), 'utf8')
    expect(html).toContain(`src="/${GOOD}/assets/`)
    expect(html).toContain('<title>Pipeline check')
    expect(html).not.toMatch(/fonts\.googleapis|cdn\.jsdelivr/)
    // The deck's page is finished before it reaches dist/: description, social cards, first frame.
    expect(html).toContain('<meta name="description" content="A small deck that checks the build pipeline')
    // Built without SITE_URL: no relative address where Open Graph wants an absolute one.
    expect(html).toContain('<meta property="og:title" content="Pipeline check')
    expect(html).not.toMatch(/og:url|og:image/)
    expect(html).toContain('<div id="first-frame">')
    expect(readFileSync(join(scratch.dist, GOOD, '404.html'), 'utf8')).toContain('<div id="first-frame">')
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
    // Without SITE_URL the published address is unknown: no link may lead to the build's own server.
    expect(pdf.links.filter(link => /127\.0\.0\.1|localhost/.test(link))).toEqual([])
  })

  it('lists only built decks on the index, with escaped text', () => {
    const index = readFileSync(join(scratch.dist, 'index.html'), 'utf8')
    expect(index).toContain(`href="/${GOOD}/"`)
    expect(index).toContain(`href="/${GOOD}/${GOOD}.pdf"`)
    expect(index).toContain('with &quot;quotes&quot; in its abstract')
    for (const slug of BROKEN)
      expect(index).not.toContain(slug)
  })

  it('rebuilds when SITE_URL changes, and links the PDF, the QR code and the cards to the published site', async () => {
    const noop = await runBuild([GOOD], env)
    expect(noop.stdout).toContain(`· ${GOOD}  up to date`)
    const published = await runBuild([GOOD], { ...env, SITE_URL: 'https://example.org/' })
    expect(published.code, published.stderr).toBe(0)
    expect(published.result.decks).toMatchObject([{ slug: GOOD, status: 'built' }])
    const pdf = await readPdf(join(scratch.dist, GOOD, `${GOOD}.pdf`))
    expect(pdf.links).toEqual(expect.arrayContaining(['https://example.org/', `https://example.org/${GOOD}/${GOOD}.pdf`]))
    expect(pdf.links.filter(link => /127\.0\.0\.1|localhost/.test(link))).toEqual([])
    // The QR code's caption; pdf.js splits the text where the line wraps.
    expect(pdf.text.at(-1)!.replace(/\s+/g, '')).toContain(`https://example.org/${GOOD}/`)
    expect(readFileSync(join(scratch.dist, GOOD, 'index.html'), 'utf8')).toContain(`<meta property="og:url" content="https://example.org/${GOOD}/">`)
    expect(readFileSync(join(scratch.dist, 'sitemap.xml'), 'utf8')).toContain(`<loc>https://example.org/talks/${GOOD}/</loc>`)
    expect(readFileSync(join(scratch.dist, 'talks', GOOD, 'index.html'), 'utf8')).toContain(`<link rel="canonical" href="https://example.org/talks/${GOOD}/">`)
    expect(published.stdout).not.toContain('SITE_URL is not set')
    // Back to no SITE_URL: rebuilt again, the published addresses gone, and said once.
    const local = await runBuild([GOOD], env)
    expect(local.result.decks).toMatchObject([{ slug: GOOD, status: 'built' }])
    expect(local.stdout.match(/SITE_URL is not set/g)).toHaveLength(1)
    expect(existsSync(join(scratch.dist, 'sitemap.xml'))).toBe(false)
    expect(existsSync(join(scratch.dist, 'feed.xml'))).toBe(false)
    expect(readFileSync(join(scratch.dist, GOOD, 'index.html'), 'utf8')).not.toContain('og:url')
  })

  it('keeps the last good output when a deck breaks, and reuses it when nothing changed', async () => {
    const pdf = join(scratch.dist, GOOD, `${GOOD}.pdf`)
    const before = readFileSync(pdf)
    const noop = await runBuild([GOOD], env)
    expect(noop.code).toBe(0)
    expect(noop.stdout).toContain(`· ${GOOD}  up to date`)

    const entry = join(scratch.decks, GOOD, 'slides.md')
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('date: 2099-01-02', 'date: 2 January 2099'))
    const broken = await runBuild([GOOD], env)
    expect(broken.code).not.toBe(0)
    expect(broken.stderr).toMatch(/slides\.md:16: events\.0\.date is invalid: expected a date as YYYY-MM-DD/)
    expect(readFileSync(pdf)).toEqual(before)
    expect(statSync(join(scratch.dist, GOOD, 'index.html')).isFile()).toBe(true)
    expect(readFileSync(join(scratch.dist, 'index.html'), 'utf8')).toContain('Pipeline check')
  })

  it('refuses a folder that is not a slug, and two folders that publish to the same path', async () => {
    const clash = scratchDecks([GOOD])
    try {
      cpSync(join(clash.decks, GOOD), join(clash.decks, GOOD.toUpperCase()), { recursive: true })
      const result = await runBuild([], { TALKS_DECKS_DIR: clash.decks, TALKS_DIST_DIR: clash.dist })
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
  // The probe deck uses a component of an addon of its own, beside the decks in the scratch
  // folder: the test never writes into the repository's shared folders.
  const PROBE = '2099-testconf-probe'
  const scratch = scratchDecks([GOOD])
  const addon = join(scratch.decks, 'probe-addon')
  const component = join(addon, 'components/StaleProbe.vue')
  const probe = (text: string) => `<template>\n  <p>Probe says ${text}</p>\n</template>\n`
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  const probeText = async () => (await readPdf(join(scratch.dist, PROBE, `${PROBE}.pdf`))).text.join(' ')
  beforeAll(() => {
    mkdirSync(join(addon, 'components'), { recursive: true })
    writeFileSync(join(addon, 'package.json'), '{ "name": "probe-addon", "private": true }\n')
    writeFileSync(component, probe('first version'))
    cpSync(join(scratch.decks, GOOD), join(scratch.decks, PROBE), { recursive: true })
    const entry = join(scratch.decks, PROBE, 'slides.md')
    writeFileSync(entry, `${readFileSync(entry, 'utf8').replace('  - "@/../.."', '  - "@/../.."\n  - "@/../probe-addon"')}\n---\n\n# Probe\n\n<StaleProbe />\n`)
  })
  afterAll(() => scratch.cleanup())

  it('rebuilds the deck that uses an edited shared component, and only that deck', async () => {
    const first = await runBuild([], env)
    expect(first.code, first.stderr).toBe(0)
    expect(await probeText()).toContain('Probe says first version')

    writeFileSync(component, probe('second version'))
    const second = await runBuild([], env)
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(new RegExp(`✓ ${PROBE}\\s+build`))
    expect(second.stdout).toContain(`· ${GOOD}  up to date`)
    const text = await probeText()
    expect(text).toContain('Probe says second version')
    expect(text).not.toContain('first version')

    // A file the last build used that is gone is a change too.
    rmSync(component)
    const third = await runBuild([], env)
    expect(third.stdout).toMatch(new RegExp(`✓ ${PROBE}\\s+build`))
    expect(third.stdout).toContain(`· ${GOOD}  up to date`)
    expect(await probeText()).not.toContain('Probe says')
    // Four deck builds, each with its PDF, handout and PPTX.
  }, 10 * 60_000)
})
