import type { Layout, Thumb } from '../layout'
import type { IndexTalk } from './index-page'
import { speaker } from '../../../data/speaker'
import { sortedEvents } from './index-page'
import { youtubeEmbed } from './talk-video'

// What search engines and link previews read of a talk page: schema.org's description of the
// talk as a document, with its speakers, language, topics, the events it was given at and
// their recordings. Addresses are absolute or left out (layout.absolute), like the meta tags.

/** JSON that can sit inside a <script>: no "<" (so no "</script>" nor "<!--"), and no ">" or "&" either. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The talk as a schema.org PresentationDigitalDocument, in a JSON-LD script element. */
export function talkJsonLd({ slug, talk }: IndexTalk, layout: Layout, thumb?: Thumb): string {
  const events = sortedEvents(talk)
  const person = (name: string) => ({ '@type': 'Person', name })
  const abstract = talk.abstract.replace(/\s+/g, ' ').trim()
  const pdf = layout.absolute(layout.pdfPath(slug))
  const data = {
    '@context': 'https://schema.org',
    '@type': 'PresentationDigitalDocument',
    'name': talk.title,
    'description': abstract,
    'inLanguage': talk.lang,
    'datePublished': events[0].date,
    'keywords': talk.tags.join(', '),
    'author': [{ ...person(speaker.name), url: speaker.links.github }, ...talk.coSpeakers.map(person)],
    'url': layout.absolute(layout.talkPagePath(slug)),
    'image': thumb && layout.absolute(thumb.og),
    'encoding': pdf && { '@type': 'MediaObject', 'contentUrl': pdf, 'encodingFormat': 'application/pdf' },
    'subjectOf': events.map(event => ({
      '@type': 'Event',
      'name': event.name,
      'startDate': event.date,
      'endDate': event.until,
      'location': { '@type': 'Place', 'name': event.city, 'address': event.city },
      'recordedIn': event.video && {
        '@type': 'VideoObject',
        'name': `${talk.title} (${event.name})`,
        'description': abstract,
        'url': event.video,
        'embedUrl': youtubeEmbed(event.video)?.replace(/\?.*$/, ''),
        'thumbnailUrl': thumb && layout.absolute(thumb.og),
      },
    })),
  }
  // JSON.stringify drops the keys left undefined (no SITE_URL, no video, a one-day event).
  return `<script type="application/ld+json">${scriptJson(data)}</script>`
}
