import type { AnyNode, Document, Element } from 'domhandler'
import type { Entry, Talk } from '../scripts/lib/schema'
import { DomUtils, parseDocument } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { finishDeckHtml } from '../scripts/lib/deck/deck-html'
import { layoutOf } from '../scripts/lib/layout'
import { renderFeed } from '../scripts/lib/site/feed'
import { renderIndex } from '../scripts/lib/site/index-page'
import { renderTalkPage } from '../scripts/lib/site/talk-page'

// Every value from a deck's headmatter or data/entries.yml that reaches a page, made hostile
// one field at a time: markup, quotes that would close an attribute, an ampersand, an
// unclosed comment. A page is safe when it has exactly the elements and attributes it has
// with plain values, and each value reads back exactly where it lands.

const PAYLOAD = ` &amp; & "dq" 'sq' <b onclick=x>b</b></p></title><img src=x onerror=alert(1)><!--`
const hostile = (field: string) => `${field}${PAYLOAD}`
// Still a valid https URL, as the schema requires, but with what would break out of href="…".
const hostileUrl = (field: string) => `https://example.com/${field}?a="><script>alert(1)</script>&b='1'<!--`

const layout = layoutOf({ distDir: '/tmp/dist', base: '/talks/', siteUrl: 'https://example.org/talks/' })
const thumb = { small: '/t/thumb-320.webp', large: '/t/thumb-640.webp', og: '/t/og.jpg', width: 640, height: 360 }
const SLUG = '2017-conf-topic'

function talkOf(text: (field: string) => string, url: (field: string) => string): Talk {
  return {
    title: text('title'),
    abstract: text('abstract'),
    kind: 'talk',
    lang: 'en',
    coSpeakers: [text('cospeaker1'), text('cospeaker2')],
    publishNotes: true,
    tags: [text('tag1'), text('tag2')],
    events: [
      { name: text('event1'), city: text('city1'), date: '2016-05-02', video: url('video1') },
      { name: text('event2'), city: text('city2'), date: '2017-07-09', until: '2017-07-16', video: url('video2') },
    ],
    addons: ['@/../..'],
    fonts: { provider: 'none' },
    favicon: '../../public/favicon.svg',
  }
}

function entryOf(text: (field: string) => string, url: (field: string) => string): Entry {
  return {
    title: text('entry-title'),
    kind: 'interview',
    lang: 'en',
    year: 2015,
    where: text('entry-where'),
    description: text('entry-description'),
    questions: [text('question1'), text('question2')],
    link: { label: text('link-label'), url: url('link-url') },
    tags: [text('entry-tag')],
  }
}

const plain = (field: string) => field
const plainUrl = (field: string) => `https://example.com/${field}`

/** Every element with its attribute names, in document order: what an injection would change. */
function skeleton(doc: Document): string[] {
  return DomUtils.findAll(() => true, doc.children).map(el => `${el.name}[${Object.keys(el.attribs).join(',')}]`)
}

const parseHtml = (html: string) => parseDocument(html)
const parseXml = (xml: string) => parseDocument(xml, { xmlMode: true })

function elements(doc: Document, match: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(match, doc.children)
}
const byClass = (doc: Document, tag: string, cls: string) => elements(doc, el => el.name === tag && (el.attribs.class ?? '').split(' ').includes(cls))
const text = (node: AnyNode | AnyNode[]) => DomUtils.textContent(node)
const isElement = (node: AnyNode): node is Element => node.type === 'tag'
const itemsOf = (list: Element | undefined) => list ? list.children.filter(isElement).map(text) : []
const attrs = (doc: Document, tag: string, name: string) => elements(doc, el => el.name === tag && name in el.attribs).map(el => el.attribs[name]!)
const metaContent = (doc: Document, key: string) => elements(doc, el => el.name === 'meta' && (el.attribs.property === key || el.attribs.name === key)).map(el => el.attribs.content)

