import { globSync, readFileSync } from 'node:fs'
import { join } from 'pathe'
import { describe, expect, it } from 'vitest'
import { browserRunnable } from '../components/runner/modules'
import { decksDir, snippetsDir } from '../scripts/lib/paths'

// Which snippets a deck ships for its runner: those a browser can run, worked out from what
// each snippet imports once compiled, as the runner's worker compiles it.
const paths = globSync('**/*.ts', { cwd: snippetsDir }).filter(file => !file.endsWith('.test.ts')).map(file => file.slice(0, -3))
const runnable = browserRunnable(new Map(paths.map(path => [path, readFileSync(join(snippetsDir, `${path}.ts`), 'utf8')])))

describe('the snippets a browser can run', () => {
  it('include every snippet a slide runs, and what it imports', () => {
    const run = globSync('*/**/*.md', { cwd: decksDir }).flatMap(file => [...readFileSync(join(decksDir, file), 'utf8').matchAll(/<Runnable\s[^>]*snippet="([^"]+)"/g)].map(match => match[1]!))
    expect(run.length).toBeGreaterThan(0)
    expect(run.filter(path => !runnable.has(path))).toEqual([])
    expect(runnable.has('consistent-hashing/hashing')).toBe(true)
  })

  it('leave out a snippet that imports Node or a package the worker lacks, and every snippet that imports one', () => {
    expect(runnable.has('testing/servers')).toBe(false)
    expect(runnable.has('service-discovery/zookeeper')).toBe(false)
    const found = browserRunnable(new Map([
      ['topic/app', 'import { store } from \'./store\'\nexport default async function main() { store() }'],
      ['topic/store', 'import { readFileSync } from \'node:fs\'\nexport const store = () => readFileSync(\'x\')'],
      ['topic/hash', 'import type { Key } from \'./key\'\nimport { sha256 } from \'@noble/hashes/sha2.js\'\nexport const hash = (key: Key) => sha256(key)'],
      ['topic/key', 'export type Key = Uint8Array'],
    ]))
    expect([...found].sort()).toEqual(['topic/hash', 'topic/key'])
  })
})
