import type { CheckedDeck } from './decks'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import process from 'node:process'
import { join, relative } from 'pathe'
import { root } from './paths'

// What every deck's output depends on: the addon's global parts (layouts, styles, setup,
// nav controls, Vite and UnoCSS config), the speaker data, the lock file (which pins Slidev
// and every plugin) and the build code itself. Shared components and snippets are not here:
// each deck depends on those its last build was seen to read (recorded by vite.config.ts).
export const SHARED_INPUTS = [
  'layouts',
  'setup',
  'styles',
  'public',
  'data',
  'scripts/lib',
  'custom-nav-controls.vue',
  'global-bottom.vue',
  'global-top.vue',
  'uno.config.ts',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
]

function* files(path: string): Generator<string> {
  if (!existsSync(path))
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

/** One hash of the files under `paths` (each counted once, in a fixed order) and of `extra`. */
export function hashPaths(paths: string[], extra: string[] = []): string {
  const hash = createHash('sha256')
  for (const value of extra)
    hash.update(`${value}\0`)
  const all = [...new Set(paths.flatMap(path => [...files(path)]))].sort()
  for (const file of all) {
    hash.update(`${relative(root, file)}\0`)
    hash.update(readFileSync(file))
    hash.update('\0')
  }
  return hash.digest('hex')
}

export function sharedInputsHash(base: string): string {
  return hashPaths(SHARED_INPUTS.map(path => join(root, path)), [base, process.version])
}

/**
 * A deck's inputs: its folder, what its slides import from elsewhere, the shared
 * components and snippets its build read (`used`, relative to the root), and `shared`.
 * A file that was used and is gone counts as a change.
 */
export function deckInputsHash(deck: CheckedDeck, shared: string, used: string[]): string {
  return hashPaths([deck.dir, ...deck.imports, ...used.map(file => join(root, file))], [shared, ...used])
}
