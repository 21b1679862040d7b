import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDeck } from '../scripts/lib/deck/decks'
import { deckInputsHash, hashPaths, sharedInputFiles, sharedInputsHash } from '../scripts/lib/deck/inputs-hash'
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
    const afterNotes = await hash()
    expect(afterNotes).not.toBe(afterPage)

    // Dot files and installed packages are not inputs.
    writeFileSync(join(deckDir, '.notes.swp'), 'editor state\n')
    mkdirSync(join(deckDir, 'node_modules/x'), { recursive: true })
    writeFileSync(join(deckDir, 'node_modules/x/index.js'), 'module.exports = 1\n')
    expect(await hash()).toBe(afterNotes)
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

describe('the inputs every deck shares', () => {
  const files = sharedInputFiles()

  it('are the theme, the data, the lock file and the code that builds a deck, not the site\'s pages', () => {
    for (const expected of ['layouts/', 'setup/', 'styles/', 'public/', 'data/', 'scripts/lib/deck/'])
      expect(files.some(file => file.startsWith(expected)), expected).toBe(true)
    expect(files).toEqual(expect.arrayContaining(['scripts/build.ts', 'scripts/lib/pipeline.ts', 'custom-nav-controls.vue', 'global-bottom.vue', 'vite.config.ts', 'package.json', 'package-lock.json']))
    for (const other of ['scripts/lib/site/', 'decks/', 'snippets/', 'components/', 'tests/', 'node_modules/'])
      expect(files.filter(file => file.startsWith(other)), other).toEqual([])
    expect(files).toEqual([...new Set(files)].sort())
  })

  it('hash with where the site is served and its public address', () => {
    const hash = sharedInputsHash({ base: '/', siteUrl: '' })
    expect(sharedInputsHash({ base: '/', siteUrl: '' })).toBe(hash)
    expect(sharedInputsHash({ base: '/talks/', siteUrl: '' })).not.toBe(hash)
    expect(sharedInputsHash({ base: '/', siteUrl: 'https://example.org/' })).not.toBe(hash)
  })

  it('hash each file once whatever the order, and keep the extra values apart', () => {
    const [a, b] = [join(root, 'package.json'), join(root, 'vite.config.ts')]
    expect(hashPaths([b, a])).toBe(hashPaths([a, b]))
    expect(hashPaths([a, b, a])).toBe(hashPaths([a, b]))
    expect(hashPaths([a])).not.toBe(hashPaths([b]))
    expect(hashPaths([], ['ab', 'c'])).not.toBe(hashPaths([], ['a', 'bc']))
  })
})
