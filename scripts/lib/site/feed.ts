import type { Layout } from '../layout'
import type { IndexTalk } from './index-page'
import escape from 'escape-html'
import { speaker } from '../../../data/speaker'
import { sortedEvents } from './index-page'

/** The day a talk was last given, as an RFC 3339 timestamp (unknown months and days: the first). */
function updated(talk: IndexTalk['talk']): string {
  const date = sortedEvents(talk).at(-1)!.date
  const [year, month = '01', day = '01'] = date.split('-')
  return `${year}-${month}-${day}T00:00:00Z`
}

/** An Atom feed of the talks, newest first; none without SITE_URL, since a reader subscribes to it from elsewhere. */
export function renderFeed(talks: IndexTalk[], layout: Layout): string | undefined {
  if (!layout.siteUrl)
    return undefined
  const sorted = [...talks].sort((a, b) => updated(b.talk).localeCompare(updated(a.talk)))
  const home = layout.published(layout.indexPath)
  const entries = sorted.map(({ slug, talk }) => `  <entry>
    <title>${escape(talk.title)}</title>
    <id>${escape(layout.published(layout.talkPagePath(slug)))}</id>
    <link rel="alternate" type="text/html" href="${escape(layout.published(layout.talkPagePath(slug)))}"/>
    <updated>${updated(talk)}</updated>
    <summary xml:lang="${talk.lang}">${escape(talk.abstract.trim())}</summary>
${talk.tags.map(tag => `    <category term="${escape(tag)}"/>`).join('\n')}
${[speaker.name, ...talk.coSpeakers].map(name => `    <author><name>${escape(name)}</name></author>`).join('\n')}
  </entry>`).join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escape(speaker.name)} — talks</title>
  <id>${escape(home)}</id>
  <link rel="alternate" type="text/html" href="${escape(home)}"/>
  <link rel="self" type="application/atom+xml" href="${escape(layout.published(layout.feedPath))}"/>
  <updated>${sorted.length ? updated(sorted[0].talk) : '2013-01-01T00:00:00Z'}</updated>
  <author><name>${escape(speaker.name)}</name><uri>${escape(speaker.links.github)}</uri></author>
${entries}
</feed>
`
}

/** sitemap.xml: the index, each talk page and each deck; none without SITE_URL, since sitemaps.org wants absolute URLs. */
export function renderSitemap(talks: IndexTalk[], layout: Layout): string | undefined {
  if (!layout.siteUrl)
    return undefined
  const urls = [
    { loc: layout.indexPath },
    ...talks.flatMap(({ slug, talk }) => [layout.talkPagePath(slug), layout.deckPath(slug)].map(loc => ({ loc, lastmod: updated(talk).slice(0, 10) }))),
  ]
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map(url => `  <url><loc>${escape(layout.published(url.loc))}</loc>${'lastmod' in url ? `<lastmod>${url.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`
}
