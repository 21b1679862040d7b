import type { Browser } from 'playwright-core'
import type { BuildResult } from '../scripts/lib/pipeline'
import type { StaticServer } from '../scripts/lib/serve'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import process from 'node:process'
import { load } from '@slidev/parser/fs'
import { dirname, join } from 'pathe'
import { launchChromium } from '../scripts/lib/chromium'
import { readConfig } from '../scripts/lib/config'
import { distDir, root } from '../scripts/lib/paths'
import { build } from '../scripts/lib/pipeline'
import { serveSite } from '../scripts/lib/serve'

export interface RunResult {
  result: BuildResult
  code: number
  /** What the build logged, as `npm run build` prints it. */
  stdout: string
  stderr: string
}

/** Calls build() as `npm run build -- <args>` would, with extra environment; keeps its log. */
export async function runBuild(args: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  const stdout: string[] = []
  const stderr: string[] = []
  const result = await build(readConfig(args, { ...process.env, ...env }), { log: line => stdout.push(line), error: line => stderr.push(line) })
  return { result, code: result.ok ? 0 : 1, stdout: stdout.join('\n'), stderr: stderr.join('\n') }
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
export async function visibleSlides(entry: string): Promise<{ title?: string, note?: string }[]> {
  const data = await load({ userRoot: dirname(entry), roots: [dirname(entry)], allowedRoots: [root] } as never, entry)
  return data.slides.filter(slide => !slide.frontmatter.hide && !slide.frontmatter.disabled)
}

/**
 * Builds the real decks into dist/ (TALKS_SKIP_BUILD=1 keeps dist/ as it is), then serves
 * it like a static host to a fresh Chromium.
 */
export async function serveBuiltSite(): Promise<{ browser: Browser, server: StaticServer }> {
  if (!process.env.TALKS_SKIP_BUILD) {
    const result = await buildSite()
    if (result.code !== 0)
      throw new Error(`npm run build failed:\n${result.stderr}`)
  }
  return { browser: await launchChromium(), server: await serveSite(distDir) }
}

let siteBuild: Promise<RunResult> | undefined
/** Builds the real decks into dist/ once per test file (a no-op when they are up to date). */
export function buildSite(): Promise<RunResult> {
  siteBuild ??= runBuild()
  return siteBuild
}
