import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDeck } from '../scripts/lib/deck/decks'
import { deckInputsHash } from '../scripts/lib/deck/inputs-hash'
import { root } from '../scripts/lib/paths'

// The build skips a deck whose checked inputs hash to what its last build recorded
// (scripts/lib/pipeline.ts): a file the slides show that is missing from the hash ships stale.

describe('a deck\'s input hash', () => {
  // Two levels below the root, like decks/, so the headmatter resolves the addon the same way.
  const scratch = mkdtempSync(join(root, '.test-decks-'))
  const deckDir = join(scratch, '2099-testconf-hash')
  const snippet = join(scratch, 'shared/shown.ts')
  const page = join(scratch, 'other-deck/pages.md')
  const unrelated = join(scratch, 'shared/unrelated.ts')
  const headmatter = readFileSync(join(root, 'tests/fixtures/2099-testconf-pipeline/slides.md'), 'utf8').split('---\n')[1]
  mkdirSync(deckDir)
  mkdirSync(join(scratch, 'shared'))
  mkdirSync(join(scratch, 'other-deck'))
  writeFileSync(snippet, '// #region shown\nexport const answer = 42\n// #endregion shown\n')
  writeFileSync(unrelated, 'export const other = 1\n')
  writeFileSync(page, '# A page from another deck\n\nFirst version.\n')
  // A deck without <Runnable>: the snippet is only shown, so no bundle records reading it.
  writeFileSync(join(deckDir, 'slides.md'), `---\n${headmatter}---\n\n# Title\n\n---\n\n# Code\n\n<<< @/../shared/shown.ts#shown ts\n\n---\nsrc: ../other-deck/pages.md\n---\n`)
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  const hash = async () => deckInputsHash(await checkDeck({ slug: '2099-testconf-hash', dir: deckDir, entry: join(deckDir, 'slides.md') }), 'shared inputs', [])

  it('changes when a snippet shown with <<< or a page imported with src: changes, and only then', async () => {
    const first = await hash()
    expect(await hash()).toBe(first)
    writeFileSync(unrelated, 'export const other = 2\n')
    expect(await hash()).toBe(first)

    writeFileSync(snippet, '// #region shown\nexport const answer = 43\n// #endregion shown\n')
    const afterSnippet = await hash()
    expect(afterSnippet).not.toBe(first)

    writeFileSync(page, '# A page from another deck\n\nSecond version.\n')
    const afterPage = await hash()
    expect(afterPage).not.toBe(afterSnippet)

    writeFileSync(join(deckDir, 'notes.txt'), 'a file in the deck\'s folder\n')
    expect(await hash()).not.toBe(afterPage)
  })

  it('changes with the shared inputs and with each file the last build used', async () => {
    const deck = await checkDeck({ slug: '2099-testconf-hash', dir: deckDir, entry: join(deckDir, 'slides.md') })
    const used = [unrelated.slice(root.length + 1)]
    const base = deckInputsHash(deck, 'shared inputs', used)
    expect(deckInputsHash(deck, 'other shared inputs', used)).not.toBe(base)
    expect(deckInputsHash(deck, 'shared inputs', [])).not.toBe(base)
    writeFileSync(unrelated, 'export const other = 3\n')
    expect(deckInputsHash(deck, 'shared inputs', used)).not.toBe(base)
    // A used file that is gone counts as a change.
    rmSync(unrelated)
    const gone = deckInputsHash(deck, 'shared inputs', used)
    expect(gone).not.toBe(base)
    expect(gone).not.toBe(deckInputsHash(deck, 'shared inputs', []))
  })
})
