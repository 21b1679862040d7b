import type { PrintedSlide } from '../deck/record'
import type { Layout, Thumb } from '../layout'
import type { Entry, Talk, TalkEvent } from '../schema'
import escape from 'escape-html'
import { speaker } from '../../../data/speaker'
import { THUMB_SIZES } from '../layout'
import { metaTags, summary } from '../meta'
import { href, page } from './site-html'

export interface IndexTalk {
  slug: string
  talk: Talk
  /** The slides as the deck's build printed them, for the talk page's reader view. */
  slides?: PrintedSlide[]
}

const KIND_LABEL: Record<string, string> = {
  talk: 'Talk',
  interactive: 'Interactive talk',
  informal: 'Informal talk',
  award: 'Award',
  interview: 'Interview',
}
/** A language's name in itself ("Français", "日本語"), from the runtime's own data. */
export function languageName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1)
}

interface Item {
  year: number
  sortKey: string
  html: string
}

export function formatEventDate(event: Pick<TalkEvent, 'date' | 'until'>): string {
  const day = (iso: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
  if (/^\d{4}$/.test(event.date))
    return event.date
  if (/^\d{4}-\d{2}$/.test(event.date))
    return day(`${event.date}-01`, { month: 'long', year: 'numeric' })
  if (!event.until || event.until === event.date)
    return day(event.date, { day: 'numeric', month: 'long', year: 'numeric' })
  const sameMonth = event.date.slice(0, 7) === event.until.slice(0, 7)
  const start = day(event.date, sameMonth ? { day: 'numeric' } : { day: 'numeric', month: 'long' })
  return `${start}–${day(event.until, { day: 'numeric', month: 'long', year: 'numeric' })}`
}

export const KIND_NAMES = KIND_LABEL

export function sortedEvents(talk: Talk): TalkEvent[] {
  return [...talk.events].sort((a, b) => a.date.localeCompare(b.date))
}

/** The thumbnail of a deck's first slide, responsive: two widths, fixed aspect ratio, lazy below the fold. */
export function thumbImage(thumb: Thumb, alt: string, lazy: boolean, sizes = '(min-width: 40rem) 16rem, calc(100vw - 5rem)'): string {
  return `<img src="${escape(thumb.small)}" srcset="${escape(thumb.small)} ${THUMB_SIZES.small}w, ${escape(thumb.large)} ${THUMB_SIZES.large}w" sizes="${sizes}" width="${thumb.width}" height="${thumb.height}" alt="${escape(alt)}"${lazy ? ' loading="lazy"' : ' fetchpriority="high"'} decoding="async">`
}

function dataAttrs(years: number[], tags: string[], lang: string) {
  return `data-years="${[...new Set(years)].join(' ')}" data-tags="${escape(tags.join(' '))}" data-lang="${escape(lang)}"`
}

function talkItem({ slug, talk }: IndexTalk, layout: Layout, thumb: Thumb | undefined, lazy: boolean): Item {
  const events = sortedEvents(talk)
  const latest = events.at(-1)!
  const lang = talk.lang === 'en' ? '' : ` lang="${escape(talk.lang)}"`
  const video = events.find(event => event.video)?.video
  const withWho = talk.coSpeakers.length ? `<p class="with">with ${talk.coSpeakers.map(escape).join(', ')}</p>` : ''
  const picture = thumb ? `<a class="thumb" href="${href(layout.deckPath(slug))}" tabindex="-1">${thumbImage(thumb, `First slide of “${talk.title}”`, lazy)}</a>` : ''
  const html = `
    <article class="talk${thumb ? ' has-thumb' : ''}" id="${escape(slug)}"${lang} ${dataAttrs(events.map(e => Number(e.date.slice(0, 4))), talk.tags, talk.lang)}>
      ${picture}
      <h3><a href="${href(layout.talkPagePath(slug))}">${escape(talk.title)}</a></h3>
      <p class="meta"><span class="kind">${KIND_LABEL[talk.kind]}</span> · <span class="lang" lang="${escape(talk.lang)}">${escape(languageName(talk.lang))}</span></p>
      ${withWho}
      <ul class="events">${events.map(event => `<li>${escape(event.name)}, ${escape(event.city)} · <time datetime="${event.date}">${formatEventDate(event)}</time></li>`).join('')}</ul>
      <p class="abstract">${escape(summary(talk.abstract, 280))}</p>
      <ul class="tags" aria-label="Topics">${talk.tags.map(tag => `<li>${escape(tag)}</li>`).join('')}</ul>
      <p class="links">
        <a href="${href(layout.deckPath(slug))}">Slides</a>
        <a href="${href(layout.pdfPath(slug))}" download>PDF</a>
        ${video ? `<a href="${href(video)}" rel="noopener">Video</a>` : ''}
        <a href="${href(layout.talkPagePath(slug))}" aria-label="About “${escape(talk.title)}”">About</a>
      </p>
    </article>`
  return { year: Number(latest.date.slice(0, 4)), sortKey: latest.date, html }
}

function entryItem(entry: Entry): Item {
  const questions = entry.questions?.length
    ? `<p>The questions:</p><ul class="questions">${entry.questions.map(q => `<li>${escape(q)}</li>`).join('')}</ul>`
    : ''
  const link = entry.link ? `<p class="links"><a href="${href(entry.link.url)}" rel="noopener">${escape(entry.link.label)}</a></p>` : ''
  const lang = entry.lang === 'en' ? '' : ` lang="${escape(entry.lang)}"`
  const html = `
    <article class="talk entry"${lang} ${dataAttrs([entry.year], entry.tags, entry.lang)}>
      <h3>${escape(entry.title)}</h3>
      <p class="meta"><span class="kind">${KIND_LABEL[entry.kind]}</span> · ${escape(entry.where)}</p>
      <p class="abstract">${escape(entry.description)}</p>
      ${questions}${link}
    </article>`
  // Entries without a day sort after the talks of their year.
  return { year: entry.year, sortKey: `${entry.year}-00`, html }
}

function options(values: (string | number)[], label: (value: string) => string = String) {
  return values.map(value => `<option value="${escape(String(value))}">${escape(label(String(value)))}</option>`).join('')
}

/**
 * Filters by year, topic and language. The form is hidden in the HTML and shown by the
 * script, so without JavaScript there are no dead controls and the full list shows.
 */
function filterForm(years: number[], tags: string[], langs: string[]): string {
  return `<form class="filters" id="filters" hidden aria-label="Filter the talks">
    <label>Year <select name="years"><option value="">All years</option>${options(years)}</select></label>
    <label>Topic <select name="tags"><option value="">All topics</option>${options(tags)}</select></label>
    <label>Language <select name="lang"><option value="">All languages</option>${options(langs, languageName)}</select></label>
    <button type="reset">Show all</button>
  </form>
  <p class="count" id="count" role="status" aria-live="polite"></p>`
}

// Toggles hidden on the cards and on the year sections left empty; keeps the choice in the URL hash.
const FILTER_SCRIPT = `(()=>{const f=document.getElementById('filters'),c=document.getElementById('count'),cards=[...document.querySelectorAll('main article')];f.hidden=false;
const apply=()=>{const q={};let n=0;for(const s of f.querySelectorAll('select'))if(s.value)q[s.name]=s.value;
for(const a of cards){const ok=Object.entries(q).every(([k,v])=>(a.dataset[k]||'').split(' ').includes(v));a.hidden=!ok;if(ok)n++}
for(const s of document.querySelectorAll('main section'))s.hidden=!s.querySelector('article:not([hidden])');
c.textContent=Object.keys(q).length?n+' of '+cards.length+' shown':'';const h=new URLSearchParams(q).toString();history.replaceState(null,'',h?'#'+h:location.pathname+location.search)};
const load=()=>{const p=new URLSearchParams(location.hash.slice(1));for(const s of f.querySelectorAll('select'))s.value=p.get(s.name)||'';apply()};
f.addEventListener('change',apply);f.addEventListener('reset',()=>setTimeout(apply));addEventListener('hashchange',load);load()})()`

/** The site's front page: static HTML, readable without JavaScript, newest first, grouped by year. */
export function renderIndex(talks: IndexTalk[], entries: Entry[], layout: Layout, thumbs: Map<string, Thumb> = new Map()): string {
  // The first two cards are above the fold on a desktop and a phone: their images load at once.
  const newestFirst = [...talks].sort((a, b) => sortedEvents(b.talk).at(-1)!.date.localeCompare(sortedEvents(a.talk).at(-1)!.date))
  const eager = new Set(newestFirst.slice(0, 2).map(t => t.slug))
  const items = [...talks.map(talk => talkItem(talk, layout, thumbs.get(talk.slug), !eager.has(talk.slug))), ...entries.map(entryItem)]
    .sort((a, b) => b.sortKey.localeCompare(a.sortKey))
  const years = [...new Set(items.map(item => item.year))].sort((a, b) => b - a)
  const sections = years.map(year => `
  <section aria-labelledby="y${year}">
    <h2 id="y${year}">${year}</h2>${items.filter(item => item.year === year).map(item => item.html).join('')}
  </section>`).join('')
  const allYears = [...new Set([...talks.flatMap(t => t.talk.events.map(e => Number(e.date.slice(0, 4)))), ...entries.map(e => e.year)])].sort((a, b) => b - a)
  const allTags = [...new Set([...talks.flatMap(t => t.talk.tags), ...entries.flatMap(e => e.tags)])].sort()
  const allLangs = [...new Set([...talks.map(t => t.talk.lang), ...entries.map(e => e.lang)])].sort()
  const description = `Conference talks by ${speaker.name}: slides, PDFs and videos.`
  const title = `${speaker.name} — talks`
  const image = newestFirst.map(t => thumbs.get(t.slug)).find(Boolean)?.og
  return page({
    lang: 'en',
    title,
    description,
    base: layout.base,
    feed: layout.absolute(layout.feedPath),
    head: metaTags({ title, description, url: layout.absolute(layout.indexPath), image: image && layout.absolute(image) }),
    body: `<header>
  <h1>${escape(speaker.name)} <span class="handle">@${escape(speaker.handle)}</span></h1>
  <p>${escape(speaker.role)}. ${escape(speaker.bio)}</p>
  <p class="links">${Object.entries(speaker.links).map(([name, url]) => `<a href="${href(url)}" rel="me noopener">${escape(name[0].toUpperCase() + name.slice(1))}</a>`).join(' ')}${layout.siteUrl ? ` <a href="${href(layout.feedPath)}">Feed</a>` : ''}</p>
  ${filterForm(allYears, allTags, allLangs)}
</header>
<main id="main">${sections}
</main>
<script>${FILTER_SCRIPT}</script>`,
  })
}
