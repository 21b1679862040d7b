import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import process from 'node:process'
import { join, relative } from 'pathe'
import { root } from './paths'

// Everything a deck's output depends on besides its own folder: the shared addon,
// the snippets the slides and components import, the lock file (which pins Slidev
// and every plugin) and the build code itself. A change to any of them rebuilds
// every deck: components are resolved by Slidev at build time, so which deck uses
// which component is not known up front, and a stale deck is worse than a slow build.
export const SHARED_INPUTS = [
  'components',
  'layouts',
  'setup',
  'styles',
  'public',
  'data',
  'snippets',
  'scripts/lib',
  'custom-nav-controls.vue',
  'global-bottom.vue',
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
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.'))
      continue
    yield* files(join(path, entry.name))
  }
}

export function hashPaths(paths: string[], extra: string[] = []): string {
  const hash = createHash('sha256')
  for (const value of extra)
    hash.update(`${value}\0`)
  for (const path of paths) {
    for (const file of files(path)) {
      hash.update(`${relative(root, file)}\0`)
      hash.update(readFileSync(file))
    }
  }
  return hash.digest('hex')
}

export function sharedInputsHash(base: string): string {
  return hashPaths(SHARED_INPUTS.map(path => join(root, path)), [base, process.version])
}
