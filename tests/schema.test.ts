import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import ts from 'typescript'
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
    ['date: 2099-01-02', 'date: 2099-02-30', /slides\.md:16: events\.0\.date is invalid: expected a date as YYYY-MM-DD .*that exists in the calendar/],
    ['date: 2099-01-02', 'date: 2099-13-45', /slides\.md:16: events\.0\.date is invalid: expected a date .*that exists in the calendar/],
    ['date: 2099-01-02', 'date: 2099-13', /slides\.md:16: events\.0\.date is invalid/],
    ['date: 2099-01-02', 'date: 2099-07-01\n    until: 2099-06-01', /slides\.md:17: events\.0\.until is invalid: expected a last day after the event's date/],
    ['date: 2099-01-02', 'date: 2099-07-01\n    until: 2099-06-31', /slides\.md:17: events\.0\.until is invalid: expected a date as YYYY-MM-DD that exists/],
    ['video: https://www.youtube.com/watch?v=AIYsV5scL7A', 'video: "javascript:alert(document.domain)"', /slides\.md:17: events\.0\.video is invalid: expected the address of the video, starting with https:\/\//],
    ['video: https://www.youtube.com/watch?v=AIYsV5scL7A', 'video: "data:text/html,<script>alert(1)</script>"', /slides\.md:17: events\.0\.video is invalid/],
    ['video: https://www.youtube.com/watch?v=AIYsV5scL7A', 'video: "JavaScript://example.com/%0Aalert(1)"', /slides\.md:17: events\.0\.video is invalid/],
    ['video: https://www.youtube.com/watch?v=AIYsV5scL7A', 'vidoe: https://www.youtube.com/watch?v=AIYsV5scL7A', /slides\.md:17: "vidoe" is not a known key: did you mean "video"\?/],
    ['tags: [testing]', 'tags: [testing]\ncoSpeaker: [Ada]', /slides\.md:13: "coSpeaker" is not a known key: did you mean "coSpeakers"\?/],
    ['layout: cover', 'layuot: cover', /slides\.md:7: "layuot" is not a known key: did you mean "layout"\?/],
    ['title: Pipeline check', 'title: <script>alert(1)</script>', /slides\.md:8: title is invalid: expected the talk title as plain text, without HTML tags/],
  ])('names the file, line and fix when %s becomes %s', (from, to, expected) => {
    expect(() => checkYaml(talkSchema, good.replace(from, to), 'slides.md', 2)).toThrow(expected)
  })

  it('checks the entries that are not decks', () => {
    expect(() => checkYaml(entriesSchema, '- title: X\n  kind: prize\n', 'data/entries.yml')).toThrow(/data\/entries\.yml:2: 0\.kind is invalid: expected one of: award, interview/)
  })

  const entry = (link: string) => `- title: An award\n  kind: award\n  lang: en\n  year: 2018\n  where: Somewhere\n  description: What it was for.\n  link:\n    label: The announcement\n    ${link}\n`
  it('takes only web addresses and known keys in the entries', () => {
    expect(checkYaml(entriesSchema, entry('url: https://example.com/award'), 'data/entries.yml')[0]!.link!.url).toBe('https://example.com/award')
    expect(() => checkYaml(entriesSchema, entry('url: "javascript:alert(1)"'), 'data/entries.yml')).toThrow(/data\/entries\.yml:9: 0\.link\.url is invalid: expected a web address starting with https:\/\//)
    expect(() => checkYaml(entriesSchema, entry('href: https://example.com/award'), 'data/entries.yml')).toThrow(/data\/entries\.yml:9: "href" is not a known key; the keys here are: label, url/)
  })

  it('knows every key Slidev reads from a headmatter, so that none is reported as unknown', () => {
    // The keys of @slidev/types' Headmatter, read by the TypeScript compiler from the installed package.
    const file = join(root, '.cache/headmatter-keys.ts')
    mkdirSync(join(root, '.cache'), { recursive: true })
    writeFileSync(file, 'import type { Headmatter } from \'@slidev/types\'\nexport declare const headmatter: Headmatter\n')
    const program = ts.createProgram([file], { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, noEmit: true })
    const checker = program.getTypeChecker()
    const declaration = program.getSourceFile(file)!.statements.find(ts.isVariableStatement)!.declarationList.declarations[0]!
    const keys = checker.getTypeAtLocation(declaration).getProperties().map(symbol => symbol.name)
    expect(keys.length).toBeGreaterThan(40)
    const talk = readFileSync(join(root, 'tests/fixtures/2099-testconf-pipeline/slides.md'), 'utf8').split('---\n')[1]!
    for (const key of keys)
      expect(() => checkYaml(talkSchema, `${talk}${key}: null\n`, 'slides.md', 2), key).not.toThrow(/not a known key/)
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
