import type { Page } from 'playwright-core'
import type { PdfFinish } from './pdf'
import type { PrintedSlide } from './record'
import { openPrintPage, writePdf } from './pdf'

/** The handout page the deck's bundle carries (setup/routes.ts), in print mode like Slidev's /print. */
export const HANDOUT_ROUTE = 'handout?print=true'
const PAGE = '.handout-page'
const NOTES = '.handout-notes'
/** A4 inside the page's 12 mm margins (setup/handout.vue), in CSS pixels. */
const PAGE_HEIGHT = (297 - 2 * 12) / 25.4 * 96

/**
 * Prints the handout: an A4 page per slide, the slide at the top and its speaker notes
 * below, tagged, with the same metadata, links and outline as the deck's PDF. Returns
 * each slide's notes as plain text ('' for none), for the PPTX's notes pane.
 */
export async function printHandout(page: Page, deckUrl: string, output: string, slides: PrintedSlide[], finish: PdfFinish): Promise<string[]> {
  await openPrintPage(page, `${deckUrl}${HANDOUT_ROUTE}`)
  const pages = await page.locator(PAGE).evaluateAll((nodes, notes) => nodes.map(node => ({
    height: node.getBoundingClientRect().height,
    // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- the text as laid out keeps the notes' paragraphs apart
    notes: (node.querySelector(notes) as HTMLElement | null)?.innerText.trim() ?? '',
  })), NOTES)
  const tooLong = pages.map((printed, index) => printed.height > PAGE_HEIGHT ? slides[index]?.no : undefined).filter(no => no !== undefined)
  if (tooLong.length)
    throw new Error(`the speaker notes of slide ${tooLong.join(', ')} do not fit on one handout page with the slide: shorten them, or set \`publishNotes: false\` in the headmatter`)
  // Slidev's app goes on after the handout, on a page of the slide's size: leave it out.
  const raw = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, pageRanges: `1-${slides.length}` })
  await writePdf(raw, output, slides, finish, `look at ${deckUrl}${HANDOUT_ROUTE}`)
  return pages.map(printed => printed.notes)
}
