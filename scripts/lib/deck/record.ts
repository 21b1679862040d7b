import type { Layout } from '../layout'
import type { Talk } from '../schema'
import { existsSync, readFileSync } from 'node:fs'
import { talkSchema } from '../schema'

export interface PrintedSlide {
  no: number
  title: string
  /** The slide's text and, when the deck publishes them, its speaker notes, as clean HTML (slide-html.ts). */
  html?: string
  notes?: string
}

/** What a deck's output keeps about itself in dist/<slug>/build.json: what it was built from, and what it holds. */
export interface BuiltDeck {
  slug: string
  /** Hash of everything the output was built from (inputs-hash.ts). */
  inputs: string
  /** Shared files outside the deck's folder that the bundle read, relative to the root. */
  used: string[]
  talk: Talk
  slides: PrintedSlide[]
}

export function readBuilt(layout: Layout, slug: string): BuiltDeck | undefined {
  const file = layout.deckFile(slug, 'record')
  if (!existsSync(file) || !existsSync(layout.deckFile(slug, 'page')))
    return undefined
  try {
    const built = JSON.parse(readFileSync(file, 'utf8')) as BuiltDeck
    // Written by an older build that took what the schema now refuses (a javascript: link, 2099-13-45): rebuild, never publish.
    return talkSchema.safeParse(built.talk).success ? built : undefined
  }
  catch {
    return undefined
  }
}
