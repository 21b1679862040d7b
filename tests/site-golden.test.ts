import type { Entry, Talk } from '../scripts/lib/schema'
import { describe, expect, it } from 'vitest'
import { finishDeckHtml } from '../scripts/lib/deck/deck-html'
import { layoutOf } from '../scripts/lib/layout'
import { metaTags, summary } from '../scripts/lib/meta'
import { renderFeed, renderSitemap } from '../scripts/lib/site/feed'
import { formatEventDate, renderIndex, sortedEvents } from '../scripts/lib/site/index-page'
import { render404 } from '../scripts/lib/site/site'
import { renderTalkPage } from '../scripts/lib/site/talk-page'

// The pages around the decks, whole, for a small site: any change to what they say or how
// they are marked up shows as a diff of tests/golden/. After an intended change, review the
// diff and accept it with `vitest run tests/site-golden.test.ts -u`.

const published = layoutOf({ distDir: '/tmp/dist', base: '/talks/', siteUrl: 'https://example.org/talks/' })
const local = layoutOf({ distDir: '/tmp/dist', base: '/', siteUrl: '' })

function talk(over: Partial<Talk>): Talk {
  return {
    title: 'Consistent hashing',
    abstract: '  An abstract\nover   two lines, long enough to be one sentence.  ',
    kind: 'talk',
    lang: 'en',
    coSpeakers: [],
    publishNotes: true,
    tags: ['python', 'consistent-hashing'],
    events: [{ name: 'EuroPython 2017', city: 'Rimini', date: '2017-07-09', until: '2017-07-16', video: 'https://www.youtube.com/watch?v=erINlrgygEk' }],
    addons: ['@/../..'],
    fonts: { provider: 'none' },
    favicon: '../../public/favicon.svg',
    ...over,
  }
}

const talks = [
  { slug: '2017-europython-hashing', talk: talk({}) },
  { slug: '2014-parispy-pannes', talk: talk({ title: 'Tolérance aux pannes', lang: 'fr', kind: 'interactive', coSpeakers: ['Jeanne Dupont', 'Jean Martin'], tags: ['python'], events: [{ name: 'Paris.py #5', city: 'Paris', date: '2014-05' }, { name: 'PyCon FR', city: 'Lyon', date: '2014-10-25', video: 'https://example.com/v' }] }) },
  { slug: '2016-fosdem-discovery', talk: talk({ title: 'Service discovery', kind: 'informal', lang: 'pt-BR', tags: ['etcd'], events: [{ name: 'FOSDEM', city: 'Brussels', date: '2016' }] }) },
  { slug: '2015-pyconfr-talk', talk: talk({ title: 'Une présentation', lang: 'fr', events: [{ name: 'PyCon FR', city: 'Pau', date: '2015-10-17' }] }) },
  { slug: '2015-meetup-informel', talk: talk({ title: 'Une discussion', lang: 'fr-CA', kind: 'informal', events: [{ name: 'Meetup', city: 'Montréal', date: '2015-03' }] }) },
  { slug: '2018-summit-scylla', talk: talk({ title: 'Scylla', abstract: `${'A long abstract that goes on. '.repeat(12)}End.`, events: [{ name: 'Scylla Summit', city: 'San Francisco', date: '2018-11-06', until: '2018-11-07' }] }) },
]
const entries: Entry[] = [
  { title: 'An award', kind: 'award', lang: 'en', year: 2018, where: 'Summit 2018, San Francisco', description: 'Given for contributions.', tags: ['scylladb'] },
  { title: 'Un entretien', kind: 'interview', lang: 'fr', year: 2017, where: 'Un livre', description: 'Un entretien sur Python.', questions: ['Pourquoi Python ?', 'Et ensuite ?'], link: { label: 'Le livre', url: 'https://example.com/livre' }, tags: ['python', 'books'] },
]
const thumb = (slug: string) => published.thumb(slug)
const thumbs = new Map(talks.filter(t => t.slug !== '2016-fosdem-discovery').map(t => [t.slug, thumb(t.slug)]))

