import { z } from 'zod'

/** A non-empty string whose error message says what is expected. */
const text = (expected: string) => z.string({ error: expected }).trim().min(1, expected)
const isoDate = z.string({ error: 'a date as YYYY-MM-DD' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
// An event's day may be unknown: "2014" or "2014-05" say only what is known.
const eventDate = z.preprocess(
  value => typeof value === 'number' ? String(value) : value,
  z.string({ error: 'a date as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known' })
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'a date as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known'),
)
// Any BCP 47 tag a browser knows: "en", "fr", "ja", "pt-BR", "zh-Hant".
const LANG = 'a language code (BCP 47), such as "en", "fr", "ja" or "pt-BR"'
const lang = z.string({ error: LANG }).regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i, LANG).refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  }
  catch {
    return false
  }
}, LANG)

export const eventSchema = z.object({
  name: text('the event name, e.g. "EuroPython 2017"'),
  city: text('the city, e.g. "Rimini"'),
  date: eventDate,
  /** Last day, for events that last several days and where the talk's own day is not known. */
  until: isoDate.optional(),
  video: z.url({ error: 'a video URL (https://…)' }).optional(),
}).strict()

/** The talk metadata every deck's headmatter carries, next to Slidev's own keys. */
export const talkSchema = z.object({
  title: text('the talk title'),
  abstract: z.string({ error: 'an abstract of at least a sentence' }).min(20, 'an abstract of at least a sentence'),
  kind: z.enum(['talk', 'interactive', 'informal'], { error: 'one of: talk, interactive, informal' }),
  lang,
  coSpeakers: z.array(text('a co-speaker\'s name')).default([]),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/, 'lowercase words joined by dashes'), { error: 'a list of tags' }).min(1, 'at least one tag'),
  events: z.array(eventSchema, { error: 'a list of events the talk was given at' }).min(1, 'at least one event the talk was given at'),
  // Slidev settings every deck needs so that nothing is fetched from the network and
  // the shared addon is loaded; checked here because forgetting one fails silently.
  addons: z.array(z.string(), { error: 'a list containing "@/../.." (the shared addon at the repository root)' }).refine(list => list.includes('@/../..'), 'a list containing "@/../.." (the shared addon at the repository root)'),
  fonts: z.object({ provider: z.literal('none', { error: '"none": fonts are self-hosted by the addon, the default fetches Google Fonts' }) }, { error: '{ provider: none }: fonts are self-hosted by the addon' }).loose(),
  favicon: z.literal('../../public/favicon.svg', { error: '"../../public/favicon.svg": the default favicon is fetched from a CDN' }),
}).loose()

export type Talk = z.infer<typeof talkSchema>
export type TalkEvent = z.infer<typeof eventSchema>

/** Index entries that are not decks: an award, a book interview. */
export const entrySchema = z.object({
  title: text('the entry title'),
  kind: z.enum(['award', 'interview'], { error: 'one of: award, interview' }),
  lang,
  year: z.number({ error: 'the year, e.g. 2018' }).int().min(2000).max(2100),
  where: text('where it happened, e.g. "Scylla Summit 2018, San Francisco"'),
  description: text('a one-paragraph description'),
  questions: z.array(z.string().min(1)).optional(),
  link: z.object({ label: z.string().min(1), url: z.url() }).strict().optional(),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
}).strict()

export const entriesSchema = z.array(entrySchema)
export type Entry = z.infer<typeof entrySchema>
