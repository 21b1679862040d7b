import type { Entry, Talk, TalkEvent } from './schema'
import escape from 'escape-html'
import { speaker } from '../../data/speaker'
import { deckUrl, pdfUrl } from './decks'

export interface IndexTalk {
  slug: string
  talk: Talk
}

const KIND_LABEL: Record<string, string> = {
  talk: 'Talk',
  interactive: 'Interactive talk',
  informal: 'Informal talk',
  award: 'Award',
  interview: 'Interview',
}
const LANG_LABEL: Record<string, string> = { en: 'English', fr: 'Français' }

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

function talkItem({ slug, talk }: IndexTalk, base: string): Item {
  const events = [...talk.events].sort((a, b) => a.date.localeCompare(b.date))
  const latest = events.at(-1)!
  const lang = talk.lang === 'en' ? '' : ` lang="${escape(talk.lang)}"`
  const video = events.find(event => event.video)?.video
  const withWho = talk.coSpeakers.length ? `<p class="with">with ${talk.coSpeakers.map(escape).join(', ')}</p>` : ''
  const html = `
    <article class="talk" id="${escape(slug)}"${lang}>
      <h3><a href="${escape(deckUrl(slug, base))}">${escape(talk.title)}</a></h3>
      <p class="meta"><span class="kind">${KIND_LABEL[talk.kind]}</span> · <span class="lang" lang="${escape(talk.lang)}">${LANG_LABEL[talk.lang]}</span></p>
      ${withWho}
      <ul class="events">${events.map(event => `<li>${escape(event.name)}, ${escape(event.city)} · <time datetime="${event.date}">${formatEventDate(event)}</time></li>`).join('')}</ul>
      <p class="abstract">${escape(talk.abstract.trim())}</p>
      <p class="links">
        <a href="${escape(deckUrl(slug, base))}">Slides</a>
        <a href="${escape(pdfUrl(slug, base))}" download>PDF</a>
        ${video ? `<a href="${escape(video)}" rel="noopener">Video</a>` : ''}
      </p>
    </article>`
  return { year: Number(latest.date.slice(0, 4)), sortKey: latest.date, html }
}

function entryItem(entry: Entry): Item {
  const questions = entry.questions?.length
    ? `<p>The questions:</p><ul class="questions">${entry.questions.map(q => `<li>${escape(q)}</li>`).join('')}</ul>`
    : ''
  const link = entry.link ? `<p class="links"><a href="${escape(entry.link.url)}" rel="noopener">${escape(entry.link.label)}</a></p>` : ''
  const html = `
    <article class="talk entry">
      <h3>${escape(entry.title)}</h3>
      <p class="meta"><span class="kind">${KIND_LABEL[entry.kind]}</span> · ${escape(entry.where)}</p>
      <p class="abstract">${escape(entry.description)}</p>
      ${questions}${link}
    </article>`
  // Entries without a day sort after the talks of their year.
  return { year: entry.year, sortKey: `${entry.year}-00`, html }
}

const INDEX_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #4a5562; --bg: #fdfdfc; --card: #fff; --line: #d8dde3; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --muted: #aab3bd; --bg: #14171b; --card: #1c2026; --line: #2f353d; --accent: #7cb7ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem; }
h1 { font-size: 1.75rem; margin: 1rem 0 .25rem; }
.handle { color: var(--muted); font-weight: 400; font-size: 1.1rem; }
h2 { border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { margin: 0 0 .25rem; font-size: 1.2rem; }
.talk { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.1rem; margin: 1rem 0; }
.meta, .with, .events { color: var(--muted); margin: .25rem 0; font-size: .95rem; }
.events { padding-left: 1.1rem; }
.abstract { margin: .5rem 0; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.links { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .5rem 0 0; }
.talk .links a { display: inline-block; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-weight: 600; }
`

/** The site's front page: static HTML, readable without JavaScript, newest first, grouped by year. */
export function renderIndex(talks: IndexTalk[], entries: Entry[], base: string): string {
  const items = [...talks.map(talk => talkItem(talk, base)), ...entries.map(entryItem)]
    .sort((a, b) => b.sortKey.localeCompare(a.sortKey))
  const years = [...new Set(items.map(item => item.year))].sort((a, b) => b - a)
  const sections = years.map(year => `
  <section aria-labelledby="y${year}">
    <h2 id="y${year}">${year}</h2>${items.filter(item => item.year === year).map(item => item.html).join('')}
  </section>`).join('')
  const description = `Conference talks by ${speaker.name}: slides, PDFs and videos.`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(speaker.name)} — talks</title>
<meta name="description" content="${escape(description)}">
<meta name="author" content="${escape(speaker.name)}">
<link rel="icon" href="${escape(base)}favicon.svg" type="image/svg+xml">
<style>
${INDEX_CSS}
</style>
</head>
<body>
<header>
  <h1>${escape(speaker.name)} <span class="handle">@${escape(speaker.handle)}</span></h1>
  <p>${escape(speaker.role)}. ${escape(speaker.bio)}</p>
  <p class="links">${Object.entries(speaker.links).map(([name, url]) => `<a href="${escape(url)}" rel="me noopener">${escape(name[0].toUpperCase() + name.slice(1))}</a>`).join(' ')}</p>
</header>
<main>${sections}
</main>
</body>
</html>
`
}
