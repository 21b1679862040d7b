import { readFile } from 'node:fs/promises'
import JSZip from 'jszip'

export interface PptxFacts {
  /** The slide parts, in order: `ppt/slides/slideN.xml`. */
  slides: string[]
  /** Each slide's notes pane, as text ('' when it has none), found through the slide's relationships. */
  notes: string[]
  /** How many pictures each slide shows. */
  pictures: number[]
  title: string | undefined
  creator: string | undefined
  language: string | undefined
}

const decode = (xml: string) => xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&amp;/g, '&')
const element = (xml: string, name: string) => xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1]

/** Reads a PPTX as PowerPoint would find its parts: a zip of slides, their relationships and notes. */
export async function readPptx(file: string): Promise<PptxFacts> {
  const zip = await JSZip.loadAsync(await readFile(file))
  const text = (path: string) => zip.file(path)?.async('string') ?? Promise.resolve('')
  const slides = Object.keys(zip.files)
    .filter(path => /^ppt\/slides\/slide\d+\.xml$/.test(path))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
  const notes: string[] = []
  const pictures: number[] = []
  for (const slide of slides) {
    const rels = await text(slide.replace('slides/', 'slides/_rels/').replace(/\.xml$/, '.xml.rels'))
    const notesPart = rels.match(/Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/)?.[1]
    const notesXml = notesPart ? await text(`ppt/notesSlides/${notesPart}`) : ''
    // The notes pane is the notes slide's body placeholder (the others hold the slide's picture and number).
    const body = notesXml.match(/<p:ph type="body"[^>]*\/>.*?<\/p:sp>/s)?.[0] ?? ''
    notes.push(decode([...body.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map(([, run]) => run).join(' ')))
    pictures.push([...(await text(slide)).matchAll(/<p:pic>/g)].length)
  }
  const core = await text('docProps/core.xml')
  const read = (name: string) => {
    const value = element(core, name)
    return value === undefined ? undefined : decode(value)
  }
  return { slides, notes, pictures, title: read('dc:title'), creator: read('dc:creator'), language: read('dc:language') }
}
