import type { Talk } from '../schema'
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs'
import { dirname, join, relative } from 'pathe'
import { root } from '../paths'
import { talkSchema } from '../schema'
import { checkYaml, InputError } from '../yaml-check'
import { missingPackage, readSlideFiles } from './slide-files'

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
  /** Where each visible slide starts, `file:line`: slide n is at n - 1. */
  slides: string[]
  /** The speaker notes (Markdown) of each visible slide, '' for none. */
  notes: string[]
}

/** What a folder name publishes to: hosts differ in case and Unicode handling, so compare loosely. */
export function publishPath(folder: string): string {
  return folder.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** Lists the decks: every folder of `dir` with a slides.md (links to folders too: checkDeck refuses them, by name). */
export function findDecks(dir: string): Deck[] {
  if (!existsSync(dir))
    return []
  return readdirSync(dir, { withFileTypes: true })
    .filter(entry => (entry.isDirectory() || entry.isSymbolicLink()) && existsSync(join(dir, entry.name, 'slides.md')))
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

/** Checks a deck: its headmatter against the schema, its slug against its events, the packages it names, and what its slides pull in. */
export async function checkDeck(deck: Deck): Promise<CheckedDeck> {
  const file = relative(root, deck.entry)
  if (lstatSync(deck.dir).isSymbolicLink())
    throw new InputError(relative(root, deck.dir), 1, `is a link to ${realpathSync(deck.dir)}: a deck is built from a folder of its own inside ${relative(root, dirname(deck.dir)) || '.'}; move the folder here instead of linking it`)
  const { headmatter: { yaml, line }, files, slides, notes } = await readSlideFiles(deck.entry, deck.dir)
  const talk = checkYaml(talkSchema, yaml, file, line)
  const year = deck.slug.slice(0, 4)
  if (!talk.events.some(event => event.date.startsWith(year)))
    throw new InputError(file, line, `the folder says ${year} but no event in "events" is in ${year}: fix the folder name or the event dates`)
  const lineOf = (key: string) => line + Math.max(0, yaml.split('\n').findIndex(text => text.startsWith(`${key}:`)))
  const named = (talk as { theme?: unknown }).theme
  const theme = typeof named === 'string' ? missingPackage('theme', named) : undefined
  if (theme)
    throw new InputError(file, lineOf('theme'), theme)
  for (const addon of talk.addons) {
    const missing = missingPackage('addon', addon)
    if (missing)
      throw new InputError(file, lineOf('addons'), missing)
  }
  return { ...deck, talk, imports: files.filter(path => !path.startsWith(`${deck.dir}/`)), slides, notes }
}
