import type { Talk } from '../scripts/lib/schema'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../scripts/lib/config'
import { finishDeckHtml } from '../scripts/lib/deck/deck-html'
import { publishPath, SLUG_PATTERN } from '../scripts/lib/deck/decks'
import { layoutOf } from '../scripts/lib/layout'
import { metaTags } from '../scripts/lib/meta'
import { renderFeed, renderSitemap } from '../scripts/lib/site/feed'
import { formatEventDate, renderIndex } from '../scripts/lib/site/index-page'
import { readEntries, render404 } from '../scripts/lib/site/site'
import { renderTalkPage } from '../scripts/lib/site/talk-page'

/** The layout of a site served from `base`, published at `siteUrl` when given. */
const at = (base: string, siteUrl = '') => layoutOf({ distDir: '/tmp/dist', base, siteUrl })

function talk(over: Partial<Talk>): Talk {
  return {
    title: 'A talk',
    abstract: 'An abstract long enough to be one sentence.',
    kind: 'talk',
    lang: 'en',
    publishNotes: true,
    coSpeakers: [],
    tags: ['python'],
    events: [{ name: 'EuroPython 2017', city: 'Rimini', date: '2017-07-09', until: '2017-07-16' }],
    addons: ['@/../..'],
    fonts: { provider: 'none' },
    favicon: '../../public/favicon.svg',
    ...over,
  }
}

