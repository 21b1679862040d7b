import type { RunResult } from '../scripts/lib/run-build'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { load } from '@slidev/parser/fs'
import { dirname, join } from 'pathe'
import { root } from '../scripts/lib/paths'
import { runBuild } from '../scripts/lib/run-build'

export { runBuild }

/**
 * A scratch decks folder holding copies of fixture decks. It sits two levels below
 * the root, like decks/, so the fixtures' headmatter resolves the addon the same way.
 */
export function scratchDecks(fixtures: string[]): { decks: string, dist: string, cleanup: () => void } {
  const decks = mkdtempSync(join(root, '.test-decks-'))
  const dist = `${decks}-dist`
  mkdirSync(dist)
  for (const slug of fixtures)
    cpSync(join(root, 'tests/fixtures', slug), join(decks, slug), { recursive: true })
  const cleanup = () => [decks, dist].forEach(dir => rmSync(dir, { recursive: true, force: true }))
  return { decks, dist, cleanup }
}

/** The slides a reader sees: Slidev's own parser, minus hidden and disabled slides. */
export async function visibleSlides(entry: string): Promise<{ title?: string }[]> {
  const data = await load({ userRoot: dirname(entry), roots: [dirname(entry)], allowedRoots: [root] } as never, entry)
  return data.slides.filter(slide => !slide.frontmatter.hide && !slide.frontmatter.disabled)
}

let siteBuild: RunResult | undefined
/** Builds the real decks into dist/ once per test run (a no-op when they are up to date). */
export function buildSite(): RunResult {
  siteBuild ??= runBuild()
  return siteBuild
}
