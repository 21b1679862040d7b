import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { join, resolve } from 'pathe'

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
/** Tests point this at a scratch folder of decks; it must sit two levels below the root like decks/. */
export const decksDir = resolve(root, process.env.TALKS_DECKS_DIR ?? 'decks')
export const distDir = resolve(root, process.env.TALKS_DIST_DIR ?? 'dist')
export const cacheDir = join(root, '.cache')
/** Per build process, so two builds running at once never write the same staging folder. */
export const stageDir = join(cacheDir, 'stage', String(process.pid))
export const snippetsDir = join(root, 'snippets')
