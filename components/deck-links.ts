// Where the deck's own links lead (closing slide, PDF button), as the build decided them
// (scripts/lib/layout.ts, deckLinks): public addresses when the site's address is known, so
// that a downloaded PDF links to the published site. `npm run dev` has none.
export interface DeckLinks {
  index: string
  pdf: string
  /** The slides with their notes; '' when the deck's notes are not published. */
  handout: string
  /** The deck's public address, for its QR code; '' when the site's address is not known. */
  deck: string
}

export const deckLinks: DeckLinks | null = __TALKS_DECK_LINKS__
