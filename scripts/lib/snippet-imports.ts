import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'pathe'
import { root } from './paths'
import { InputError } from './yaml-check'

// Slidev's `<<< path#region lang {meta}` line: only the path and region matter here.
const SNIPPET_IMPORT = /^<<<[ \t]*([^\s#]+)(#[\w-]+)?/

/** Regions as VS Code and Slidev mark them: `// #region name` … `// #endregion`. */
export function hasRegion(source: string, name: string): boolean {
  return new RegExp(`^\\s*(?://|/\\*|<!--|#)\\s*#?region\\s+${name}\\b`, 'm').test(source)
}

/**
 * Fails on a `<<<` import whose file or `#region` does not exist: Slidev would
 * otherwise show the whole file, or fail late with a less helpful message.
 */
export function checkSnippetImports(entry: string, deckRoot = dirname(entry)): void {
  const lines = readFileSync(entry, 'utf8').split(/\r?\n/)
  lines.forEach((text, index) => {
    const match = text.trimStart().match(SNIPPET_IMPORT)
    if (!match)
      return
    const [, path = '', region = ''] = match
    const file = relative(root, entry)
    const target = path.startsWith('@/') ? resolve(deckRoot, path.slice(2)) : resolve(dirname(entry), path)
    if (!existsSync(target))
      throw new InputError(file, index + 1, `snippet "${path}" not found (looked for ${relative(root, target)}): fix the path, relative to the slide file or "@/" for the deck folder`)
    if (region && !hasRegion(readFileSync(target, 'utf8'), region.slice(1)))
      throw new InputError(file, index + 1, `snippet "${path}" has no region "${region.slice(1)}": add "// #region ${region.slice(1)}" … "// #endregion ${region.slice(1)}" to ${relative(root, target)}`)
  })
}
