import type { Plugin, Rolldown } from 'vite'
import { appendFileSync, existsSync, globSync, readFileSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { build, defineConfig } from 'vite'
import { browserRunnable } from './components/runner/modules.ts'
import { PRINT_FEATURE_FLAG } from './scripts/lib/deck/slidev.ts'
import { outsideRepository } from './scripts/lib/paths.ts'

const root = fileURLToPath(new URL('.', import.meta.url))

// Nothing outside the repository goes into a deck: a slide's `import x from '/etc/passwd?raw'`
// or a link that leads out of it fails the build instead of publishing the file.
// (Markdown's `src:` and `<<<` are checked before the build, in scripts/lib/deck/slide-files.ts.)
function stayInRepository(): Plugin {
  return {
    name: 'talks:stay-in-repository',
    apply: 'build',
    // Every module of the bundle, whoever loaded it: an error here stops the build before anything is written.
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = id.replace(/[?#].*$/, '')
        if (!file.startsWith('/') || !existsSync(file))
          continue
        const real = outsideRepository(file)
        if (!real)
          continue
        const importers = (this.getModuleInfo(id)?.importers ?? []).map(importer => importer.replace(/[?#].*$/, '').replace(root, ''))
        this.error(`${real} is outside the repository${importers.length ? ` (imported by ${importers.join(', ')})` : ''}: a deck publishes only files of the repository; copy it into the deck's folder`)
      }
    },
  }
}

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

// Slidev's "Powered by" line (its info dialog, which no deck opens unless its headmatter has
// `info`) shows Slidev's logo at 20 px from a 94 KB PNG, a file in every deck: the same logo
// ships as a 3.5 KB SVG next to it, kept a file (see assetsInlineLimit) so the first slide's
// code does not carry it.
function slidevLogoSvg(): Plugin {
  return {
    name: 'talks:slidev-logo-svg',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer?.includes('/@slidev/client/') && source.endsWith('/assets/logo.png'))
        return this.resolve(source.replace(/\.png$/, '.svg'), importer, { skipSelf: true })
    },
  }
}

// Which shared components and snippets a deck uses is only known once Vite has resolved
// them: the build records every repository file the bundle (and the snippet runner's script)
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

// The decks' fonts in the format and subsets they need: woff2, which every browser that runs
// Slidev reads, in the Latin subsets (the talks are in English and French) and Fira Code's
// box-drawing one (program output). @fontsource also declares woff copies and Cyrillic, Greek
// and Vietnamese subsets: a third of a deck's assets for characters no slide has.
function latinWoff2(): Plugin {
  const face = /\/\* [\w-]+?-(latin-ext|latin|cyrillic-ext|cyrillic|greek-ext|greek|vietnamese|symbols2)-\d+-\w+ \*\/\s*@font-face\s*\{[^}]*\}/g
  return {
    name: 'talks:latin-woff2',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/@fontsource\/[\w-]+\/[\w-]+\.css$/.test(id.replace(/\?.*$/, '')))
        return
      return code.replace(face, (block, subset: string) => /^(?:latin|symbols2)/.test(subset) ? block.replace(/,\s*url\([^)]+\.woff\) format\('woff'\)/, '') : '')
    },
  }
}

// Slidev points `vue` at Vue's full build, whose template compiler (a tenth of the code a
// deck's first slide loads) only serves templates written as strings and compiled in the
// browser. Every template here, slides included, is compiled by the build: a published deck
// takes Vue's runtime build, from the same copy of Vue.
function vueRuntimeOnly(): Plugin {
  return {
    name: 'talks:vue-runtime-only',
    apply: 'build',
    enforce: 'post',
    config(config) {
      const aliases = Array.isArray(config.resolve?.alias) ? config.resolve.alias as { find: unknown, replacement: string }[] : []
      const full = aliases.find(alias => alias.find === 'vue')?.replacement
      if (!full?.endsWith('/vue.esm-bundler.js'))
        throw new Error(`Slidev no longer aliases vue to its full build (${full}): review talks:vue-runtime-only in vite.config.ts`)
      return { resolve: { alias: [{ find: /^vue$/, replacement: full.replace(/vue\.esm-bundler\.js$/, 'vue.runtime.esm-bundler.js') }] } }
    },
  }
}

