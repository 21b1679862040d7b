import type { Plugin } from 'vite'
import { appendFileSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { PRINT_FEATURE_FLAG } from './scripts/lib/deck/slidev.ts'

const root = fileURLToPath(new URL('.', import.meta.url))

// Slidev only compiles the /print route into a build when it exports the PDF itself
// (`download: true`), which starts a second browser per deck. Our build prints the PDF
// from the built SPA with one shared browser (scripts/lib/deck/pdf.ts), so the route is
// always compiled in; it costs a lazily loaded chunk.
function printRoute(): Plugin {
  return {
    name: 'talks:print-route',
    enforce: 'post',
    config: () => ({ define: { [PRINT_FEATURE_FLAG]: 'true' } }),
  }
}

// Which shared components and snippets a deck uses is only known once Vite has resolved
// them: the build records every repository file the bundle (and the runner's worker bundle)
// read, and scripts/lib/deck/build-deck.ts rebuilds the deck when one of them changes.
function recordInputs(): Plugin {
  const file = process.env.TALKS_INPUTS_FILE
  return {
    name: 'talks:record-inputs',
    apply: 'build',
    buildEnd() {
      if (!file)
        return
      const read = [...this.getModuleIds()]
        .map(id => id.replace(/[?#].*$/, ''))
        .filter(id => id.startsWith(root) && !id.includes('/node_modules/'))
      appendFileSync(file, read.map(id => `${id}\n`).join(''))
    },
  }
}

// The decks' fonts in the two formats and subsets they need: woff2, which every browser that
// runs Slidev reads, in the Latin subsets (the talks are in English and French). @fontsource
// also declares woff copies and Cyrillic, Greek and Vietnamese subsets: a third of a deck's
// assets for characters no slide has (a browser would only fetch them for such a character).
function latinWoff2(): Plugin {
  const face = /\/\* [\w-]+?-(latin-ext|latin|cyrillic-ext|cyrillic|greek-ext|greek|vietnamese)-\d+-\w+ \*\/\s*@font-face\s*\{[^}]*\}/g
  return {
    name: 'talks:latin-woff2',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/@fontsource\/[\w-]+\/[\w-]+\.css$/.test(id.replace(/\?.*$/, '')))
        return
      return code.replace(face, (block, subset: string) => subset.startsWith('latin') ? block.replace(/,\s*url\([^)]+\.woff\) format\('woff'\)/, '') : '')
    },
  }
}

export default defineConfig({
  plugins: [printRoute(), recordInputs(), latinWoff2()],
  // The build sets each deck's links (components/deck-links.ts); `npm run dev` has none.
  define: { __TALKS_DECK_LINKS__: 'null' },
  // Rolldown's report of slow plugins is not a problem of the deck: keep the build's log to those.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  // The snippet runner's worker loads each snippet on demand (components/runner/worker.ts).
  worker: { format: 'es', plugins: () => [recordInputs()] },
})