describe('every value is escaped for where it lands', () => {
  const talk = talkOf(hostile, hostileUrl)
  const entry = entryOf(hostile, hostileUrl)

  it('index: same elements and attributes as with plain values; each value reads back exactly', () => {
    const render = (t: Talk, e: Entry) => renderIndex([{ slug: SLUG, talk: t }], [e], layout, new Map([[SLUG, thumb]]))
    const doc = parseHtml(render(talk, entry))
    expect(skeleton(doc)).toEqual(skeleton(parseHtml(render(talkOf(plain, plainUrl), entryOf(plain, plainUrl)))))

    const [card, entryCard] = elements(doc, el => el.name === 'article')
    expect(card).toBeDefined()
    expect(entryCard).toBeDefined()
    const inCard = (el: Element) => ({ find: (match: (node: Element) => boolean) => DomUtils.findAll(match, el.children) })
    const cardOf = inCard(card!)
    expect(text(cardOf.find(el => el.name === 'h3'))).toBe(talk.title)
    expect(cardOf.find(el => el.name === 'img')[0]!.attribs.alt).toBe(`First slide of “${talk.title}”`)
    expect(cardOf.find(el => el.name === 'a' && 'aria-label' in el.attribs)[0]!.attribs['aria-label']).toBe(`About “${talk.title}”`)
    expect(text(cardOf.find(el => el.attribs.class === 'with'))).toBe(`with ${talk.coSpeakers.join(', ')}`)
    expect(text(cardOf.find(el => el.attribs.class === 'abstract'))).toBe(talk.abstract)
    expect(itemsOf(cardOf.find(el => el.attribs.class === 'events')[0])).toEqual([
      `${talk.events[0]!.name}, ${talk.events[0]!.city} · 2 May 2016`,
      `${talk.events[1]!.name}, ${talk.events[1]!.city} · 9–16 July 2017`,
    ])
    expect(itemsOf(cardOf.find(el => el.attribs.class === 'tags')[0])).toEqual(talk.tags)
    expect(card!.attribs['data-tags']).toBe(talk.tags.join(' '))
    expect(cardOf.find(el => el.name === 'a' && text(el) === 'Video')[0]!.attribs.href).toBe(talk.events[0]!.video)

    const entryOfCard = inCard(entryCard!)
    expect(text(entryOfCard.find(el => el.name === 'h3'))).toBe(entry.title)
    expect(text(entryOfCard.find(el => el.attribs.class === 'meta'))).toBe(`Interview · ${entry.where}`)
    expect(text(entryOfCard.find(el => el.attribs.class === 'abstract'))).toBe(entry.description)
    expect(itemsOf(entryOfCard.find(el => el.attribs.class === 'questions')[0])).toEqual(entry.questions)
    const link = entryOfCard.find(el => el.name === 'a')[0]!
    expect([text(link), link.attribs.href]).toEqual([entry.link!.label, entry.link!.url])
    expect(entryCard!.attribs['data-tags']).toBe(entry.tags.join(' '))

    // The topic filter offers each tag, as its value and its label.
    const topics = elements(doc, el => el.name === 'select' && el.attribs.name === 'tags')[0]!.children.filter(isElement).slice(1)
    expect(topics.map(option => [option.attribs.value, text(option)])).toEqual([...talk.tags, ...entry.tags].sort().map(tag => [tag, tag]))
  })

  it('talk page: same elements and attributes as with plain values; each value reads back exactly', () => {
    const render = (t: Talk) => renderTalkPage({ slug: SLUG, talk: t }, layout, thumb)
    const doc = parseHtml(render(talk))
    expect(skeleton(doc)).toEqual(skeleton(parseHtml(render(talkOf(plain, plainUrl)))))

    expect(text(elements(doc, el => el.name === 'title'))).toBe(`${talk.title} — Alexys Jacob`)
    expect(text(elements(doc, el => el.name === 'h1'))).toBe(talk.title)
    expect(metaContent(doc, 'og:title')).toEqual([talk.title])
    expect(metaContent(doc, 'twitter:title')).toEqual([talk.title])
    expect(metaContent(doc, 'og:image:alt')).toEqual([`First slide of “${talk.title}”`])
    expect(metaContent(doc, 'description')).toEqual([talk.abstract])
    expect(metaContent(doc, 'og:description')).toEqual([talk.abstract])
    expect(text(byClass(doc, 'p', 'meta'))).toBe(`Talk · English · by Alexys Jacob with ${talk.coSpeakers.join(', ')}`)
    expect(text(byClass(doc, 'p', 'abstract'))).toBe(talk.abstract)
    expect(itemsOf(byClass(doc, 'ul', 'events')[0])).toEqual([
      `${talk.events[0]!.name}, ${talk.events[0]!.city} · 2 May 2016 · Video`,
      `${talk.events[1]!.name}, ${talk.events[1]!.city} · 9–16 July 2017 · Video`,
    ])
    expect(elements(doc, el => el.name === 'a' && text(el) === 'Video').map(a => a.attribs.href)).toEqual(talk.events.map(event => event.video))
    expect(itemsOf(byClass(doc, 'ul', 'tags')[0])).toEqual(talk.tags)
    expect(text(elements(doc, el => el.name === 'footer'))).toBe(['Alexys Jacob', ...talk.coSpeakers].join(', '))
  })

  it('feed: same elements and attributes as with plain values; each value reads back exactly', () => {
    const render = (t: Talk) => renderFeed([{ slug: SLUG, talk: t }], layout)
    const doc = parseXml(render(talk))
    expect(skeleton(doc)).toEqual(skeleton(parseXml(render(talkOf(plain, plainUrl)))))
    const entryEl = elements(doc, el => el.name === 'entry')[0]!
    const inEntry = (name: string) => DomUtils.findAll(el => el.name === name, entryEl.children)
    expect(text(inEntry('title'))).toBe(talk.title)
    expect(text(inEntry('summary'))).toBe(talk.abstract)
    expect(inEntry('category').map(el => el.attribs.term)).toEqual(talk.tags)
    expect(inEntry('name').map(text)).toEqual(['Alexys Jacob', ...talk.coSpeakers])
  })

  it('deck page: the title and abstract in its metadata and first frame read back exactly', () => {
    const slidev = '<html><head><title>T - Slidev</title><meta property="og:title" content="T - Slidev">\n</head><body></body></html>'
    const render = (t: Talk) => finishDeckHtml(slidev, { slug: SLUG, talk: t, preloads: [], frames: { light: 'data:image/webp;base64,AA', dark: 'data:image/webp;base64,BB' }, hasThumbs: true }, layout)
    const doc = parseHtml(render(talk))
    expect(skeleton(doc)).toEqual(skeleton(parseHtml(render(talkOf(plain, plainUrl)))))
    expect(metaContent(doc, 'og:title')).toEqual([talk.title])
    expect(metaContent(doc, 'description')).toEqual([talk.abstract])
    expect(attrs(doc, 'img', 'alt')).toEqual([talk.title])
  })
})
