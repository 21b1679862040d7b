import { Buffer } from 'node:buffer'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'pathe'
import { afterAll, describe, expect, it } from 'vitest'
import { siteSize, siteSizeReport } from '../scripts/bench/site-size'

describe('the site\'s size, with and without the take-home files', () => {
  const dist = mkdtempSync(join(tmpdir(), 'talks-size-'))
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  it('counts every published file, and each kind of added file by its name', () => {
    const files: Record<string, number> = {
      'index.html': 1000,
      'd/index.html': 2000,
      'd/d.pdf': 30_000,
      'd/d-handout.pdf': 40_000,
      'd/d.pptx': 50_000,
      'd/slides/1.webp': 6000,
      'd/slides/2.webp': 7000,
      'pagefind/pagefind.js': 8000,
      'pagefind/index/a.pf_index': 9000,
      'talks/d/index.html': 500,
      '.stage/e/index.html': 100_000,
    }
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dist, path)), { recursive: true })
      writeFileSync(join(dist, path), Buffer.alloc(bytes))
    }
    const size = siteSize(dist)
    expect(size).toEqual({ bytes: 153_500, files: 10, added: { 'handouts': 40_000, 'PPTX': 50_000, 'reader-view pictures': 13_000, 'search index': 17_000 } })
    expect(siteSizeReport({ bytes: 3 * 1024 * 1024, files: 3, added: { 'handouts': 1024 * 1024, 'PPTX': 0, 'reader-view pictures': 0, 'search index': 0 } }))
      .toBe('Site size: 3.0 MB in 3 files; without the handouts, PPTX, reader view and search: 2.0 MB (handouts 1.0 MB, PPTX 0.0 MB, reader-view pictures 0.0 MB, search index 0.0 MB)')
  })
})