describe('index page', () => {
  it('escapes every text it prints', () => {
    const html = renderIndex([{ slug: '2017-x-y', talk: talk({ title: '<script>alert(1)</script>', abstract: 'Tom & "Jerry" <img src=x onerror=alert(1)>', coSpeakers: ['<b>Eve</b>'] }) }], [], at('/'))
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Tom &amp; &quot;Jerry&quot; &lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('with &lt;b&gt;Eve&lt;/b&gt;')
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>/)
  })

  it('lists talks and entries newest first, grouped by year, with slides, PDF and video links', () => {
    const html = renderIndex([
      { slug: '2013-europython-a', talk: talk({ title: 'Old', events: [{ name: 'EuroPython 2013', city: 'Florence', date: '2013-07-01', until: '2013-07-07', video: 'https://www.youtube.com/watch?v=AIYsV5scL7A' }] }) },
      { slug: '2018-pyconfr-b', talk: talk({ title: 'New', lang: 'fr', events: [{ name: 'PyConFR 2018', city: 'Lille', date: '2018-10-04', until: '2018-10-07' }] }) },
    ], readEntries(), at('/talks/'))
    const order = ['id="y2018"', '>New<', 'Scylla User Award', 'id="y2017"', 'Scaling Python', 'id="y2013"', '>Old<'].map(s => html.indexOf(s))
    expect(order.every(i => i >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(html).toContain('<a href="/talks/2013-europython-a/">Slides</a>')
    expect(html).toContain('<h3><a href="/talks/talks/2013-europython-a/">Old</a></h3>')
    expect(html).toContain('href="/talks/2013-europython-a/2013-europython-a.pdf"')
    expect(html).toContain('href="https://www.youtube.com/watch?v=AIYsV5scL7A"')
    expect(html).toContain('<article class="talk" id="2018-pyconfr-b" lang="fr" data-years="2018" data-tags="python" data-lang="fr">')
    expect(html).toContain('Français')
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
  })

  it('never turns an address that is not a web address into a link, even from an old build.json', () => {
    const hostile = talk({ events: [{ name: 'X', city: 'Y', date: '2017-07-09', video: 'javascript:alert(document.domain)' }] })
    expect(() => renderIndex([{ slug: '2017-x-y', talk: hostile }], [], at('/'))).toThrow('"javascript:alert(document.domain)" is not a web address or a path of the site: only those become links')
    expect(() => renderTalkPage({ slug: '2017-x-y', talk: hostile }, at('/'))).toThrow(/is not a web address/)
    const entry = readEntries().find(entry => entry.link)!
    expect(() => renderIndex([], [{ ...entry, link: { label: 'x', url: 'data:text/html,x' } }], at('/'))).toThrow(/"data:text\/html,x" is not a web address/)
  })

  it('formats event dates without inventing a day', () => {
    expect(formatEventDate({ date: '2017-07-09', until: '2017-07-16' })).toBe('9–16 July 2017')
    expect(formatEventDate({ date: '2018-10-30', until: '2018-11-02' })).toBe('30 October–2 November 2018')
    expect(formatEventDate({ date: '2014-05-21' })).toBe('21 May 2014')
    expect(formatEventDate({ date: '2014-05' })).toBe('May 2014')
    expect(formatEventDate({ date: '2014' })).toBe('2014')
  })
})

const thumb = { small: '/x/thumb-320.webp', large: '/x/thumb-640.webp', og: '/x/og.jpg', width: 640, height: 360 }
const evil = talk({ title: '<script>alert(1)</script>', abstract: 'Tom & "Jerry" <img src=x onerror=alert(1)>', coSpeakers: ['<b>Eve</b>'], tags: ['a-b'] })

describe('index cards and filters', () => {
  it('shows a responsive thumbnail, eager for the two newest cards and lazy below', () => {
    const talks = ['2013', '2014', '2015'].map(year => ({ slug: `${year}-conf-x`, talk: talk({ events: [{ name: `Conf ${year}`, city: 'Paris', date: `${year}-05-01` }] }) }))
    const html = renderIndex(talks, [], at('/'), new Map(talks.map(t => [t.slug, { ...thumb, small: `/${t.slug}/thumb-320.webp` }])))
    const imgs = html.match(/<img [^>]+>/g)!
    expect(imgs).toHaveLength(3)
    expect(imgs[0]).toContain('srcset="/2015-conf-x/thumb-320.webp 320w, /x/thumb-640.webp 640w"')
    expect(imgs[0]).toContain('width="640" height="360"')
    expect(imgs.map(img => img.includes('loading="lazy"'))).toEqual([false, false, true])
  })

  it('offers every year, topic and language once, in a form the script reveals', () => {
    const html = renderIndex([
      { slug: '2016-a-b', talk: talk({ tags: ['python', 'etcd'], events: [{ name: 'A', city: 'B', date: '2016-07-01' }, { name: 'C', city: 'D', date: '2018-10-01' }] }) },
      { slug: '2014-c-d', talk: talk({ lang: 'fr', tags: ['python'], events: [{ name: 'E', city: 'F', date: '2014-05' }] }) },
    ], [], at('/'))
    expect(html).toContain('<form class="filters" id="filters" hidden')
    expect(html.match(/<select name="years">.*?<\/select>/)![0].match(/value="\d+"/g)).toEqual(['value="2018"', 'value="2016"', 'value="2014"'])
    expect(html.match(/<select name="tags">.*?<\/select>/)![0].match(/value="[^"]+"/g)).toEqual(['value="etcd"', 'value="python"'])
    expect(html).toContain('<option value="fr">Français</option>')
    expect(html).toContain('data-years="2016 2018"')
  })
})

describe('talk page, feed, sitemap, metadata', () => {
  it('escapes every text on the talk page, in its own language', () => {
    const html = renderTalkPage({ slug: '2017-x-y', talk: evil }, at('/'), thumb)
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('with &lt;b&gt;Eve&lt;/b&gt;')
    const fr = renderTalkPage({ slug: '2014-parispy-x', talk: talk({ lang: 'fr', events: [{ name: 'Paris.py', city: 'Paris', date: '2014-05', video: 'https://example.com/v' }] }) }, at('/talks/'))
    expect(fr).toMatch(/^<!doctype html>\n<html lang="fr">/)
    expect(fr).toContain('Paris.py, Paris · <time datetime="2014-05">May 2014</time> · <a href="https://example.com/v" rel="noopener">Vidéo</a>')
    expect(fr).toContain('href="/talks/2014-parispy-x/2014-parispy-x.pdf"')
    expect(fr).toContain('Aller au contenu')
  })

  it('writes Open Graph and Twitter tags, with absolute URLs when SITE_URL is set', () => {
    const site = at('/talks/', 'https://example.org/talks/')
    const tags = metaTags({ title: 'A "title"', description: 'd', url: site.published('/talks/x/'), image: site.published('/talks/x/og.jpg'), lang: 'fr' })
    expect(tags).toContain('<meta property="og:title" content="A &quot;title&quot;">')
    expect(tags).toContain('<meta property="og:image" content="https://example.org/talks/x/og.jpg">')
    expect(tags).toContain('<meta property="og:url" content="https://example.org/talks/x/">')
    expect(tags).toContain('<meta property="og:locale" content="fr_FR">')
    expect(tags).toContain('<meta name="twitter:card" content="summary_large_image">')
    expect(metaTags({ title: 't', description: 'd', url: '/' })).toContain('<meta name="twitter:card" content="summary">')
    expect(at('/').published('/a/b/')).toBe('/a/b/')
  })

  it('gives a talk page an absolute canonical link when the site\'s address is known', () => {
    const html = renderTalkPage({ slug: '2017-x-y', talk: talk({}) }, at('/talks/', 'https://example.org/talks/'))
    expect(html).toContain('<link rel="canonical" href="https://example.org/talks/talks/2017-x-y/">')
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="https://example.org/talks/feed.xml"')
    const local = renderTalkPage({ slug: '2017-x-y', talk: talk({}) }, at('/talks/'))
    expect(local).not.toMatch(/rel="canonical"|og:url|application\/atom\+xml/)
  })

  it('finishes a deck\'s page: escaped metadata replacing Slidev\'s own, and the first frame', () => {
    const deck = '<html><head><title>T - Slidev</title><meta property="og:title" content="T - Slidev">\n<link rel="stylesheet" crossorigin href="/2017-x-y/assets/a.css">\n</head><body></body></html>'
    const html = finishDeckHtml(deck, { slug: '2017-x-y', talk: evil, preloads: [], frames: { light: 'data:image/webp;base64,AA', dark: 'data:image/webp;base64,BB' }, hasThumbs: true }, at('/'))
    expect(html.match(/og:title/g)).toHaveLength(1)
    expect(html).toContain('<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;">')
    // Open Graph wants absolute addresses: without SITE_URL, no og:url nor og:image rather than relative ones.
    expect(html).not.toMatch(/og:url|og:image|twitter:image/)
    const published = finishDeckHtml(deck, { slug: '2017-x-y', talk: evil, preloads: [], hasThumbs: true }, at('/', 'https://example.org/'))
    expect(published).toContain('<meta property="og:image" content="https://example.org/2017-x-y/og.jpg">')
    expect(published).toContain('<meta property="og:url" content="https://example.org/2017-x-y/">')
    expect(html).toContain('<img src="data:image/webp;base64,AA" alt="&lt;script&gt;alert(1)&lt;/script&gt;"')
    // Slidev's stylesheet moves from the head to just after the picture.
    expect(html.indexOf('a.css')).toBeGreaterThan(html.indexOf('id="first-frame"'))
    expect(html).not.toMatch(/<script>alert/)
  })

  it('preloads what the first slide loads, skipping what the page already loads', () => {
    const deck = '<html><head><script type="module" crossorigin src="/d/assets/index-A.js"></script></head><body></body></html>'
    const files = ['/d/assets/index-A.js', '/d/assets/play-B.js', '/d/assets/md-C.css', '/d/assets/nunito-400.woff2']
    const html = finishDeckHtml(deck, { slug: 'd', talk: talk({}), preloads: files, hasThumbs: false }, at('/'))
    expect(html.match(/index-A\.js/g)).toHaveLength(1)
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/d/assets/play-B.js">')
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/d/assets/md-C.css">')
    expect(html).toContain('<link rel="preload" as="font" type="font/woff2" crossorigin href="/d/assets/nunito-400.woff2">')
    expect(html).not.toContain('og:image')
  })

  it('feeds and maps the talks, escaped, newest first', () => {
    const talks = [
      { slug: '2013-a-b', talk: talk({ title: 'Old', events: [{ name: 'A', city: 'B', date: '2013-07-01' }] }) },
      { slug: '2018-c-d', talk: evil },
    ]
    const feed = renderFeed(talks, at('/', 'https://example.org/'))!
    expect(feed.indexOf('&lt;script&gt;')).toBeLessThan(feed.indexOf('<title>Old</title>'))
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://example.org/talks/2013-a-b/"/>')
    expect(feed).toContain('<updated>2013-07-01T00:00:00Z</updated>')
    expect(feed).toContain('<author><name>&lt;b&gt;Eve&lt;/b&gt;</name></author>')
    expect(feed).not.toMatch(/<script|<img|<b>/)
    expect(feed).toContain('<id>https://example.org/talks/2013-a-b/</id>')
    // Both need absolute addresses: without SITE_URL there is neither.
    expect(renderFeed(talks, at('/'))).toBeUndefined()
    expect(renderSitemap(talks, at('/'))).toBeUndefined()
    const sitemap = renderSitemap(talks, at('/s/', 'https://example.org/s/'))!
    expect(sitemap).toContain('<url><loc>https://example.org/s/</loc></url>')
    expect(sitemap).toContain('<url><loc>https://example.org/s/talks/2013-a-b/</loc><lastmod>2013-07-01</lastmod></url>')
    expect(sitemap).toContain('<url><loc>https://example.org/s/2013-a-b/</loc><lastmod>2013-07-01</lastmod></url>')
  })

  it('404 page knows the decks, for deep links, and escapes them in its script', () => {
    const html = render404([{ slug: '2017-x-y', talk: talk({}) }], at('/talks/'))
    expect(html).toContain('["2017-x-y"]')
    expect(html).toContain('const b="/talks/"')
    expect(html).toContain('<a href="/talks/">See all the talks</a>')
  })
})

describe('slugs and URLs', () => {
  it('derives every URL from the folder name and the site base', () => {
    const site = at('/talks/')
    expect(site.deckPath('2017-europython-consistent-hashing')).toBe('/talks/2017-europython-consistent-hashing/')
    expect(at('/').pdfPath('2017-europython-x')).toBe('/2017-europython-x/2017-europython-x.pdf')
    expect(site.talkPagePath('2017-x-y')).toBe('/talks/talks/2017-x-y/')
    expect(at('/talks/', 'https://example.org/talks/').deckLinks('2017-x-y', true)).toEqual({ index: 'https://example.org/talks/', pdf: 'https://example.org/talks/2017-x-y/2017-x-y.pdf', handout: 'https://example.org/talks/2017-x-y/2017-x-y-handout.pdf', deck: 'https://example.org/talks/2017-x-y/' })
    expect(site.deckLinks('2017-x-y', true)).toEqual({ index: '/talks/', pdf: '/talks/2017-x-y/2017-x-y.pdf', handout: '/talks/2017-x-y/2017-x-y-handout.pdf', deck: '' })
    // A deck whose notes are not published has no handout to link to.
    expect(site.deckLinks('2017-x-y', false).handout).toBe('')
    expect(site.pptxPath('2017-x-y')).toBe('/talks/2017-x-y/2017-x-y.pptx')
  })

  it('reads SITE_BASE and SITE_URL once, and refuses what would publish wrong addresses', () => {
    expect(readConfig([], {}).base).toBe('/')
    expect(readConfig([], { SITE_BASE: 'talks' }).base).toBe('/talks/')
    expect(readConfig([], { SITE_BASE: '/talks/' }).base).toBe('/talks/')
    // Without its final slash, SITE_URL's last segment would be lost in every URL made from it.
    expect(readConfig([], { SITE_URL: 'https://example.org/talks' })).toMatchObject({ siteUrl: 'https://example.org/talks/', base: '/talks/' })
    expect(layoutOf(readConfig([], { SITE_URL: 'https://example.org/talks' })).deckLinks('2017-x-y', true).deck).toBe('https://example.org/talks/2017-x-y/')
    expect(() => readConfig([], { SITE_URL: 'https://example.org/talks/', SITE_BASE: '/' })).toThrow('SITE_BASE is / but SITE_URL (https://example.org/talks/) serves the site from /talks/: set SITE_BASE=/talks/, or leave it unset')
    expect(() => readConfig([], { SITE_URL: 'javascript:alert(1)' })).toThrow(/it must start with https:\/\//)
    expect(() => readConfig([], { SITE_URL: 'example.org' })).toThrow(/not a URL/)
    expect(() => readConfig([], { SITE_BASE: '/a"</script>/' })).toThrow(/SITE_BASE is/)
    expect(() => readConfig([], { SITE_BASE: '/a b/' })).toThrow('SITE_BASE is "/a b/": use only letters, digits and - _ . ~ / (a path such as /talks/)')
    expect(() => readConfig([], { BUILD_JOBS: 'two' })).toThrow(/BUILD_JOBS is "two"/)
    expect(() => readConfig(['--froce'], {})).toThrow(/unknown option --froce/)
    expect(readConfig(['--force', '2017-a-b'], {})).toMatchObject({ force: true, only: ['2017-a-b'] })
  })

  it('accepts <year>-<event>-<topic> only', () => {
    expect(SLUG_PATTERN.test('2017-europython-consistent-hashing')).toBe(true)
    for (const bad of ['europython-2017', '2017-europython', '2017-EuroPython-x', '2017_europython_x', '2017-europython-x-'])
      expect(SLUG_PATTERN.test(bad)).toBe(false)
  })

  it('maps look-alike folder names to the same published path', () => {
    expect(publishPath('2017-EuroPython-Hashing')).toBe('2017-europython-hashing')
    expect(publishPath('2014-parispy-tolérance')).toBe('2014-parispy-tolerance')
  })
})
