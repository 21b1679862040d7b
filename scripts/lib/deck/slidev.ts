// What this build relies on inside Slidev beyond its documented API: where `slidev build`'s
// function lives, the flag that compiles the print route into a build, and the DOM of its
// pages. `checkSlidev()` looks for each of them at start-up, so an upgrade that moves one
// stops the build with its name instead of a TypeError or a timeout.
// Plain, type-strippable TypeScript without relative imports: the Slidev builder process
// (slidev-builder.ts) runs it on Node's own type stripping, without a loader.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The @slidev/cli version these internals were read from (package.json pins it). */
export const SLIDEV_PINNED = '53.0'

/** Slidev only compiles the /print route in when it exports a PDF itself; this build prints from the built SPA. */
export const PRINT_FEATURE_FLAG = '__SLIDEV_FEATURE_PRINT__'
export const PRINT_ROUTE = 'print?print=true'

/** Selectors of Slidev's pages, with the client source file that renders each (checked at start-up). */
export const SLIDEV_DOM = {
  firstSlide: { selector: '.slidev-page-1 .slidev-layout', source: 'utils.ts', text: 'slidev-page-' },
  firstSlidePage: { selector: '.slidev-page-1', source: 'utils.ts', text: 'slidev-page-' },
  /** A slide, inside the theme's layers around it. */
  slidePage: { selector: '.slidev-page', source: 'utils.ts', text: '\'slidev-page\'' },
  slideContent: { selector: '#slide-content', source: 'internals/SlideContainer.vue', text: '\'slide-content\'' },
  mermaidRendering: { selector: '#mermaid-rendering-container div', source: 'modules/mermaid.ts', text: 'mermaid-rendering-container' },
  printSlide: { selector: '.print-slide-container', source: 'internals/PrintSlideClick.vue', text: 'print-slide-container' },
  slideLoading: { selector: '.slidev-slide-loading', source: 'internals/SlideLoading.vue', text: 'slidev-slide-loading' },
  /** A Mermaid diagram: its SVG is drawn later, inside the element's shadow root. */
  mermaid: { selector: '.mermaid', source: 'builtin/Mermaid.vue', text: 'class="mermaid"' },
} as const

/** A page function: true once every Mermaid diagram on the page has been drawn. */
export const MERMAID_DRAWN = `[...document.querySelectorAll(${JSON.stringify(SLIDEV_DOM.mermaid.selector)})].every(m => m.shadowRoot && m.shadowRoot.querySelector('svg'))`

export const dom = Object.fromEntries(Object.entries(SLIDEV_DOM).map(([key, { selector }]) => [key, selector])) as { [K in keyof typeof SLIDEV_DOM]: (typeof SLIDEV_DOM)[K]['selector'] }

export type SlidevBuild = (options: unknown, viteConfig: object, args: object) => Promise<void>

function cliDist(root: string): string {
  return join(root, 'node_modules/@slidev/cli/dist')
}

/** `slidev build`'s function lives in a hashed chunk of @slidev/cli: find it the way its CLI does. */
function buildChunk(root: string): string | undefined {
  const cli = join(cliDist(root), 'cli.mjs')
  return existsSync(cli) ? readFileSync(cli, 'utf8').match(/import\("\.\/(build-[\w-]+\.mjs)"\)/)?.[1] : undefined
}

export async function loadSlidevBuild(root: string): Promise<SlidevBuild> {
  const chunk = buildChunk(root)
  if (!chunk)
    throw new Error(problems(root).join('\n'))
  const { build } = await import(join(cliDist(root), chunk)) as { build?: SlidevBuild }
  if (typeof build !== 'function')
    throw new TypeError(`@slidev/cli's ${chunk} no longer exports build(): this build was written for @slidev/cli ${SLIDEV_PINNED}.x`)
  return build
}

/** What is missing of the internals above, one line each, in the installed Slidev. */
export function problems(root: string): string[] {
  const found: string[] = []
  const pkg = join(root, 'node_modules/@slidev/cli/package.json')
  if (!existsSync(pkg))
    return ['@slidev/cli is not installed: run npm install']
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
  const wrongVersion = !version.startsWith(`${SLIDEV_PINNED}.`)
  if (!buildChunk(root))
    found.push('`slidev build` is no longer imported from a build-*.mjs chunk of node_modules/@slidev/cli/dist/cli.mjs')
  const dist = cliDist(root)
  if (!readdirSync(dist).some(file => file.endsWith('.mjs') && readFileSync(join(dist, file), 'utf8').includes(PRINT_FEATURE_FLAG)))
    found.push(`@slidev/cli no longer defines ${PRINT_FEATURE_FLAG}, which compiles the print route in`)
  const client = join(root, 'node_modules/@slidev/client')
  for (const [name, { source, text }] of Object.entries(SLIDEV_DOM)) {
    const file = join(client, source)
    if (!existsSync(file) || !readFileSync(file, 'utf8').includes(text))
      found.push(`the ${name} selector's source, @slidev/client/${source}, no longer holds ${text}`)
  }
  if (found.length && wrongVersion)
    found.unshift(`@slidev/cli ${version} is installed, but this build was written for ${SLIDEV_PINNED}.x (package.json pins it): run npm install, or update scripts/lib/deck/slidev.ts for ${version}:`)
  else if (found.length)
    found.unshift(`@slidev/cli ${version} differs from what scripts/lib/deck/slidev.ts expects:`)
  return found
}

/** Throws, naming every moved internal and the pinned version, when the installed Slidev is not the one this build knows. */
export function checkSlidev(root: string): void {
  const found = problems(root)
  if (found.length)
    throw new Error(found.join('\n  '))
}
