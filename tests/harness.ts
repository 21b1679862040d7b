import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import process from 'node:process'
import { load } from '@slidev/parser/fs'
import { dirname, join } from 'pathe'
import { root } from '../scripts/lib/paths'

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the real build command, as a user would, with the given environment. */
export function runBuild(args: string[] = [], env: Record<string, string> = {}): RunResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30 * 60_000,
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

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
