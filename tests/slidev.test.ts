import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { describe, expect, it } from 'vitest'
import { sharedInputFiles, sharedInputsHash } from '../scripts/lib/deck/inputs-hash'
import { loadSlidevBuild, problems, SLIDEV_PINNED } from '../scripts/lib/deck/slidev'
import { root } from '../scripts/lib/paths'

describe('the internals of Slidev the build relies on', () => {
  it('are all where scripts/lib/deck/slidev.ts says, in the installed Slidev', async () => {
    expect(problems(root)).toEqual([])
    expect(typeof await loadSlidevBuild(root)).toBe('function')
  })

  it('are named, with the pinned version, when an upgrade moves them', () => {
    const fake = mkdtempSync(join(tmpdir(), 'talks-slidev-'))
    try {
      mkdirSync(join(fake, 'node_modules/@slidev/cli/dist'), { recursive: true })
      mkdirSync(join(fake, 'node_modules/@slidev/client/internals'), { recursive: true })
      writeFileSync(join(fake, 'node_modules/@slidev/cli/package.json'), '{ "version": "99.1.0" }')
      writeFileSync(join(fake, 'node_modules/@slidev/cli/dist/cli.mjs'), 'import("./commands.mjs")')
      writeFileSync(join(fake, 'node_modules/@slidev/client/internals/SlideLoading.vue'), '<div class="slidev-slide-loading" />')
      const found = problems(fake)
      expect(found[0]).toBe(`@slidev/cli 99.1.0 is installed, but this build was written for ${SLIDEV_PINNED}.x (package.json pins it): run npm install, or update scripts/lib/deck/slidev.ts for 99.1.0:`)
      expect(found).toContain('`slidev build` is no longer imported from a build-*.mjs chunk of node_modules/@slidev/cli/dist/cli.mjs')
      expect(found).toContain('@slidev/cli no longer defines __SLIDEV_FEATURE_PRINT__, which compiles the print route in')
      expect(found).toContain('the printSlide selector\'s source, @slidev/client/internals/PrintSlideClick.vue, no longer holds print-slide-container')
      expect(found.join('\n')).not.toContain('slideLoading')
    }
    finally {
      rmSync(fake, { recursive: true, force: true })
    }
  })
})

describe('a deck\'s input hash', () => {
  it('covers the code that builds a deck, and not the code of the pages around the decks', () => {
    const files = sharedInputFiles()
    expect(files).toEqual(expect.arrayContaining(['scripts/build.ts', 'scripts/lib/pipeline.ts', 'scripts/lib/deck/build-deck.ts', 'scripts/lib/deck/slidev-builder.ts', 'scripts/lib/layout.ts', 'layouts/closing.vue', 'package-lock.json']))
    expect(files.filter(file => file.startsWith('scripts/lib/site/'))).toEqual([])
  })

  it('changes with the site\'s public address and path', () => {
    const plain = sharedInputsHash({ base: '/', siteUrl: '' })
    expect(sharedInputsHash({ base: '/', siteUrl: 'https://example.org/' })).not.toBe(plain)
    expect(sharedInputsHash({ base: '/talks/', siteUrl: '' })).not.toBe(plain)
    expect(sharedInputsHash({ base: '/', siteUrl: '' })).toBe(plain)
  })
})
