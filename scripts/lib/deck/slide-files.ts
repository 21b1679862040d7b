import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { load } from '@slidev/parser/fs'
import { dirname, join, relative, resolve } from 'pathe'
import { outsideRepository, root, snippetsDir } from '../paths'
import { InputError } from '../yaml-check'

// What a deck's markdown pulls in, read the way Slidev reads it: its own parser finds the
// headmatter and follows `src:` imports; each file it loaded is then checked line by line
// for what Slidev would quietly get wrong.

// Slidev's `<<< path#region lang {meta}` line: only the path and region matter here.
const SNIPPET_IMPORT = /^<<<[ \t]*([^\s#]+)(#[\w-]+)?/
const RUNNABLE = /<Runnable\s(?:[^>]*\s)?snippet="([^"]+)"/
// What makes a viewer's browser fetch from another host: images, frames, media, embeds.
const REMOTE = [
  { what: 'an image', pattern: /!\[[^\]]*\]\((https?:\/\/[^)\s]+)/ },
  { what: 'an element that loads', pattern: /<(?:img|iframe|video|audio|source|embed|object|script|link)\b[^>]*?\s(?:src|href|data|poster)\s*=\s*["']?(https?:\/\/[^"'\s>]+)/i },
  { what: 'an embed', pattern: /<(Tweet|Youtube|SlidevVideo)\b/ },
  { what: 'a background or image setting', pattern: /^\s*(?:background|image|backgroundImage):\s*["']?(https?:\/\/\S+?)["']?\s*$/ },
  { what: 'a PlantUML diagram (drawn by a remote server)', pattern: /^\s*(?:```|~~~)\s*plantuml\b/ },
]

// Slidev features whose code the decks do not ship (see vite.config.ts).
const UNBUILT = [
  { what: 'a `twoslash` code block needs Twoslash\'s pop-ups', pattern: /^\s*(?:```|~~~)[^\n]*\btwoslash\b/ },
  { what: '`v-mark` needs rough-notation', pattern: /(?:<[^>]*\s|^\s*)v-mark(?:[.:=\s>]|$)/ },
  { what: '`v-motion` needs @vueuse/motion', pattern: /(?:<[^>]*\s|^\s*)v-motion(?:[.:=\s>]|$)/ },
]

/** Every link inside a deck's folder must stay inside the repository: a link to /etc/passwd would be published with the deck. */
function checkFolder(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name)
    if (!entry.isSymbolicLink())
      continue
    const real = existsSync(path) ? outsideRepository(path) : undefined
    if (real)
      throw new InputError(relative(root, path), 1, `links to ${real}, outside the repository: a deck publishes only files of the repository; copy what it needs into the deck's folder`)
  }
}

/** Regions as VS Code and Slidev mark them: `// #region name` … `// #endregion`. */
export function hasRegion(source: string, name: string): boolean {
  return new RegExp(`^\\s*(?://|/\\*|<!--|#)\\s*#?region\\s+${name}\\b`, 'm').test(source)
}

export interface SlideFiles {
  /** The headmatter's YAML as Slidev reads it, and the line it starts on. */
  headmatter: { yaml: string, line: number }
  /** Every file the slides pull in (`src:` pages, `<<<` snippets, `<Runnable>` snippets), the entry excepted. */
  files: string[]
  /** Where each slide the audience sees starts, as `file:line`, in order: slide n is at n - 1. */
  slides: string[]
  /** The speaker notes (Markdown) of those slides, '' for none. */
  notes: string[]
}

/**
 * Loads a deck with Slidev's parser and fails, naming the file and line, on a `src:` that
 * does not exist, a `<<<` import whose file or `#region` does not exist (Slidev would show
 * the whole file instead), a `<Runnable snippet>` with nothing runnable behind it, and
 * anything that would make a viewer's browser fetch from another host.
 */
export async function readSlideFiles(entry: string, deckDir = dirname(entry)): Promise<SlideFiles> {
  const data = await load({ userRoot: deckDir, roots: [deckDir], allowedRoots: [root] }, entry)
  const files = new Set<string>()
  for (const markdown of Object.values(data.markdownFiles)) {
    const file = relative(root, markdown.filepath)
    const error = markdown.errors?.[0]
    if (error)
      throw new InputError(file, error.row + 1, `${error.message.replace(root, '.')}: fix the "src:" path, relative to this file`)
    files.add(markdown.filepath)
    checkLines(markdown.filepath, deckDir, files)
  }
  for (const slide of data.slides) {
    const importer = slide.importChain?.at(-1)
    if (!importer)
      continue
    // The importing slide's `src:` line: its frontmatter starts after the `---` at `start`.
    const lines = readFileSync(importer.filepath, 'utf8').split(/\r?\n/)
    const at = lines.findIndex((text, index) => index > importer.start && text.startsWith('src:'))
    refuseOutside(slide.source.filepath, relative(root, importer.filepath), at >= 0 ? at + 1 : importer.start + 1, `the "src:" page ${relative(root, slide.source.filepath)}`)
  }
  const head = data.entry.slides[0]
  if (!head?.frontmatterRaw?.trim())
    throw new InputError(relative(root, entry), 1, 'no headmatter: start the file with a --- block holding the talk\'s title, abstract, kind, lang, tags and events (see `npm run new`)')
  // Last, so that a link a slide uses is reported at that slide's line.
  checkFolder(deckDir)
  files.delete(entry)
  const visible = data.slides.filter(slide => !slide.frontmatter.hide && !slide.frontmatter.disabled)
  const slides = visible.map(slide => `${relative(root, slide.source.filepath)}:${slide.source.start + 1}`)
  return { headmatter: { yaml: head.frontmatterRaw, line: head.start + 2 }, files: [...files], slides, notes: visible.map(slide => slide.note ?? '') }
}

function checkLines(path: string, deckDir: string, files: Set<string>): void {
  const file = relative(root, path)
  let fenced = false
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((text, index) => {
    const fail = (message: string) => {
      throw new InputError(file, index + 1, message)
    }
    for (const { what, pattern } of REMOTE) {
      const remote = text.match(pattern)
      if (remote && !fenced)
        fail(`${what} from another host${remote[1]?.startsWith('http') ? ` (${remote[1]})` : ''}: the decks load nothing from elsewhere; save it in the deck's folder and use its path, or make it a link`)
    }
    for (const { what, pattern } of UNBUILT) {
      if (!fenced && pattern.test(text))
        fail(`${what}, which the decks are built without (talks:unused-slidev-features in vite.config.ts keeps it out of every first slide): remove it from the slide`)
    }
    // Code blocks show code: an <img src="https://…"> inside one is text, not a request.
    if (/^\s*(?:```|~~~)/.test(text))
      fenced = !fenced
    const runnable = text.match(RUNNABLE)
    if (runnable) {
      const target = join(snippetsDir, `${runnable[1]}.ts`)
      if (!existsSync(target))
        fail(`<Runnable snippet="${runnable[1]}">: no ${relative(root, target)}; name a file under snippets/ without ".ts"`)
      refuseOutside(target, file, index + 1, `<Runnable snippet="${runnable[1]}">`)
      if (!/export default (?:async )?function/.test(readFileSync(target, 'utf8')))
        fail(`<Runnable snippet="${runnable[1]}">: ${relative(root, target)} has no \`export default async function main()\` to run`)
      files.add(target)
    }
    const match = text.trimStart().match(SNIPPET_IMPORT)
    if (!match)
      return
    const [, snippet = '', region = ''] = match
    const target = snippet.startsWith('@/') ? resolve(deckDir, snippet.slice(2)) : resolve(dirname(path), snippet)
    if (!existsSync(target))
      fail(`snippet "${snippet}" not found (looked for ${relative(root, target)}): fix the path, relative to the slide file or "@/" for the deck folder`)
    refuseOutside(target, file, index + 1, `snippet "${snippet}"`)
    if (region && !hasRegion(readFileSync(target, 'utf8'), region.slice(1)))
      fail(`snippet "${snippet}" has no region "${region.slice(1)}": add "// #region ${region.slice(1)}" … "// #endregion ${region.slice(1)}" to ${relative(root, target)}`)
    files.add(target)
  })
}

function refuseOutside(target: string, file: string, line: number, what: string): void {
  const real = outsideRepository(target)
  if (real)
    throw new InputError(file, line, `${what} is ${real}, outside the repository: a deck publishes only files of the repository; copy it into the deck's folder`)
}

const require = createRequire(join(root, 'package.json'))

/** A theme or addon the headmatter names that is not installed, with the command that installs it. */
export function missingPackage(kind: 'theme' | 'addon', name: string): string | undefined {
  if (kind === 'theme' && ['default', 'none'].includes(name))
    return undefined
  if (/^[./@]\/|^\.\.?\//.test(name) || name.startsWith('@/'))
    return undefined
  const candidates = name.startsWith('@') || name.startsWith(`slidev-${kind}-`) ? [name] : [`@slidev/${kind}-${name}`, `slidev-${kind}-${name}`, name]
  const installed = candidates.some((candidate) => {
    try {
      require.resolve(`${candidate}/package.json`)
      return true
    }
    catch {
      return false
    }
  })
  return installed ? undefined : `${kind} "${name}" is not installed: add it to the repository with \`npm install -D ${candidates[0]}\`${candidates.length > 1 ? ` (or ${candidates.slice(1).join(', ')})` : ''}`
}
