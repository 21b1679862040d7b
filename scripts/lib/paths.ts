import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join, resolve } from 'pathe'

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const snippetsDir = join(root, 'snippets')
/** The real decks and their output; a build can be pointed elsewhere (config.ts). */
export const decksDir = join(root, 'decks')
export const distDir = join(root, 'dist')

const realRoot = realpathSync(root)

/** Where a file really is once its links are followed, if that is outside the repository; else undefined. */
export function outsideRepository(path: string): string | undefined {
  const real = realpathSync(path)
  return real === realRoot || real.startsWith(`${realRoot}/`) ? undefined : real
}
