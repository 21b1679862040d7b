import type { Talk } from './schema'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import process from 'node:process'
import { join, relative } from 'pathe'
import { root } from './paths'
import { talkSchema } from './schema'
import { checkSnippetImports } from './snippet-imports'
import { checkYaml, InputError } from './yaml-check'

export const SLUG_PATTERN = /^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)+$/

export interface Deck {
  slug: string
  dir: string
  entry: string
}

export interface CheckedDeck extends Deck {
  talk: Talk
  /** Files outside the deck's folder that its slides import (`src:`, `<<<`, `<Runnable>`). */
  imports: string[]
}

/** What a folder name publishes to: hosts differ in case and Unicode handling, so compare loosely. */
export function publishPath(folder: string): string {
  return folder.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** `SITE_BASE` as a path that starts and ends with a slash. */
export function siteBase(value = process.env.SITE_BASE ?? '/'): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '')
  return trimmed ? `/${trimmed}/` : '/'
}

export function deckUrl(slug: string, base = siteBase()): string {
  return `${base}${slug}/`
}

export function pdfUrl(slug: string, base = siteBase()): string {
  return `${deckUrl(slug, base)}${slug}.pdf`
}

/** Lists the decks: every folder of `dir` with a slides.md. */
export function findDecks(dir: string): Deck[] {
  if (!existsSync(dir))
    return []
  return readdirSync(dir, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && existsSync(join(dir, entry.name, 'slides.md')))
    .map(entry => ({ slug: entry.name, dir: join(dir, entry.name), entry: join(dir, entry.name, 'slides.md') }))
    .sort((a, b) => a.slug.localeCompare(b.slug))
}

/** Folder-name problems, keyed by slug: a name that is not a slug, or two that publish to one path. */
export function checkSlugs(decks: Deck[]): Map<string, InputError> {
  const errors = new Map<string, InputError>()
  const byPath = new Map<string, Deck[]>()
  for (const deck of decks) {
    const path = publishPath(deck.slug)
    byPath.set(path, [...byPath.get(path) ?? [], deck])
    if (!SLUG_PATTERN.test(deck.slug))
      errors.set(deck.slug, new InputError(relative(root, deck.dir), 1, `"${deck.slug}" is not a deck slug: name the folder <year>-<event>-<topic> in lowercase and dashes, e.g. "${path}"`))
  }
  for (const [path, same] of byPath) {
    if (same.length < 2)
      continue
    for (const deck of same) {
      const others = same.filter(other => other !== deck).map(other => other.slug).join('", "')
      const clash = `publishes to /${path}/ like "${others}": rename or remove one of them`
      const earlier = errors.get(deck.slug)?.message.replace(/^[^:]+:\d+: /, '')
      errors.set(deck.slug, new InputError(relative(root, deck.dir), 1, earlier ? `${earlier}; it also ${clash}` : clash))
    }
  }
  return errors
}

/** Splits slides.md into its headmatter YAML (with the line it starts on) and the rest. */
export function readHeadmatter(file: string): { yaml: string, line: number } {
  const source = readFileSync(file, 'utf8')
  const match = source.match(/^---\r?\n([\s\S]*?)\r?\n---\s*(?:\n|$)/)
  if (!match)
    throw new InputError(relative(root, file), 1, 'no headmatter: start the file with a --- block holding the talk\'s title, abstract, kind, lang, tags and events (see `npm run new`)')
  return { yaml: match[1], line: 2 }
}

/** Checks a deck's headmatter against the schema, its slug against its events, and its snippet imports. */
export function checkDeck(deck: Deck): CheckedDeck {
  const file = relative(root, deck.entry)
  const { yaml, line } = readHeadmatter(deck.entry)
  const talk = checkYaml(talkSchema, yaml, file, line)
  const year = deck.slug.slice(0, 4)
  if (!talk.events.some(event => event.date.startsWith(year)))
    throw new InputError(file, line, `the folder says ${year} but no event in "events" is in ${year}: fix the folder name or the event dates`)
  const imports = checkSnippetImports(deck.entry).filter(file => !file.startsWith(`${deck.dir}/`))
  return { ...deck, talk, imports }
}
