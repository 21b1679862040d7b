import escape from 'escape-html'
import { speaker } from '../../data/speaker'
import { THUMB_SIZES } from './layout'

export interface PageMeta {
  title: string
  description: string
  /** The page's public address (layout.absolute): left out without SITE_URL, since Open Graph wants absolute URLs. */
  url?: string
  /** The card's picture, as a public address too. */
  image?: string
  type?: 'website' | 'article'
  lang?: string
}

// A language's usual region, for Open Graph's language_TERRITORY locales.
const REGIONS: Record<string, string> = { en: 'GB', fr: 'FR', de: 'DE', es: 'ES', it: 'IT', pt: 'PT', nl: 'NL', ja: 'JP', zh: 'CN' }

/** Open Graph's locale for a BCP 47 tag (pt-BR → pt_BR, fr → fr_FR), or undefined when it cannot be told. */
function ogLocale(lang = 'en'): string | undefined {
  const [language = '', region] = lang.toLowerCase().split('-')
  const territory = region && /^[a-z]{2}$/.test(region) ? region.toUpperCase() : REGIONS[language]
  return territory ? `${language}_${territory}` : undefined
}

/** Open Graph and Twitter card tags, for the site's pages and every deck's page. */
export function metaTags(meta: PageMeta): string {
  const tags: [string, string, string][] = [
    ['property', 'og:type', meta.type ?? 'website'],
    ['property', 'og:title', meta.title],
    ['property', 'og:description', meta.description],
    ['property', 'og:site_name', `${speaker.name} — talks`],
    ['name', 'twitter:card', meta.image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:site', `@${speaker.handle}`],
    ['name', 'twitter:creator', `@${speaker.handle}`],
    ['name', 'twitter:title', meta.title],
    ['name', 'twitter:description', meta.description],
  ]
  const locale = ogLocale(meta.lang)
  if (locale)
    tags.splice(4, 0, ['property', 'og:locale', locale])
  if (meta.url)
    tags.splice(3, 0, ['property', 'og:url', meta.url])
  if (meta.image)
    tags.push(['property', 'og:image', meta.image], ['property', 'og:image:width', String(THUMB_SIZES.og)], ['property', 'og:image:height', String(Math.round(THUMB_SIZES.og * 9 / 16))], ['property', 'og:image:alt', `First slide of “${meta.title}”`], ['name', 'twitter:image', meta.image])
  return tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escape(value)}">`).join('\n')
}

/** One line of the description: abstracts are paragraphs, cards want a sentence or two. */
export function summary(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max)
    return flat
  const cut = flat.slice(0, max)
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`
}