describe('the site\'s pages, whole', () => {
  it('index', async () => {
    await expect(renderIndex(talks, entries, published, thumbs)).toMatchFileSnapshot('golden/index.html')
    await expect(renderIndex(talks.slice(2), [], local)).toMatchFileSnapshot('golden/index-local.html')
  })

  it('talk pages', async () => {
    for (const { slug, talk } of talks)
      await expect(renderTalkPage({ slug, talk }, published, thumbs.get(slug))).toMatchFileSnapshot(`golden/talk-${slug}.html`)
  })

  it('feed, sitemap and 404', async () => {
    await expect(renderFeed(talks, published)).toMatchFileSnapshot('golden/feed.xml')
    await expect(renderFeed(talks, local)).toMatchFileSnapshot('golden/feed-local.xml')
    await expect(renderFeed([], local)).toMatchFileSnapshot('golden/feed-empty.xml')
    await expect(renderSitemap(talks, published)).toMatchFileSnapshot('golden/sitemap.xml')
    await expect(render404(talks, published)).toMatchFileSnapshot('golden/404.html')
  })

  it('a deck\'s page', async () => {
    const slidev = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Consistent hashing - Slidev</title>\n<meta property="og:title" content="Consistent hashing - Slidev">\n<script type="module" crossorigin src="/talks/2017-europython-hashing/assets/index-A.js"></script>\n<link rel="stylesheet" crossorigin href="/talks/2017-europython-hashing/assets/index-B.css">\n<link rel="stylesheet" crossorigin href="/talks/2017-europython-hashing/assets/md-C.css">\n</head>\n<body class="slidev">\n<div id="app"></div>\n</body>\n</html>\n'
    const preloads = ['/talks/2017-europython-hashing/assets/index-A.js', '/talks/2017-europython-hashing/assets/slide-D.js', '/talks/2017-europython-hashing/assets/md-C.css', '/talks/2017-europython-hashing/assets/nunito.woff2', '/talks/2017-europython-hashing/assets/fira.woff', '/talks/2017-europython-hashing/assets/logo.png']
    const parts = { slug: '2017-europython-hashing', talk: talks[0]!.talk, preloads, hasThumbs: true }
    await expect(finishDeckHtml(slidev, { ...parts, frames: { light: 'data:image/webp;base64,AA', dark: 'data:image/webp;base64,BB' } }, published)).toMatchFileSnapshot('golden/deck.html')
    await expect(finishDeckHtml(slidev, { ...parts, hasThumbs: false }, local)).toMatchFileSnapshot('golden/deck-no-frames.html')
    await expect(finishDeckHtml('<html><head></head><body></body></html>', { ...parts, preloads: [] }, local)).toMatchFileSnapshot('golden/deck-bare.html')
  })

  it('social card tags', async () => {
    const tags = [
      metaTags({ title: 'T', description: 'D', url: '/x/' }),
      metaTags({ title: 'T', description: 'D', url: 'https://example.org/x/', image: 'https://example.org/x/og.jpg', type: 'article', lang: 'pt-BR' }),
      metaTags({ title: 'T', description: 'D', url: '/x/', lang: 'zh-Hant' }),
      metaTags({ title: 'T', description: 'D', url: '/x/', lang: 'eo' }),
      ...['de', 'es', 'it', 'pt', 'nl', 'ja', 'fr-CA'].map(lang => metaTags({ title: 'T', description: 'D', url: '/x/', lang }).match(/<meta property="og:locale"[^>]*>/)![0]),
    ]
    await expect(tags.join('\n\n')).toMatchFileSnapshot('golden/meta-tags.html')
  })
})

describe('a description from an abstract', () => {
  it('is the abstract on one line, cut at a word with an ellipsis when longer than asked', () => {
    expect(summary('  one\n  two\tthree  ')).toBe('one two three')
    expect(summary('abcde', 5)).toBe('abcde')
    expect(summary('one two three', 9)).toBe('one two…')
    expect(summary('x'.repeat(200))).toBe('x'.repeat(200))
    expect(summary(`${'word '.repeat(50)}`)).toBe(`${'word '.repeat(39)}word…`)
  })
})

describe('events and talks in time order', () => {
  it('sorts a talk\'s events without touching its headmatter, and gives a one-day range as a day', () => {
    const events = Object.freeze([{ name: 'Later', city: 'B', date: '2016-10-01' }, { name: 'Earlier', city: 'A', date: '2016-05' }])
    expect(sortedEvents(talk({ events: events as Talk['events'] })).map(event => event.name)).toEqual(['Earlier', 'Later'])
    expect(formatEventDate({ date: '2017-07-09', until: '2017-07-09' })).toBe('9 July 2017')
  })

  it('lists the talks of a year newest first, whatever order they come in', () => {
    const html = renderIndex([
      { slug: '2016-a-older', talk: talk({ title: 'Older', events: [{ name: 'A', city: 'B', date: '2016-02-01' }] }) },
      { slug: '2016-a-newer', talk: talk({ title: 'Newer', events: [{ name: 'A', city: 'B', date: '2016-09-01' }] }) },
    ], [], local)
    expect(html.indexOf('>Newer<')).toBeLessThan(html.indexOf('>Older<'))
  })
})
