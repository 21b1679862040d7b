import { getDefaultConfig } from '@slidev/parser'
import { closest, distance } from 'fastest-levenshtein'
import { z } from 'zod'

/** A non-empty string whose error message says what is expected. */
const text = (expected: string) => z.string({ error: expected }).trim().min(1, expected)

/** Whether "2099", "2099-02" or "2099-02-28" names a day, month or year that exists (not 2099-02-30, not 2099-13). */
export function isCalendarDate(value: string): boolean {
  const [year = 0, month = 1, day = 1] = value.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const DAY = 'a date as YYYY-MM-DD that exists in the calendar'
const isoDate = z.string({ error: DAY }).regex(/^\d{4}-\d{2}-\d{2}$/, DAY).refine(isCalendarDate, DAY)
// An event's day may be unknown: "2014" or "2014-05" say only what is known.
const EVENT_DAY = 'a date as YYYY-MM-DD (or YYYY-MM / YYYY when the day is not known) that exists in the calendar'
const eventDate = z.preprocess(
  value => typeof value === 'number' ? String(value) : value,
  z.string({ error: EVENT_DAY }).regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, EVENT_DAY).refine(isCalendarDate, EVENT_DAY),
)

/** Links the pages publish: only web addresses, so that no `javascript:` or `data:` URL becomes a link. */
export const webUrl = (expected: string) => z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: expected })

/** The message of a key no schema knows, with the known key it most resembles. */
export function unknownKey(key: string, known: string[]): string {
  const near = closest(key, known)
  const likely = near && (near.toLowerCase() === key.toLowerCase() || distance(near, key) <= Math.max(2, key.length / 3))
  const list = known.length <= 12 ? `; the keys here are: ${known.join(', ')}` : ': remove it, or check its spelling'
  return `"${key}" is not a known key${likely ? `: did you mean "${near}"?` : list}`
}

/** An object schema that reports each unknown key (with a "did you mean") instead of ignoring it; `also` are keys allowed besides its own. */
function onlyKnownKeys<S extends z.ZodRawShape>(schema: z.ZodObject<S>, also: string[] = []) {
  const known = [...new Set([...Object.keys(schema.shape), ...also])]
  // Checked before the fields, so that a misspelt required key reads as such rather than as missing.
  return z.preprocess((value, ctx) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of Object.keys(value).filter(key => !known.includes(key)))
        ctx.addIssue({ code: 'custom', path: [key], message: unknownKey(key, known), params: { plain: true }, input: value })
    }
    return value
  }, schema.loose())
}
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

// The range is checked only once `until` is a day: a malformed one is reported as such.
export const eventSchema = onlyKnownKeys(z.object({
  name: text('the event name, e.g. "EuroPython 2017"'),
  city: text('the city, e.g. "Rimini"'),
  date: eventDate,
  /** Last day, for events that last several days and where the talk's own day is not known. */
  until: isoDate.optional(),
  video: webUrl('the address of the video, starting with https://').optional(),
})).refine(event => !event.until || !isoDate.safeParse(event.until).success || event.until > event.date, { path: ['until'], message: 'a last day after the event\'s date (or no "until" for a one-day event)' })

// The headmatter is also the first slide's frontmatter: Slidev's per-slide keys
// (Frontmatter and Headmatter in @slidev/types; tests/schema.test.ts checks the list
// still covers them) and the props of the layouts the decks use on a cover.
export const SLIDE_KEYS = ['defaults', 'layout', 'class', 'clicks', 'clicksStart', 'preload', 'hide', 'disabled', 'hideInToc', 'level', 'routeAlias', 'zoom', 'clickAnimation', 'dragPos', 'src', 'transition', 'background', 'image', 'backgroundSize', 'url']

/** The talk metadata every deck's headmatter carries, next to Slidev's own keys; any other key is a mistake. */
export const talkSchema = onlyKnownKeys(z.object({
  title: text('the talk title').refine(title => !/<\/?[a-z!]/i.test(title), 'the talk title as plain text, without HTML tags'),
  abstract: z.string({ error: 'an abstract of at least a sentence' }).min(20, 'an abstract of at least a sentence'),
  kind: z.enum(['talk', 'interactive', 'informal'], { error: 'one of: talk, interactive, informal' }),
  lang,
  coSpeakers: z.array(text('a co-speaker\'s name')).default([]),
  /** Whether the speaker notes are published: in the talk page's reader view and the handout PDF. */
  publishNotes: z.boolean({ error: 'true or false: whether the speaker notes are published (reader view, handout)' }).default(true),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/, 'lowercase words joined by dashes'), { error: 'a list of tags' }).min(1, 'at least one tag'),
  events: z.array(eventSchema, { error: 'a list of events the talk was given at' }).min(1, 'at least one event the talk was given at'),
  // Slidev settings every deck needs so that nothing is fetched from the network and
  // the shared addon is loaded; checked here because forgetting one fails silently.
  addons: z.array(z.string(), { error: 'a list containing "@/../.." (the shared addon at the repository root)' }).refine(list => list.includes('@/../..'), 'a list containing "@/../.." (the shared addon at the repository root)'),
  fonts: z.object({ provider: z.literal('none', { error: '"none": fonts are self-hosted by the addon, the default fetches Google Fonts' }) }, { error: '{ provider: none }: fonts are self-hosted by the addon' }).loose(),
  favicon: z.literal('../../public/favicon.svg', { error: '"../../public/favicon.svg": the default favicon is fetched from a CDN' }),
}), [...Object.keys(getDefaultConfig()), ...SLIDE_KEYS])

export type Talk = z.infer<typeof talkSchema>
export type TalkEvent = z.infer<typeof eventSchema>

/** Index entries that are not decks: an award, a book interview. */
export const entrySchema = onlyKnownKeys(z.object({
  title: text('the entry title'),
  kind: z.enum(['award', 'interview'], { error: 'one of: award, interview' }),
  lang,
  year: z.number({ error: 'the year, e.g. 2018' }).int().min(2000).max(2100),
  where: text('where it happened, e.g. "Scylla Summit 2018, San Francisco"'),
  description: text('a one-paragraph description'),
  questions: z.array(z.string().min(1)).optional(),
  link: onlyKnownKeys(z.object({ label: text('the link\'s text'), url: webUrl('a web address starting with https://') })).optional(),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/, 'lowercase words joined by dashes')).default([]),
}))

export const entriesSchema = z.array(entrySchema)
export type Entry = z.infer<typeof entrySchema>
