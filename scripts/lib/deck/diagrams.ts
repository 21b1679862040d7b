import type { Browser, Page } from 'playwright-core'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { load } from '@slidev/parser/fs'
import { dirname, join, relative } from 'pathe'
import { mermaidTheme } from '../../../setup/mermaid'
import { root } from '../paths'
import { InputError } from '../yaml-check'

// Mermaid diagrams are drawn when the deck is built, not in the viewer's browser: the build
// draws each ```mermaid block in its own Chromium, light and dark, with the deck's fonts and
// the theme of setup/mermaid.ts, into a cache keyed by what the drawing depends on; then
// setup/transformers.ts puts the cached SVG in the slide instead of Slidev's <Mermaid>, so
// no deck ships or loads Mermaid. The key covers the block, the theme, Mermaid's version and
// this file: each of those is also an input of every deck (inputs-hash.ts), so a change
// that draws a diagram differently also rebuilds the decks that show it.

export interface Diagram {
  /** Where the block's opening fence is, relative to the root. */
  file: string
  line: number
  code: string
  /** The block's `{...}` options as written (`{scale: 0.8}`), or ''. */
  options: string
}

export interface Drawn {
  light: string
  dark: string
}

const cacheDir = join(root, '.cache', 'diagrams')
// The Mermaid Slidev itself draws with in `npm run dev` (its client's dependency, not the root's).
const mermaidScript = createRequire(join(root, 'node_modules/@slidev/client/package.json')).resolve('mermaid/dist/mermaid.min.js')

let drawingKey: string | undefined
/** What every drawing depends on besides its block: the theme, Mermaid's version and how it is drawn. */
function drawing(): string {
  return drawingKey ??= createHash('sha256')
    .update(JSON.stringify([mermaidTheme(false), mermaidTheme(true)]))
    .update(readFileSync(join(dirname(mermaidScript), '../package.json')))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
}

/** The cache key of a block, as Slidev hands it to a code-block transformer. */
export function diagramKey(code: string, options: string): string {
  return createHash('sha256').update(`${drawing()}\0${options.trim()}\0${code.trim()}`).digest('hex').slice(0, 32)
}

/** The drawing of a block, if the build has drawn it. */
export function readDrawn(code: string, options: string): Drawn | undefined {
  const file = join(cacheDir, `${diagramKey(code, options)}.json`)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Drawn : undefined
}

// Slidev's own pattern for a Mermaid block's info string (node/syntax/codeblock/mermaid.ts).
const MERMAID_INFO = /^mermaid\s*(\{[^\n]*\})?/
const FENCE = /^( {0,3})(`{3,}(?!`)|~{3,}(?!~))(.*)$/

/** Every ```mermaid block of a markdown text, read as markdown-it reads fences. */
export function diagramsIn(file: string, text: string): Diagram[] {
  const lines = text.split(/\r?\n/)
  const found: Diagram[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = lines[index]!.match(FENCE)
    if (!open || (open[2]![0] === '`' && open[3]!.includes('`')))
      continue
    const [, indent = '', fence = '', info = ''] = open
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
    let end = index + 1
    while (end < lines.length && !close.test(lines[end]!))
      end++
    const mermaid = info.trim().match(MERMAID_INFO)
    if (mermaid) {
      const strip = new RegExp(`^ {0,${indent.length}}`)
      const code = lines.slice(index + 1, end).map(line => line.replace(strip, '')).join('\n')
      found.push({ file, line: index + 1, code, options: mermaid[1] ?? '' })
    }
    index = end
  }
  return found
}

/** The Mermaid blocks of a deck: in its slides.md and every file it imports with `src:`. */
export async function deckDiagrams(entry: string, deckDir: string): Promise<Diagram[]> {
  const data = await load({ userRoot: deckDir, roots: [deckDir], allowedRoots: [root] }, entry)
  return Object.values(data.markdownFiles).flatMap(markdown => diagramsIn(relative(root, markdown.filepath), markdown.raw))
}

/**
 * Draws the deck's diagrams that the cache does not hold yet, in one page of `browser`.
 * A block Mermaid cannot draw fails with its file and line.
 */
