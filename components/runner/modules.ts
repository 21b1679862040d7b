import { transform } from 'sucrase'

// How the runner turns a snippet into a module: in its worker, for the snippet a slide runs
// (edited or not), and in the build, which ships only the snippets a browser can run.

/** The packages a browser-runnable snippet may import: the worker provides them. */
export const BROWSER_PACKAGES = ['@noble/hashes/legacy.js', '@noble/hashes/sha2.js', '@noble/hashes/utils.js'] as const

/** A snippet (`topic/name`, no `.ts`) compiled to a CommonJS body: its imports become `require('…')`. */
export function compile(path: string, text: string): string {
  return transform(text, { transforms: ['typescript', 'imports'], filePath: `${path}.ts`, production: true }).code
}

/** What compiled code requires, in order. */
export function requires(code: string): string[] {
  return [...code.matchAll(/require\('([^']+)'\)/g)].map(match => match[1]!)
}

/** The snippet a relative import of `from` names. */
export function resolve(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of specifier.replace(/\.ts$|\.js$/, '').split('/')) {
    if (part === '..')
      parts.pop()
    else if (part !== '.')
      parts.push(part)
  }
  return parts.join('/')
}

/**
 * The snippets (by path) a browser can run: those whose imports are all such snippets or
 * browser packages. The others (servers, real backends, child processes) would stop at their
 * first import in the worker.
 */
export function browserRunnable(sources: Map<string, string>): Set<string> {
  const imports = new Map([...sources].map(([path, text]) => [path, requires(compile(path, text))]))
  const runnable = new Set(sources.keys())
  let changed = true
  while (changed) {
    changed = false
    for (const path of runnable) {
      const runs = imports.get(path)!.every(specifier => specifier.startsWith('.') ? runnable.has(resolve(path, specifier)) : (BROWSER_PACKAGES as readonly string[]).includes(specifier))
      if (!runs) {
        runnable.delete(path)
        changed = true
      }
    }
  }
  return runnable
}
