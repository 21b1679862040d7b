import type { Deck } from './deck/decks'
import type { Layout } from './layout'
import { existsSync, readdirSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'pathe'
import { checkpoint } from './checkpoint'
import { DECK_FILES } from './layout'

// What dist/ holds stays whole: a deck's new output replaces the old one by renames inside
// dist/, and the next build puts right whatever a killed one left between them.

const oldCopy = (layout: Layout, slug: string) => join(layout.stageDir, `${slug}.old`)
const complete = (dir: string) => existsSync(join(dir, DECK_FILES.record))

/**
 * Moves a deck's staged output (complete: its build.json is written last) into dist/.
 * The old output is moved aside first; a build killed between the two renames leaves
 * both in the stage, and repairOutputs() puts the new one in place.
 */
export async function swapIn(layout: Layout, slug: string, stage: string): Promise<void> {
  const target = layout.deckDir(slug)
  const old = oldCopy(layout, slug)
  await rm(old, { recursive: true, force: true })
  if (existsSync(target))
    await rename(target, old)
  checkpoint('swap')
  await rename(stage, target)
  await rm(old, { recursive: true, force: true })
}

/** Files a killed write left: `<file>.<pid>.tmp`, written then renamed over `<file>`. */
const TEMP_FILE = /\.\d+\.tmp$/

/**
 * Puts right what a killed build left in dist/: a deck whose output was moved aside gets
 * it back (its new output when that was complete), then the stage and half-written files
 * go. Runs under the build lock, so nothing else is writing there. Returns what it did.
 */
export async function repairOutputs(layout: Layout): Promise<string[]> {
  const done: string[] = []
  if (existsSync(layout.stageDir)) {
    for (const name of readdirSync(layout.stageDir).filter(name => name.endsWith('.old'))) {
      const slug = name.slice(0, -'.old'.length)
      if (existsSync(layout.deckDir(slug)))
        continue
      const staged = join(layout.stageDir, slug)
      await rename(complete(staged) ? staged : join(layout.stageDir, name), layout.deckDir(slug))
      done.push(`${slug}: its output was put back after an interrupted build`)
    }
    await rm(layout.stageDir, { recursive: true, force: true })
  }
  if (existsSync(layout.distDir)) {
    const temp = readdirSync(layout.distDir, { recursive: true, encoding: 'utf8' }).filter(path => TEMP_FILE.test(path))
    for (const path of temp)
      await rm(join(layout.distDir, path), { force: true })
    if (temp.length)
      done.push(`removed ${temp.length} half-written file(s): ${temp.join(', ')}`)
  }
  return done
}

/** Removes the outputs (deck folder and talk page) of decks that no longer exist; returns their slugs. */
export async function pruneRemovedDecks(layout: Layout, decks: Deck[]): Promise<string[]> {
  if (!existsSync(layout.distDir))
    return []
  const known = new Set(decks.map(deck => deck.slug))
  const gone = readdirSync(layout.distDir, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.') && !known.has(entry.name) && complete(join(layout.distDir, entry.name)))
    .map(entry => entry.name)
  for (const slug of gone) {
    await rm(layout.deckDir(slug), { recursive: true, force: true })
    await rm(join(layout.talkPageFile(slug), '..'), { recursive: true, force: true })
  }
  return gone
}
