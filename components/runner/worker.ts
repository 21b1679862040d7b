import type { BROWSER_PACKAGES } from './modules'
/// <reference lib="webworker" />
import type { RunEvent, RunRequest } from './protocol'
import * as legacy from '@noble/hashes/legacy.js'
import * as sha2 from '@noble/hashes/sha2.js'
import * as utils from '@noble/hashes/utils.js'
import sources from 'virtual:talks-snippets'
import { formatArgs, toTable } from './format'
import { compile, requires, resolve } from './modules'

// Snippets travel as text and are compiled here, so an edited snippet runs exactly
// like the file on disk, and Node-only snippets are never bundled as code (nor shipped:
// the build leaves out those a browser cannot run, see vite.config.ts).
const packages: Record<(typeof BROWSER_PACKAGES)[number], unknown> = {
  '@noble/hashes/legacy.js': legacy,
  '@noble/hashes/sha2.js': sha2,
  '@noble/hashes/utils.js': utils,
}

type Exports = Record<string, unknown>
// One worker per run, so this cache never outlives an edit.
const cache = new Map<string, Exports>()

function load(path: string, source?: string): Exports {
  const cached = cache.get(path)
  if (cached)
    return cached
  const text = source ?? sources[path]
  if (text === undefined)
    throw new Error(`No snippet "${path}" in snippets/ that runs in a browser`)
  const code = compile(path, text)
  const exports: Exports = {}
  cache.set(path, exports)
  const deps = new Map<string, unknown>()
  for (const specifier of requires(code)) {
    if (specifier.startsWith('.'))
      deps.set(specifier, load(resolve(path, specifier)))
    else if (specifier in packages)
      deps.set(specifier, packages[specifier as keyof typeof packages])
    else
      throw new Error(`${path}.ts imports "${specifier}", which does not run in the browser`)
  }
  const require = (specifier: string) => deps.get(specifier)
  // eslint-disable-next-line no-new-func
  new Function('exports', 'require', 'module', code)(exports, require, { exports })
  return exports
}

/**
 * Runs in the sandbox frame's worker (see frame.ts). Output leaves only through the
 * console: postMessage is taken off the global scope before the snippet runs.
 */
export function startWorker(scope: DedicatedWorkerGlobalScope) {
  const postMessage = scope.postMessage.bind(scope)
  const post = (event: RunEvent) => postMessage(event)
  for (let object: object | null = scope; object; object = Object.getPrototypeOf(object))
    Reflect.deleteProperty(object, 'postMessage')

  for (const level of ['log', 'info', 'warn', 'error'] as const)
    console[level] = (...args: unknown[]) => post({ type: 'log', level, text: formatArgs(args) })
  console.table = (data: unknown) => post({ type: 'table', ...toTable(data) })

  scope.onmessage = async ({ data }: MessageEvent<RunRequest>) => {
    const started = performance.now()
    try {
      const module = load(data.snippet, data.source)
      if (typeof module.default !== 'function')
        throw new Error('Nothing to run: the snippet has no `export default async function main()`')
      await (module.default as () => unknown)()
      post({ type: 'done', ms: performance.now() - started })
    }
    catch (error) {
      post({ type: 'error', text: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
    }
  }
}
