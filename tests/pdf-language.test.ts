import type { RunResult } from './harness'
import { readFileSync } from 'node:fs'
import { DomUtils, parseDocument } from 'htmlparser2'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBuild, scratchDecks } from './harness'
import { readPdf } from './pdf'

// The English fixture's PDF is checked in build.test.ts; this deck is in French, with a
// co-speaker and text that needs escaping in its title and events.
const FRENCH = '2099-testconf-francais'
const TITLE = 'Tolérance aux pannes & "essais" <en français>'

describe('a French deck, built', () => {
  const scratch = scratchDecks([FRENCH])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  let build: RunResult
  beforeAll(async () => {
    build = await runBuild([], env)
  })
  afterAll(() => scratch.cleanup())

  it('has a PDF in French, with its own title and every speaker as author', async () => {
    expect(build.code, build.stderr).toBe(0)
    const pdf = await readPdf(join(scratch.dist, FRENCH, `${FRENCH}.pdf`))
    expect(pdf.language).toBe('fr')
    expect(pdf.title).toBe(TITLE)
    expect(pdf.author).toBe('Alexys Jacob, Jeanne Dupont')
    expect(pdf.outline[0]).toBe('Tolérance aux pannes')
  })

  it('has a talk page in French, its event and video escaped', () => {
    const html = readFileSync(join(scratch.dist, 'talks', FRENCH, 'index.html'), 'utf8')
    const doc = parseDocument(html)
    expect(DomUtils.getAttributeValue(DomUtils.findOne(el => el.name === 'html', doc.children)!, 'lang')).toBe('fr')
    expect(DomUtils.textContent(DomUtils.findAll(el => el.name === 'h1', doc.children))).toBe(TITLE)
    const events = DomUtils.findOne(el => el.name === 'ul' && el.attribs.class === 'events', doc.children)!
    expect(DomUtils.textContent(events)).toBe('Test Conf <2099> & "amis", Saint-Malo & <Rennes> · 4 March 2099 · Vidéo')
    expect(DomUtils.findAll(el => el.name === 'a' && DomUtils.textContent(el) === 'Vidéo', doc.children).map(a => a.attribs.href)).toEqual(['https://example.com/watch?v="><b>x</b>&t=1'])
    expect(DomUtils.findAll(el => el.name === 'b', doc.children)).toEqual([])
  })
})
