import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'pathe'
import { root, snippetsDir } from './paths'
import { InputError } from './yaml-check'

// Slidev's `<<< path#region lang {meta}` line: only the path and region matter here.
const SNIPPET_IMPORT = /^<<<[ \t]*([^\s#]+)(#[\w-]+)?/
// A slide pulled in from another file: `src: ./pages/intro.md` in its frontmatter.
const SLIDE_IMPORT = /^src:\s*(\S+)\s*$/
const RUNNABLE = /<Runnable\s(?:[^>]*\s)?snippet="([^"]+)"/

/** Regions as VS Code and Slidev mark them: `// #region name` … `// #endregion`. */
export function hasRegion(source: string, name: string): boolean {
  return new RegExp(`^\\s*(?://|/\\*|<!--|#)\\s*#?region\\s+${name}\\b`, 'm').test(source)
}

/**
 * Fails on a `<<<` import whose file or `#region` does not exist (Slidev would show the
 * whole file instead), and on a `<Runnable snippet>` with no runnable snippet behind it,
 * in the deck's slides.md and every file it imports slides from. Returns every file the
 * slides pull in this way, wherever it lives: the deck's output depends on them.
 */
export function checkSnippetImports(entry: string, deckRoot = dirname(entry), seen = new Set<string>()): string[] {
  if (seen.has(entry))
    return [...seen]
  seen.add(entry)
  const file = relative(root, entry)
  readFileSync(entry, 'utf8').split(/\r?\n/).forEach((text, index) => {
    const fail = (message: string) => {
      throw new InputError(file, index + 1, message)
    }
    const slide = text.match(SLIDE_IMPORT)
    if (slide) {
      const target = slide[1].startsWith('@/') ? resolve(deckRoot, slide[1].slice(2)) : resolve(dirname(entry), slide[1])
      if (!existsSync(target))
        fail(`slides imported from "${slide[1]}" not found (looked for ${relative(root, target)})`)
      checkSnippetImports(target, deckRoot, seen)
      return
    }
    const runnable = text.match(RUNNABLE)
    if (runnable) {
      const target = join(snippetsDir, `${runnable[1]}.ts`)
      if (!existsSync(target))
        fail(`<Runnable snippet="${runnable[1]}">: no ${relative(root, target)}; name a file under snippets/ without ".ts"`)
      if (!/export default (?:async )?function/.test(readFileSync(target, 'utf8')))
        fail(`<Runnable snippet="${runnable[1]}">: ${relative(root, target)} has no \`export default async function main()\` to run`)
      seen.add(target)
    }
    const match = text.trimStart().match(SNIPPET_IMPORT)
    if (!match)
      return
    const [, path = '', region = ''] = match
    const target = path.startsWith('@/') ? resolve(deckRoot, path.slice(2)) : resolve(dirname(entry), path)
    if (!existsSync(target))
      fail(`snippet "${path}" not found (looked for ${relative(root, target)}): fix the path, relative to the slide file or "@/" for the deck folder`)
    if (region && !hasRegion(readFileSync(target, 'utf8'), region.slice(1)))
      fail(`snippet "${path}" has no region "${region.slice(1)}": add "// #region ${region.slice(1)}" … "// #endregion ${region.slice(1)}" to ${relative(root, target)}`)
    seen.add(target)
  })
  return [...seen]
}