// Slidev puts three features no deck uses into every first slide's code, a fifth of it (gzipped):
// Twoslash's pop-ups (floating-vue), `v-mark` (rough-notation, roughjs) and `v-motion`
// (@vueuse/motion, popmotion). The decks may not use them (slide-files.ts refuses them, with
// the line): a published deck takes stand-ins, whose directives throw if a component uses
// one anyway, which fails the deck's print. Slidev's own menus still use floating-vue's
// dropdown and tooltip: they get it on first use, through a stand-in that loads it then.
function unusedSlidevFeatures(): Plugin {
  const prefix = '\0talks-stand-in:'
  const refuse = (plugin: string, directive: string, library: string) => `export const ${plugin} = () => ({ install(app) { app.directive('${directive}', { created() { throw new Error('v-${directive}: the decks are built without ${library}; see talks:unused-slidev-features in vite.config.ts') } }) } })`
  const standIns: Record<string, string> = {
    '@shikijs/vitepress-twoslash/client': 'export default { install() {} }',
    // Any other import of floating-vue fails the build (MISSING_EXPORT), naming its importer.
    'floating-vue': `import { defineAsyncComponent } from 'vue'
let loaded
const load = () => import('floating-vue').then(module => (loaded = module))
export const Dropdown = defineAsyncComponent(() => load().then(module => module.Dropdown))
export const Tooltip = defineAsyncComponent(() => load().then(module => module.Tooltip))
export function recomputeAllPoppers() { loaded?.recomputeAllPoppers() }`,
    '../modules/v-mark': refuse('createVMarkDirective', 'mark', 'rough-notation'),
    '../modules/v-motion': refuse('createVMotionDirectives', 'motion', '@vueuse/motion'),
  }
  return {
    name: 'talks:unused-slidev-features',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source, importer) => source in standIns && importer?.includes('/@slidev/client/') ? `${prefix}${source}` : undefined,
    load: id => id.startsWith(prefix) ? standIns[id.slice(prefix.length)] : undefined,
  }
}

// The snippets the runner's worker can load (components/runner/modules.ts), by path, as text:
// only those a browser can run, the others (servers, real backends, child processes) weighing
// nothing in a deck. Every snippet is imported, so the build records them all as the deck's
// inputs (a change can make one runnable); the bundle keeps only the texts it exports.
function browserSnippets(): Plugin {
  const id = 'virtual:talks-snippets'
  const dir = `${root}snippets/`
  return {
    name: 'talks:browser-snippets',
    resolveId: source => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`)
        return
      const paths = globSync('**/*.ts', { cwd: dir }).filter(file => !file.endsWith('.test.ts')).map(file => file.slice(0, -3)).sort()
      const runnable = browserRunnable(new Map(paths.map(path => [path, readFileSync(`${dir}${path}.ts`, 'utf8')])))
      const imports = paths.map((path, index) => `import s${index} from ${JSON.stringify(`${dir}${path}.ts?raw`)}`)
      const entries = paths.flatMap((path, index) => runnable.has(path) ? [`${JSON.stringify(path)}: s${index}`] : [])
      return `${imports.join('\n')}\nexport default {\n${entries.join(',\n')}\n}\n`
    },
  }
}

// The snippet runner runs in a sandboxed frame with an opaque origin, which can load nothing
// from the deck's origin: it gets its code as one string (compiler, snippets and all), from
// this module, which a deck imports only when Run is pressed (components/runner/sandbox.ts).
function runnerScript(): Plugin {
  const id = 'virtual:talks-sandbox'
  return {
    name: 'talks:runner-script',
    resolveId: source => (source === id ? `\0${id}` : undefined),
    async load(resolved) {
      if (resolved !== `\0${id}`)
        return
      const built = await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [stayInRepository(), recordInputs(), browserSnippets()],
        build: {
          write: false,
          minify: true,
          lib: { entry: `${root}components/runner/sandbox-entry.ts`, formats: ['iife'], name: 'talksRunner' },
          rolldownOptions: { checks: { bundlerTimings: false } },
        },
      }) as Rolldown.RolldownOutput[]
      const [chunk] = built[0]!.output
      chunk.moduleIds.filter(file => file.startsWith(root)).forEach(file => this.addWatchFile(file))
      return `export default ${JSON.stringify(chunk.code)}`
    },
  }
}

export default defineConfig({
  plugins: [stayInRepository(), printRoute(), recordInputs(), latinWoff2(), vueRuntimeOnly(), slidevLogoSvg(), unusedSlidevFeatures(), runnerScript()],
  // The build sets each deck's links (components/deck-links.ts); `npm run dev` has none.
  define: { __TALKS_DECK_LINKS__: 'null' },
  build: {
    // Slidev's own images stay files, fetched if their dialog is ever opened (talks:slidev-logo-svg);
    // fonts too, fetched only for a character of their subset, not inlined into every first slide's CSS.
    assetsInlineLimit: file => file.includes('/@slidev/client/assets/') || file.endsWith('.woff2') ? false : undefined,
    rolldownOptions: {
      // Rolldown's report of slow plugins is not a problem of the deck: keep the build's log to those.
      checks: { bundlerTimings: false },
      // The yaml package has no side effects but does not say so, and Slidev's client imports one
      // helper of the parser's core, which would bring all of yaml (60 KB) to every first slide.
      treeshake: { moduleSideEffects: id => /\/node_modules\/yaml\//.test(id) ? false : undefined },
    },
  },
})
