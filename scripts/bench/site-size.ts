import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'pathe'
import { SEARCH_DIR, STAGE_DIR } from '../lib/layout'

// The files the take-home outputs add to the site (handouts, PPTX, the reader view's slide
// pictures, the search index), told apart by name so the bench shows what they cost.
export const ADDED_FILES = {
  'handouts': (path: string) => /^[^/]+\/[^/]+-handout\.pdf$/.test(path),
  'PPTX': (path: string) => /^[^/]+\/[^/]+\.pptx$/.test(path),
  'reader-view pictures': (path: string) => /^[^/]+\/slides\//.test(path),
  'search index': (path: string) => path.startsWith(`${SEARCH_DIR}/`),
} as const

export type AddedKind = keyof typeof ADDED_FILES

export interface SiteSize {
  bytes: number
  files: number
  /** Bytes of each kind of added file; the rest of the site is `bytes` minus their sum. */
  added: Record<AddedKind, number>
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      yield* walk(path)
    else if (entry.isFile())
      yield path
  }
}

/** Every file a deploy of `distDir` publishes (the build's staging folder left out), in bytes. */
export function siteSize(distDir: string): SiteSize {
  const size: SiteSize = { bytes: 0, files: 0, added: { 'handouts': 0, 'PPTX': 0, 'reader-view pictures': 0, 'search index': 0 } }
  for (const file of walk(distDir)) {
    const path = relative(distDir, file)
    if (path.startsWith(`${STAGE_DIR}/`))
      continue
    const bytes = statSync(file).size
    size.bytes += bytes
    size.files++
    const kind = (Object.keys(ADDED_FILES) as AddedKind[]).find(name => ADDED_FILES[name](path))
    if (kind)
      size.added[kind] += bytes
  }
  return size
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The lines `npm run bench` prints. */
export function siteSizeReport(size: SiteSize): string {
  const added = Object.values(size.added).reduce((sum, bytes) => sum + bytes, 0)
  const parts = (Object.entries(size.added) as [AddedKind, number][]).map(([kind, bytes]) => `${kind} ${mb(bytes)}`).join(', ')
  return `Site size: ${mb(size.bytes)} in ${size.files} files; without the handouts, PPTX, reader view and search: ${mb(size.bytes - added)} (${parts})`
}
