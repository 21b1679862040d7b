import { readFileSync } from 'node:fs'
import { join } from 'pathe'
import { describe, expect, it } from 'vitest'
import { checkDeck, findDecks } from '../scripts/lib/deck/decks'
import { decksDir, root } from '../scripts/lib/paths'
import { entriesSchema, talkSchema } from '../scripts/lib/schema'
import { checkYaml } from '../scripts/lib/yaml-check'

const good = readFileSync(join(root, 'tests/fixtures/2099-testconf-pipeline/slides.md'), 'utf8').split('---\n')[1]

describe('headmatter schema', () => {
  it('accepts the fixture deck', () => {
    const talk = checkYaml(talkSchema, good, 'slides.md', 2)
    expect(talk.kind).toBe('talk')
    expect(talk.events[0].city).toBe('Paris')
  })

  it.each([
    ['kind: talk', 'kind: keynote', /slides\.md:10: kind is invalid: expected one of: talk, interactive, informal/],
    ['lang: en', 'lang: english', /slides\.md:11: lang is invalid: expected a language code \(BCP 47\)/],
    ['lang: en', 'lang: en-', /slides\.md:11: lang is invalid: expected a language code \(BCP 47\)/],
    ['    city: Paris\n', '', /slides\.md:14: events\.0\.city is missing: expected the city/],
    ['date: 2099-01-02', 'date: 2/1/2099', /slides\.md:16: events\.0\.date is invalid: expected a date as YYYY-MM-DD/],
    ['  provider: none', '  provider: google', /slides\.md:5: fonts\.provider is invalid: expected "none"/],
    ['title: Pipeline check\n', '', /slides\.md:2: title is missing: expected the talk title/],
    ['tags: [testing]', 'tags: [Not A Tag]', /slides\.md:12: tags\.0 is invalid: expected lowercase words joined by dashes/],
    ['kind: talk', 'kind: [talk', /slides\.md:\d+: invalid YAML/],
  ])('names the file, line and fix when %s becomes %s', (from, to, expected) => {
    expect(() => checkYaml(talkSchema, good.replace(from, to), 'slides.md', 2)).toThrow(expected)
  })

  it('checks the entries that are not decks', () => {
    expect(() => checkYaml(entriesSchema, '- title: X\n  kind: prize\n', 'data/entries.yml')).toThrow(/data\/entries\.yml:2: 0\.kind is invalid: expected one of: award, interview/)
  })
})

describe('the real decks', () => {
  const decks = findDecks(decksDir)
  it('are there, at least two', () => {
    expect(decks.length).toBeGreaterThanOrEqual(2)
  })
  it.skipIf(!decks.length).each(decks.map(deck => [deck.slug, deck]))('%s has valid headmatter and snippet imports', async (_, deck) => {
    await expect(checkDeck(deck)).resolves.toMatchObject({ slug: deck.slug })
  })
  it('know the files they import from elsewhere, so editing those rebuilds them', async () => {
    const deck = decks.find(deck => deck.slug === '2018-pyconfr-consistent-hashing')!
    const imports = (await checkDeck(deck)).imports.map(file => file.slice(root.length + 1))
    expect(imports).toContain('decks/2017-europython-consistent-hashing/pages/04-ring.md')
    expect(imports).toContain('snippets/consistent-hashing/compact-dict.ts')
    expect(imports.filter(file => file.startsWith(`decks/${deck.slug}/`))).toEqual([])
  })
})
