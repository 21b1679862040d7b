import type { BuildConfig } from './config'
import { join } from 'pathe'

// The one place that names what the build writes and the URL of each. A deck's folder,
// dist/<slug>/, holds its SPA and these files beside it.
export const THUMB_SIZES = { small: 320, large: 640, og: 1200 } as const
export const DECK_FILES = {
  /** Slidev's page, and its copy that hosts like GitHub Pages answer deep links with. */
  page: 'index.html',
  notFoundPage: '404.html',
  /** What the deck was built from and what it holds (scripts/lib/deck/record.ts). */
  record: 'build.json',
  /** What the first slide loads, preloaded by the deck's page. */
  firstSlide: 'first-slide.json',
  thumbSmall: `thumb-${THUMB_SIZES.small}.webp`,
  thumbLarge: `thumb-${THUMB_SIZES.large}.webp`,
  og: 'og.jpg',
  frameLight: 'frame-light.webp',
  frameDark: 'frame-dark.webp',
} as const
export type DeckFile = keyof typeof DECK_FILES
export const pdfName = (slug: string) => `${slug}.pdf`
/** A picture of each slide, for the talk page's reader view. */
export const SLIDE_PICTURE = { width: 640, height: 360 } as const
export const slidePictureName = (no: number) => `slides/${no}.webp`
/** The site's search index (Pagefind's files), at dist/'s root. */
export const SEARCH_DIR = 'pagefind'
/** Each slide with its speaker notes below it, A4; only for decks whose notes are published. */
export const handoutName = (slug: string) => `${slug}-handout.pdf`
/** A picture of each slide, with its notes in the notes pane, for conference AV teams. */
export const pptxName = (slug: string) => `${slug}.pptx`
/** dist/'s folder of decks being built; a build removes it when it ends, the next one repairs what a killed one left there. */
export const STAGE_DIR = '.stage'

/** The first-slide images of a deck, as URLs. */
export interface Thumb {
  small: string
  large: string
  og: string
  width: number
  height: number
}

/** The links a deck's slides show (closing slide, PDF button): published addresses when SITE_URL is known. */
export interface DeckLinks {
  index: string
  pdf: string
  /** '' for a deck whose notes are not published (headmatter publishNotes: false): it has no handout. */
  handout: string
  /** The deck's own public address, for its QR code; '' without SITE_URL. */
  deck: string
}

export interface Layout {
  base: string
  siteUrl: string
  distDir: string
  /** Where decks are built before they are swapped into dist/: inside it, so that the swap is a rename on one disk. */
  stageDir: string
  deckDir: (slug: string) => string
  deckFile: (slug: string, file: DeckFile) => string
  pdfFile: (slug: string) => string
  /** Paths under the base, as the site links them. */
  indexPath: string
  deckPath: (slug: string) => string
  deckFilePath: (slug: string, file: DeckFile) => string
  pdfPath: (slug: string) => string
  /** Slide `no` (from 1) live in the deck, and its picture. */
  slidePath: (slug: string, no: number) => string
  slidePicturePath: (slug: string, no: number) => string
  /** Pagefind's folder in dist/: its script and index. */
  searchDir: string
  handoutPath: (slug: string) => string
  pptxPath: (slug: string) => string
  talkPagePath: (slug: string) => string
  talkPageFile: (slug: string) => string
  feedPath: string
  /** The site's own files at dist/'s root. */
  siteFiles: { index: string, feed: string, sitemap: string, notFound: string }
  thumb: (slug: string) => Thumb
  deckLinks: (slug: string, publishNotes: boolean) => DeckLinks
  /** A path under the base as a public URL when SITE_URL is known, else the path itself. */
  published: (path: string) => string
  /**
   * A path under the base as a public URL, or undefined without SITE_URL: for what only an
   * absolute address makes right (canonical links, og:url and og:image, sitemap, feed, JSON-LD).
   */
  absolute: (path: string) => string | undefined
}

export function layoutOf(config: Pick<BuildConfig, 'distDir' | 'base' | 'siteUrl'>): Layout {
  const { base, siteUrl, distDir } = config
  const deckDir = (slug: string) => join(distDir, slug)
  const deckPath = (slug: string) => `${base}${slug}/`
  const deckFilePath = (slug: string, file: DeckFile) => `${deckPath(slug)}${DECK_FILES[file]}`
  const pdfPath = (slug: string) => `${deckPath(slug)}${pdfName(slug)}`
  const handoutPath = (slug: string) => `${deckPath(slug)}${handoutName(slug)}`
  const published = (path: string) => siteUrl && path.startsWith(base) ? `${siteUrl}${path.slice(base.length)}` : path
  return {
    base,
    siteUrl,
    distDir,
    stageDir: join(distDir, STAGE_DIR),
    deckDir,
    deckFile: (slug, file) => join(deckDir(slug), DECK_FILES[file]),
    pdfFile: slug => join(deckDir(slug), pdfName(slug)),
    indexPath: base,
    deckPath,
    deckFilePath,
    pdfPath,
    slidePath: (slug, no) => `${deckPath(slug)}${no}`,
    slidePicturePath: (slug, no) => `${deckPath(slug)}${slidePictureName(no)}`,
    searchDir: join(distDir, SEARCH_DIR),
    handoutPath,
    pptxPath: slug => `${deckPath(slug)}${pptxName(slug)}`,
    talkPagePath: slug => `${base}talks/${slug}/`,
    talkPageFile: slug => join(distDir, 'talks', slug, 'index.html'),
    feedPath: `${base}feed.xml`,
    siteFiles: { index: join(distDir, 'index.html'), feed: join(distDir, 'feed.xml'), sitemap: join(distDir, 'sitemap.xml'), notFound: join(distDir, '404.html') },
    thumb: slug => ({
      small: deckFilePath(slug, 'thumbSmall'),
      large: deckFilePath(slug, 'thumbLarge'),
      og: deckFilePath(slug, 'og'),
      width: THUMB_SIZES.large,
      height: THUMB_SIZES.large * 9 / 16,
    }),
    deckLinks: (slug, publishNotes) => ({
      index: published(base),
      pdf: published(pdfPath(slug)),
      handout: publishNotes ? published(handoutPath(slug)) : '',
      deck: siteUrl ? published(deckPath(slug)) : '',
    }),
    published,
    absolute: path => siteUrl ? published(path) : undefined,
  }
}
