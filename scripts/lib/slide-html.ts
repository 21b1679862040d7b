import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

// A slide's text and notes leave the deck as HTML the site pastes into a talk page: they are
// rebuilt here from an allow-list, so a slide's own markup (a component's handlers, an
// inline style, a frame, a script) never reaches the site.

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
const ALLOWED = [...HEADINGS, 'p', 'br', 'blockquote', 'ul', 'ol', 'li', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'pre', 'code', 'strong', 'em', 'a']
// Dropped with their text: code and pictures that draw, and the controls of interactive widgets.
const DROPPED_WITH_TEXT = ['script', 'style', 'template', 'noscript', 'textarea', 'select', 'option', 'button', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio']

const WEB_LINK = /^https?:\/\//i

/**
 * The allowed part of `raw`: headings, paragraphs, lists, tables, code, emphasis and links
 * to web addresses, without any attribute but a link's href. Anything else keeps its text
 * only. `level` moves headings in the outline (1 → 3), for a page that has its own.
 */
export function cleanSlideHtml(raw: string, level: (level: number) => number = level => level): string {
  const shifted = Object.fromEntries(HEADINGS.map((tag, index) => [tag, HEADINGS[Math.min(Math.max(level(index + 1), 1), 6) - 1]!]))
  const clean = sanitizeHtml(raw.replace(/<\/div>/gi, '$&\n'), {
    allowedTags: ALLOWED,
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https'],
    allowProtocolRelative: false,
    nonTextTags: DROPPED_WITH_TEXT,
    disallowedTagsMode: 'discard',
    transformTags: {
      // A link to anything but a web address (a path of the build's server, javascript:) loses
      // its href, and is unwrapped below: renaming the tag here would trip sanitize-html 2.18,
      // which closes a later sibling with the renamed tag's name when that one is discarded.
      a: (_, attribs): sanitizeHtml.Tag => ({ tagName: 'a', attribs: WEB_LINK.test(attribs.href ?? '') ? { href: attribs.href! } : {} }),
      b: 'strong',
      i: 'em',
      ...Object.fromEntries(HEADINGS.map(tag => [tag, shifted[tag]!])),
    },
    // What held only an icon or a control is left empty: dropped, except a table's cells, which keep its columns in place.
    exclusiveFilter: frame => !frame.text.trim() && !frame.mediaChildren.length && !['br', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'pre', 'blockquote'].includes(frame.tag),
  })
  // An empty header cell (a table's corner) heads nothing: a plain cell, for screen readers.
  return clean.replace(/<a>([^<]*)<\/a>/g, '$1').replace(/<th>(\s*)<\/th>/g, '<td>$1</td>').replace(/\n{3,}/g, '\n\n').trim()
}

const markdown = new MarkdownIt({ html: false, linkify: false })

/** Speaker notes, written in Markdown (raw HTML in them stays text), as clean HTML. */
export function notesHtml(notes: string | undefined): string {
  return notes?.trim() ? cleanSlideHtml(markdown.render(notes)) : ''
}
