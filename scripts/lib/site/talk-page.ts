import type { Layout, Thumb } from '../layout'
import type { IndexTalk } from './index-page'
import escape from 'escape-html'
import { speaker } from '../../../data/speaker'
import { metaTags, summary } from '../meta'
import { formatEventDate, KIND_NAMES, languageName, sortedEvents, thumbImage } from './index-page'
import { renderReader } from './reader'
import { href, page } from './site-html'
import { talkJsonLd } from './talk-jsonld'
import { hasPlayer, VIDEO_CSS, videoSection } from './talk-video'

const KIND_FR: Record<string, string> = { talk: 'Présentation', interactive: 'Présentation interactive', informal: 'Présentation informelle' }

const TEXT = {
  en: { all: 'All talks', by: 'by', with: 'with', given: 'Given at', slides: 'Slides', pdf: 'PDF', handout: 'Slides with notes (PDF)', pptx: 'PowerPoint (PPTX)', video: 'Video', abstract: 'Abstract', topics: 'Topics', open: 'Open the slides', skip: 'Skip to content' },
  fr: { all: 'Toutes les présentations', by: 'par', with: 'avec', given: 'Présenté à', slides: 'Diapositives', pdf: 'PDF', handout: 'Diapositives et notes (PDF)', pptx: 'PowerPoint (PPTX)', video: 'Vidéo', abstract: 'Résumé', topics: 'Sujets', open: 'Ouvrir les diapositives', skip: 'Aller au contenu' },
} as const

/** A shareable page per talk: abstract, every event with its video, links to the slides, the PDF, the handout and the PPTX, and every slide to read. */
export function renderTalkPage({ slug, talk, slides }: IndexTalk, layout: Layout, thumb?: Thumb): string {
  // The page's own words in the talk's language where they exist, else in English.
  const french = talk.lang.split('-')[0] === 'fr'
  const t = french ? TEXT.fr : TEXT.en
  const events = sortedEvents(talk)
  const people = [speaker.name, ...talk.coSpeakers]
  const description = summary(talk.abstract)
  const canonical = layout.absolute(layout.talkPagePath(slug))
  const video = videoSection(events, thumb, french)
  const html = page({
    lang: talk.lang,
    title: `${talk.title} — ${speaker.name}`,
    description,
    base: layout.base,
    feed: layout.absolute(layout.feedPath),
    head: `${metaTags({ title: talk.title, description, url: canonical, image: thumb && layout.absolute(thumb.og), type: 'article', lang: talk.lang })}
${canonical ? `<link rel="canonical" href="${href(canonical)}">\n` : ''}${talkJsonLd({ slug, talk }, layout, thumb)}${video && `\n<style>${VIDEO_CSS}</style>`}`,
    body: `<header>
  <p><a href="${href(layout.indexPath)}">← ${t.all}</a></p>
  <h1>${escape(talk.title)}</h1>
  <p class="meta">${(french ? KIND_FR : KIND_NAMES)[talk.kind]} · ${escape(languageName(talk.lang))} · ${t.by} ${escape(speaker.name)}${talk.coSpeakers.length ? ` ${t.with} ${talk.coSpeakers.map(escape).join(', ')}` : ''}</p>
</header>
<main id="main">
  ${thumb && !hasPlayer(events) ? `<p><a class="thumb" href="${href(layout.deckPath(slug))}" aria-label="${t.open}">${thumbImage(thumb, '', false, '(min-width: 41rem) 640px, calc(100vw - 2.5rem)')}</a></p>` : ''}
  <p class="links">
    <a href="${href(layout.deckPath(slug))}">${t.slides}</a>
    <a href="${href(layout.pdfPath(slug))}" download>${t.pdf}</a>
    ${talk.publishNotes ? `<a href="${href(layout.handoutPath(slug))}" download>${t.handout}</a>` : ''}
    <a href="${href(layout.pptxPath(slug))}" download>${t.pptx}</a>
  </p>${video && `\n  ${video}`}
  <h2>${t.abstract}</h2>
  <p class="abstract">${escape(talk.abstract.trim())}</p>
  <h2>${t.given}</h2>
  <ul class="events">${events.map(event => `<li>${escape(event.name)}, ${escape(event.city)} · <time datetime="${event.date}">${formatEventDate(event)}</time>${event.video ? ` · <a href="${href(event.video)}" rel="noopener">${t.video}</a>` : ''}</li>`).join('')}</ul>
  <h2>${t.topics}</h2>
  <ul class="tags">${talk.tags.map(tag => `<li>${escape(tag)}</li>`).join('')}</ul>
  ${renderReader(slug, talk, slides, layout)}
</main>
<footer><p>${people.map(escape).join(', ')}</p></footer>`,
  })
  return french ? html.replace('Skip to content', t.skip) : html
}
