import type { Talk } from '../scripts/lib/schema'
import { describe, expect, it } from 'vitest'
import { deckUrl, pdfUrl, publishPath, siteBase, SLUG_PATTERN } from '../scripts/lib/decks'
import { formatEventDate, renderIndex } from '../scripts/lib/index-page'
import { readEntries } from '../scripts/lib/site'

function talk(over: Partial<Talk>): Talk {
  return {
    title: 'A talk',
    abstract: 'An abstract long enough to be one sentence.',
    kind: 'talk',
    lang: 'en',
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
    const html = renderIndex([{ slug: '2017-x-y', talk: talk({ title: '<script>alert(1)</script>', abstract: 'Tom & "Jerry" <img src=x onerror=alert(1)>', coSpeakers: ['<b>Eve</b>'] }) }], [], '/')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Tom &amp; &quot;Jerry&quot; &lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('with &lt;b&gt;Eve&lt;/b&gt;')
    expect(html).not.toMatch(/<script|<img|<b>/)
  })

  it('lists talks and entries newest first, grouped by year, with slides, PDF and video links', () => {
    const html = renderIndex([
      { slug: '2013-europython-a', talk: talk({ title: 'Old', events: [{ name: 'EuroPython 2013', city: 'Florence', date: '2013-07-01', until: '2013-07-07', video: 'https://www.youtube.com/watch?v=AIYsV5scL7A' }] }) },
      { slug: '2018-pyconfr-b', talk: talk({ title: 'New', lang: 'fr', events: [{ name: 'PyConFR 2018', city: 'Lille', date: '2018-10-04', until: '2018-10-07' }] }) },
    ], readEntries(), '/talks/')
    const order = ['id="y2018"', '>New<', 'Scylla User Award', 'id="y2017"', 'Scaling Python', 'id="y2013"', '>Old<'].map(s => html.indexOf(s))
    expect(order.every(i => i >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(html).toContain('<a href="/talks/2013-europython-a/">Slides</a>')
    expect(html).toContain('href="/talks/2013-europython-a/2013-europython-a.pdf"')
    expect(html).toContain('href="https://www.youtube.com/watch?v=AIYsV5scL7A"')
    expect(html).toContain('<article class="talk" id="2018-pyconfr-b" lang="fr">')
    expect(html).toContain('Français')
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
  })

  it('formats event dates without inventing a day', () => {
    expect(formatEventDate({ date: '2017-07-09', until: '2017-07-16' })).toBe('9–16 July 2017')
    expect(formatEventDate({ date: '2018-10-30', until: '2018-11-02' })).toBe('30 October–2 November 2018')
    expect(formatEventDate({ date: '2014-05-21' })).toBe('21 May 2014')
    expect(formatEventDate({ date: '2014-05' })).toBe('May 2014')
    expect(formatEventDate({ date: '2014' })).toBe('2014')
  })
})

describe('slugs and URLs', () => {
  it('derives every URL from the folder name and the site base', () => {
    expect(siteBase('')).toBe('/')
    expect(siteBase('talks')).toBe('/talks/')
    expect(siteBase('/talks/')).toBe('/talks/')
    expect(deckUrl('2017-europython-consistent-hashing', '/talks/')).toBe('/talks/2017-europython-consistent-hashing/')
    expect(pdfUrl('2017-europython-x', '/')).toBe('/2017-europython-x/2017-europython-x.pdf')
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
