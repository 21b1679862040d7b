import type { BuildConfig } from '../config'
import type { CheckedDeck } from './decks'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import process from 'node:process'
import { join, relative } from 'pathe'
import { root } from '../paths'

// What every deck's output depends on: the addon's global parts (layouts, styles, setup,
// nav controls, Vite and UnoCSS config), the speaker data, the lock file (which pins Slidev
// and every plugin) and the code that builds a deck. Not the code of the pages around the
// decks (scripts/lib/site/). Shared components and snippets are not here either: each deck
// depends on those its last build was seen to read (recorded by vite.config.ts).
export const SHARED_INPUTS = [
  'layouts',
  'setup',
  'styles',
  'public',
  'data',
  'scripts/build.ts',
  'scripts/lib',
  'custom-nav-controls.vue',
  'global-bottom.vue',
  'global-top.vue',
  'uno.config.ts',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
]

const NOT_INPUTS = new Set([join(root, 'scripts/lib/site')])

function* files(path: string): Generator<string> {
  if (!existsSync(path) || NOT_INPUTS.has(path))
    return
  if (statSync(path).isFile()) {
    yield path
    return
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.'))
      continue
    yield* files(join(path, entry.name))
  }
}

function allFiles(paths: string[]): string[] {
  return [...new Set(paths.flatMap(path => [...files(path)]))].sort()
}

/** The files every deck's output depends on, relative to the root. */
export function sharedInputFiles(): string[] {
  return allFiles(SHARED_INPUTS.map(path => join(root, path))).map(file => relative(root, file))
}

/** Each file's content digest, by absolute path. */
export type Digests = Map<string, string>

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/**
 * The digests of the files under `paths`, read now: taken before a deck is built, so that
 * an edit made while it builds is not recorded as built (the next build sees the change).
 */
export function snapshot(paths: string[]): Digests {
  return new Map(allFiles(paths).map(file => [file, digest(file)]))
}

/** Where a deck's build may read shared code from besides SHARED_INPUTS: which of these files it used is known only after the build. */
export const USED_CANDIDATES = ['components', 'snippets'].map(path => join(root, path))

/** One hash of the files under `paths` (each counted once, in a fixed order) and of `extra`; `before` gives the contents read earlier. */
export function hashPaths(paths: string[], extra: string[] = [], before?: Digests): string {
  const hash = createHash('sha256')
  for (const value of extra)
    hash.update(`${value}\0`)
  for (const file of allFiles(paths))
    hash.update(`${relative(root, file)}\0${before?.get(file) ?? digest(file)}\0`)
  return hash.digest('hex')
}

/** The inputs every deck shares, with the settings that reach its output: where it is served and its public address. */
export function sharedInputsHash(config: Pick<BuildConfig, 'base' | 'siteUrl'>): string {
  return hashPaths(SHARED_INPUTS.map(path => join(root, path)), [config.base, config.siteUrl, process.version])
}

/**
 * A deck's inputs: its folder, what its slides import from elsewhere, the shared
 * components and snippets its build read (`used`, relative to the root), and `shared`.
 * A file that was used and is gone counts as a change.
 */
export function deckInputsHash(deck: CheckedDeck, shared: string, used: string[], before?: Digests): string {
  return hashPaths([deck.dir, ...deck.imports, ...used.map(file => join(root, file))], [shared, ...used], before)
}

/** What a deck's inputs hold now, before it is built: its folder, its imports, and every file it could use. */
export function snapshotDeck(deck: CheckedDeck): Digests {
  return snapshot([deck.dir, ...deck.imports, ...USED_CANDIDATES])
}
