import type { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { entrySchema, eventSchema, talkSchema } from '../scripts/lib/schema'

// Each rule of the headmatter and entries schemas, at its edges, with the message it gives.

const event = { name: 'EuroPython 2017', city: 'Rimini', date: '2017-07-09' }
const talk = {
  title: 'A talk',
  abstract: 'Twenty characters ok',
  kind: 'talk',
  lang: 'en',
  tags: ['python'],
  events: [event],
  addons: ['@/../..'],
  fonts: { provider: 'none' },
  favicon: '../../public/favicon.svg',
}
const entry = { title: 'An award', kind: 'award', lang: 'en', year: 2018, where: 'Summit', description: 'Given for contributions.' }

/** The messages a value gets, by the path of the field they are about. */
function messages(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value)
  return result.success ? {} : Object.fromEntries(result.error.issues.map(issue => [issue.path.join('.'), issue.message]))
}

const DATE = 'a date as YYYY-MM-DD (or YYYY-MM / YYYY when the day is not known) that exists in the calendar'
const DAY = 'a date as YYYY-MM-DD that exists in the calendar'
const LANG = 'a language code (BCP 47), such as "en", "fr", "ja" or "pt-BR"'

describe('talk headmatter', () => {
  it('accepts a minimal talk, with no co-speakers by default', () => {
    expect(talkSchema.parse(talk).coSpeakers).toEqual([])
  })

  it.each([
    ['2017', '2017'],
    [2017, '2017'],
    ['2017-07', '2017-07'],
    ['2017-07-09', '2017-07-09'],
  ])('takes %j as an event date', (date, parsed) => {
    expect(eventSchema.parse({ ...event, date }).date).toBe(parsed)
  })

  it.each(['17', '2017-7', '2017-07-9', '2017-07-09x', 'x2017', '2017-07-09-01', 'abcd', '2017-ab', '2017-07-ab', '2017-', '2017-13', '2017-00', '2017-02-29', '2016-02-30', '2017-04-31', '2017-07-00'])('refuses %j as an event date', (date) => {
    expect(messages(eventSchema, { ...event, date })).toEqual({ date: DATE })
  })

  it('says what a missing date should be', () => {
    expect(messages(eventSchema, { name: 'E', city: 'C' })).toEqual({ date: DATE })
  })

  it.each(['2017-07', '2017-07-16x', 'x2017-07-16', '2017-7-16', '17-07-16', '2017-07-1a', 'abcd-07-16', '2017-ab-16', '2017-06-31'])('refuses %j as the last day', (until) => {
    expect(messages(eventSchema, { ...event, until })).toEqual({ until: DAY })
  })

  it('takes a last day as YYYY-MM-DD, and a video URL', () => {
    expect(eventSchema.parse({ ...event, until: '2017-07-16', video: 'https://example.com/v' })).toMatchObject({ until: '2017-07-16' })
  })

  it('names what each event field should be', () => {
    expect(messages(eventSchema, { date: '2017', until: 3, video: 'not a url' })).toEqual({
      name: 'the event name, e.g. "EuroPython 2017"',
      city: 'the city, e.g. "Rimini"',
      until: DAY,
      video: 'the address of the video, starting with https://',
    })
    // An unknown key is reported first, alone: it is often a misspelt one of the others.
    expect(messages(eventSchema, { date: '2017', vidoe: 'https://example.com/v' })).toEqual({ vidoe: '"vidoe" is not a known key: did you mean "video"?' })
    expect(messages(eventSchema, { ...event, extra: 1 })).toEqual({ extra: '"extra" is not a known key; the keys here are: name, city, date, until, video' })
    expect(messages(eventSchema, { ...event, name: '   ' })).toEqual({ name: 'the event name, e.g. "EuroPython 2017"' })
  })

  it.each(['en', 'fr', 'pt-BR', 'zh-Hant', 'ast', 'de-CH-1996'])('takes %j as a language', (lang) => {
    expect(talkSchema.parse({ ...talk, lang }).lang).toBe(lang)
  })

  it.each(['english', 'e', 'en-', 'en-a', 'en-!!', 'en-abcdefghi', 'en-US-US', '1en', 'en_US'])('refuses %j as a language', (lang) => {
    expect(messages(talkSchema, { ...talk, lang })).toEqual({ lang: LANG })
  })

  it('says what each talk field should be', () => {
    expect(messages(talkSchema, {})).toEqual({
      title: 'the talk title',
      abstract: 'an abstract of at least a sentence',
      kind: 'one of: talk, interactive, informal',
      lang: LANG,
      tags: 'a list of tags',
      events: 'a list of events the talk was given at',
      addons: 'a list containing "@/../.." (the shared addon at the repository root)',
      fonts: '{ provider: none }: fonts are self-hosted by the addon',
      favicon: '"../../public/favicon.svg": the default favicon is fetched from a CDN',
    })
    expect(messages(talkSchema, { ...talk, title: ' ', abstract: 'Nineteen characters', coSpeakers: [''], tags: [], events: [], addons: ['x'], fonts: { provider: 'google' } })).toEqual({
      'title': 'the talk title',
      'abstract': 'an abstract of at least a sentence',
      'coSpeakers.0': 'a co-speaker\'s name',
      'tags': 'at least one tag',
      'events': 'at least one event the talk was given at',
      'addons': 'a list containing "@/../.." (the shared addon at the repository root)',
      'fonts.provider': '"none": fonts are self-hosted by the addon, the default fetches Google Fonts',
    })
  })

  it.each(['Python', 'a b', 'abc!', '!abc', ''])('refuses %j as a tag', (tag) => {
    expect(messages(talkSchema, { ...talk, tags: [tag] })).toEqual({ 'tags.0': 'lowercase words joined by dashes' })
  })

  it('keeps Slidev\'s own keys', () => {
    expect(talkSchema.parse({ ...talk, layout: 'cover', fonts: { provider: 'none', sans: 'Nunito' } })).toMatchObject({ layout: 'cover', fonts: { sans: 'Nunito' } })
  })
})

