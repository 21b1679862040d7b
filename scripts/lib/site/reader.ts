import type { PrintedSlide } from '../deck/record'
import type { Layout } from '../layout'
import type { Talk } from '../schema'
import escape from 'escape-html'
import { SLIDE_PICTURE } from '../layout'
import { cleanSlideHtml } from '../slide-html'
import { href } from './site-html'

const TEXT = {
  en: { slides: 'Slides', slide: 'Slide', notes: 'Speaker notes' },
  fr: { slides: 'Diapositives', slide: 'Diapositive', notes: 'Notes de l’orateur' },
} as const

// Below the section's h2: a slide's headings start at h3, its notes' one level further.
const FIRST_LEVEL = 3

/** Clean HTML with its heading levels renumbered from `first`, in order, so that the outline never skips one. */
function renumbered(clean: string, first: number): string {
  const levels = [...new Set([...clean.matchAll(/<h([1-6])>/g)].map(match => Number(match[1])))].sort((a, b) => a - b)
  return cleanSlideHtml(clean, level => first + levels.indexOf(level))
}

/**
 * The talk page's reader view: each slide in order, as `#slide-N`, with its picture, its text,
 * a link to it in the deck and its notes when the deck publishes them. The HTML from build.json
 * is cleaned again here, where it lands.
 */
export function renderReader(slug: string, talk: Talk, slides: PrintedSlide[] | undefined, layout: Layout): string {
  const shown = (slides ?? []).filter(slide => slide.html !== undefined)
  if (!shown.length)
    return ''
  const t = talk.lang.split('-')[0] === 'fr' ? TEXT.fr : TEXT.en
  const items = shown.map(({ no, title, html = '', notes }) => {
    const text = renumbered(cleanSlideHtml(html), FIRST_LEVEL)
    const notesText = notes && talk.publishNotes ? renumbered(cleanSlideHtml(notes), text.includes('<h') ? FIRST_LEVEL + 1 : FIRST_LEVEL) : ''
    return `
    <li class="slide" id="slide-${no}">
      <p class="slide-no"><a href="${href(layout.slidePath(slug, no))}">${t.slide} ${no}</a></p>
      <img src="${href(layout.slidePicturePath(slug, no))}" width="${SLIDE_PICTURE.width}" height="${SLIDE_PICTURE.height}" alt="${escape(title.replace(/\s+/g, ' ').trim() || `${t.slide} ${no}`)}" loading="lazy" decoding="async">
      ${text ? `<div class="slide-text">${text}</div>` : ''}
      ${notesText ? `<div class="notes"><p class="notes-label">${t.notes}</p>${notesText}</div>` : ''}
    </li>`
  }).join('')
  return `<section class="reader" aria-labelledby="reader">
  <h2 id="reader">${t.slides}</h2>
  <ol class="slides">${items}
  </ol>
  </section>`
}
