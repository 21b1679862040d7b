import type { Deck } from './decks'
import type { IndexTalk } from './index-page'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import process from 'node:process'
import { join, relative } from 'pathe'
import { readBuilt } from './build-deck'
import { checkDeck } from './decks'
import { renderIndex } from './index-page'
import { distDir, root } from './paths'
import { entriesSchema } from './schema'
import { checkYaml } from './yaml-check'

export const ENTRIES_FILE = join(root, 'data/entries.yml')

export function readEntries(file = ENTRIES_FILE) {
  return checkYaml(entriesSchema, readFileSync(file, 'utf8'), relative(root, file))
}

/**
 * The talks the index lists: every deck with a built SPA in dist/. Metadata comes
 * from the headmatter when it is valid, else from the deck's last good build, so a
 * broken deck keeps its place on the index until it is fixed.
 */
export function listedTalks(decks: Deck[]): IndexTalk[] {
  return decks.flatMap((deck) => {
    const built = readBuilt(deck.slug)
    if (!built || !existsSync(join(distDir, deck.slug, 'index.html')))
      return []
    try {
      return [{ slug: deck.slug, talk: checkDeck(deck).talk }]
    }
    catch {
      return [{ slug: deck.slug, talk: built.talk }]
    }
  })
}

export async function writeIndex(decks: Deck[], base: string): Promise<number> {
  const talks = listedTalks(decks)
  await mkdir(distDir, { recursive: true })
  const tmp = join(distDir, `.index.html.${process.pid}.tmp`)
  await writeFile(tmp, renderIndex(talks, readEntries(), base))
  await rename(tmp, join(distDir, 'index.html'))
  copyFileSync(join(root, 'public/favicon.svg'), join(distDir, 'favicon.svg'))
  return talks.length
}