export async function drawDiagrams(diagrams: Diagram[], browser: () => Promise<Browser>): Promise<void> {
  const missing = diagrams.filter(diagram => !readDrawn(diagram.code, diagram.options))
  if (!missing.length)
    return
  const context = await (await browser()).newContext({ viewport: { width: 980, height: 552 } })
  try {
    const page = await openDrawingPage(context.newPage())
    mkdirSync(cacheDir, { recursive: true })
    for (const diagram of missing) {
      const key = diagramKey(diagram.code, diagram.options)
      const drawn: Partial<Drawn> = {}
      for (const scheme of ['light', 'dark'] as const) {
        // A fresh Mermaid numbers a drawing's parts the same way each time: the two schemes then
        // differ by their styles alone, and a slide can ship the second as a style (transformers.ts).
        await page.reload()
        const result = await page.evaluate(drawInPage, { id: `d${key.slice(0, 8)}`, code: diagram.code.trim(), options: diagram.options, theme: mermaidTheme(scheme === 'dark') })
        if ('error' in result)
          throw new InputError(diagram.file, diagram.line + (Number(result.error.match(/on line (\d+)/)?.[1]) || 0), `Mermaid could not draw this diagram: ${result.error.replace(/\n/g, '\n  ')}`)
        drawn[scheme] = result.svg
      }
      const file = join(cacheDir, `${key}.json`)
      writeFileSync(`${file}.${process.pid}`, JSON.stringify(drawn))
      renameSync(`${file}.${process.pid}`, file)
    }
  }
  finally {
    await context.close()
  }
}

const ORIGIN = 'http://diagrams.invalid'

/** A page with Mermaid and the deck's fonts (those styles/index.ts imports), served from node_modules. */
async function openDrawingPage(opening: Promise<Page>): Promise<Page> {
  const page = await opening
  const fonts = [...readFileSync(join(root, 'styles/index.ts'), 'utf8').matchAll(/^import '(@fontsource\/[^']+\.css)'/gm)].map(match => match[1]!)
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/')
      return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head>${fonts.map(css => `<link rel="stylesheet" href="/${css}">`).join('')}<script src="/mermaid.js"></script></head><body><div id="stage" style="width:980px"></div></body></html>` })
    if (path === '/mermaid.js')
      return route.fulfill({ path: mermaidScript })
    if (path.startsWith('/@fontsource/') && !path.includes('..'))
      return route.fulfill({ path: join(root, 'node_modules', path) })
    return route.abort()
  })
  await page.goto(`${ORIGIN}/`)
  return page
}

interface DrawJob { id: string, code: string, options: string, theme: object }

/** Runs in the drawing page: draws one block as Slidev's <Mermaid> would, its `scale` applied to the SVG. */
async function drawInPage({ id, code, options, theme }: DrawJob): Promise<{ svg: string } | { error: string }> {
  const mermaid = (window as unknown as { mermaid: { initialize: (config: object) => void, render: (id: string, code: string, container: Element) => Promise<{ svg: string }> } }).mermaid
  // eslint-disable-next-line no-new-func -- the block's own options, as Slidev evaluates them with v-bind
  const { scale, ...config } = (options ? new Function(`return (${options})`)() : {}) as { scale?: number }
  for (const weight of [400, 600, 700])
    await document.fonts.load(`${weight} 20px "Nunito Sans"`, code)
  try {
    mermaid.initialize({ startOnLoad: false, ...theme, ...config })
    const stage = document.getElementById('stage')!
    const { svg } = await mermaid.render(id, code, stage)
    stage.replaceChildren()
    const holder = document.createElement('div')
    holder.innerHTML = svg
    const element = holder.querySelector('svg')!
    const height = Number.parseFloat(element.getAttribute('viewBox')?.split(' ')[3] ?? '')
    if (scale != null && !Number.isNaN(height)) {
      element.setAttribute('height', `${height * scale}`)
      element.removeAttribute('width')
      element.removeAttribute('style')
    }
    return { svg: holder.innerHTML }
  }
  catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** Draws what the deck's slides need before Slidev builds it: the build's one hook. */
export async function drawDeckDiagrams(deck: { entry: string, dir: string }, browser: () => Promise<Browser>): Promise<void> {
  await drawDiagrams(await deckDiagrams(deck.entry, deck.dir), browser)
}