describe('index entries', () => {
  it('accepts an entry, with no tags by default, and its years from 2000 to 2100', () => {
    expect(entrySchema.parse(entry).tags).toEqual([])
    expect(entrySchema.parse({ ...entry, year: 2000 }).year).toBe(2000)
    expect(entrySchema.parse({ ...entry, year: 2100, questions: ['Why?'], link: { label: 'Book', url: 'https://example.com/' }, tags: ['a-1'] })).toMatchObject({ year: 2100 })
  })

  it('says what each entry field should be', () => {
    expect(messages(entrySchema, {})).toEqual({
      title: 'the entry title',
      kind: 'one of: award, interview',
      lang: LANG,
      year: 'the year, e.g. 2018',
      where: 'where it happened, e.g. "Scylla Summit 2018, San Francisco"',
      description: 'a one-paragraph description',
    })
  })

  it.each([
    [{ year: 1999 }, 'year'],
    [{ year: 2101 }, 'year'],
    [{ year: 2017.5 }, 'year'],
    [{ questions: [''] }, 'questions.0'],
    [{ link: { label: '', url: 'https://example.com/' } }, 'link.label'],
    [{ link: { label: 'Book', url: 'not a url' } }, 'link.url'],
    [{ link: { label: 'Book', url: 'https://example.com/', extra: 1 } }, 'link.extra'],
    [{ link: { label: 'Book', url: 'javascript:alert(1)' } }, 'link.url'],
    [{ tags: ['Not a tag'] }, 'tags.0'],
    [{ tags: ['tag!'] }, 'tags.0'],
    [{ tags: ['!tag'] }, 'tags.0'],
    [{ extra: 1 }, 'extra'],
  ])('refuses %j', (change, path) => {
    expect(Object.keys(messages(entrySchema, { ...entry, ...change }))).toEqual([path])
  })
})
