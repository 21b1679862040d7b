import type { Talk } from '../scripts/lib/schema'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, it } from 'vitest'
import { layoutOf } from '../scripts/lib/layout'
import { root } from '../scripts/lib/paths'
import { readEntries, writeSite } from '../scripts/lib/site/site'

// The site step on a dist/ made by hand: each deck's build.json is all it reads.

const talk: Talk = {
  title: 'Finished',
  abstract: 'A deck whose build finished and is listed.',
  kind: 'talk',
  lang: 'en',
  coSpeakers: [],
  publishNotes: true,
  tags: ['python'],
  events: [{ name: 'Conf', city: 'Paris', date: '2017-05-01' }],
  addons: ['@/../..'],
  fonts: { provider: 'none' },
  favicon: '../../public/favicon.svg',
}

describe('writing the site around the decks', () => {
  const dist = mkdtempSync(join(tmpdir(), 'talks-site-'))
  afterAll(() => rmSync(dist, { recursive: true, force: true }))
  const layout = layoutOf({ distDir: dist, base: '/', siteUrl: '' })
  const deck = (slug: string, files: Record<string, string>) => {
    mkdirSync(join(dist, slug), { recursive: true })
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(dist, slug, name), text)
    return { slug, dir: join(dist, 'decks', slug), entry: join(dist, 'decks', slug, 'slides.md') }
  }

  it('lists the decks with a finished build, with their thumbnails, and writes every page', async () => {
    const record = (slug: string) => JSON.stringify({ slug, inputs: 'x', used: [], talk: { ...talk, title: slug }, slides: [] })
    const decks = [
      deck('2017-conf-listed', { 'build.json': record('2017-conf-listed'), 'index.html': '<html></html>', 'thumb-320.webp': 'webp' }),
      deck('2017-conf-no-thumbs', { 'build.json': record('2017-conf-no-thumbs'), 'index.html': '<html></html>' }),
      deck('2017-conf-no-page', { 'build.json': record('2017-conf-no-page') }),
      deck('2017-conf-broken-record', { 'build.json': '{ not json', 'index.html': '<html></html>' }),
      deck('2017-conf-never-built', {}),
    ]
    expect(await writeSite(layout, decks, readEntries())).toBe(2)

    const index = readFileSync(join(dist, 'index.html'), 'utf8')
    expect(index).toContain('<a href="/talks/2017-conf-listed/">2017-conf-listed</a>')
    expect(index).toContain('<a href="/talks/2017-conf-no-thumbs/">2017-conf-no-thumbs</a>')
    expect(index).not.toMatch(/no-page|broken-record|never-built/)
    expect(index.match(/<img /g)).toHaveLength(1)
    expect(index).toContain('src="/2017-conf-listed/thumb-320.webp"')
    for (const { title } of readEntries())
      expect(index).toContain(title.replace(/"/g, '&quot;'))
    expect(readFileSync(join(dist, 'talks/2017-conf-listed/index.html'), 'utf8')).toContain('<h1>2017-conf-listed</h1>')
    expect(readFileSync(join(dist, 'talks/2017-conf-no-thumbs/index.html'), 'utf8')).not.toContain('<img ')
    expect(readFileSync(join(dist, 'feed.xml'), 'utf8')).toContain('<title>2017-conf-listed</title>')
    expect(readFileSync(join(dist, 'sitemap.xml'), 'utf8')).toContain('<loc>/talks/2017-conf-no-thumbs/</loc>')
    expect(readFileSync(join(dist, '404.html'), 'utf8')).toContain('["2017-conf-listed","2017-conf-no-thumbs"]')
    expect(readFileSync(join(dist, 'favicon.svg'), 'utf8')).toBe(readFileSync(join(root, 'public/favicon.svg'), 'utf8'))
    expect(existsSync(join(dist, '_headers'))).toBe(existsSync(join(root, 'public/_headers')))
    // Written through temporary files, none of which is left behind.
    expect(readdirSync(dist).filter(name => name.endsWith('.tmp'))).toEqual([])
  })
})
