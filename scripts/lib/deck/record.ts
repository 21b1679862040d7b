import type { Layout } from '../layout'
import type { Talk } from '../schema'
import { existsSync, readFileSync } from 'node:fs'

export interface PrintedSlide {
  no: number
  title: string
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
    return JSON.parse(readFileSync(file, 'utf8')) as BuiltDeck
  }
  catch {
    return undefined
  }
}
