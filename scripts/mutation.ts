// `npm run mutation`: StrykerJS over the snippets and over the build's pure modules, each area
// with its own fast tests (vitest.mutation.config.ts), then one score line per area. Survivors
// are listed in .cache/mutation/<area>.survivors.txt. Exits non-zero when an area is under its goal.
import { mkdirSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { Stryker } from '@stryker-mutator/core'
import { basename, join, relative } from 'pathe'
import { root } from './lib/paths'

type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number]

interface Area {
  name: string
  mutate: string[]
  tests: string[]
  /** Lowest acceptable score, in percent. */
  goal: number
  /**
   * Module-level code (constant tables, schemas) is run by every test, so Stryker runs the
   * whole suite for each of its mutants. The build's tests take a second; the snippets'
   * take half a minute, and a thousand such mutants would take hours.
   */
  ignoreStatic: boolean
}

export const AREAS: Area[] = [
  {
    name: 'snippets',
    mutate: [
      'snippets/**/*.ts',
      '!snippets/**/*.test.ts',
      // Test helpers, and what only runs against real servers or in child processes.
      '!snippets/testing/**',
      '!snippets/service-discovery/{connect,contract,etcd,failure-detection,provider-process,zookeeper}.ts',
      '!snippets/spooler/{spooler-process,store-client,store-server}.ts',
    ],
    tests: [
      'snippets/{consistent-hashing,fault-tolerance,scylla}/*.test.ts',
      'snippets/service-discovery/{memory,registry}.test.ts',
      'snippets/spooler/{last-known,spooler-disk,spooler-replay}.test.ts',
    ],
    goal: 85,
    ignoreStatic: true,
  },
  {
    name: 'build',
    mutate: [
      'scripts/lib/schema.ts',
      'scripts/lib/meta.ts',
      'scripts/lib/site/*.ts',
      'scripts/lib/deck/deck-html.ts',
      'scripts/lib/deck/inputs-hash.ts',
      'scripts/lib/deck/pdf-meta.ts',
    ],
    tests: ['tests/{escaping,index-page,inputs-hash,pdf-meta,schema,schema-rules,site-golden,site-write,talk-video}.test.ts'],
    goal: 75,
    ignoreStatic: false,
  },
]

const DETECTED = new Set(['Killed', 'Timeout'])
const UNDETECTED = new Set(['Survived', 'NoCoverage'])

/** Stryker's mutation score: detected mutants over detected and undetected ones. */
function score(results: MutantResult[]): number {
  const detected = results.filter(result => DETECTED.has(result.status)).length
  const undetected = results.filter(result => UNDETECTED.has(result.status)).length
  return detected + undetected ? (100 * detected) / (detected + undetected) : 100
}

const args = process.argv.slice(2)
// Files named after the area mutate only those (a whole area takes over an hour on two cores);
// they keep results of their own, since an incremental report only holds the files it mutated.
const files = args.filter(arg => arg.endsWith('.ts'))
const only = args.filter(arg => !files.includes(arg))
if (files.length && only.length !== 1)
  throw new Error('name the area of the files: npm run mutation -- snippets snippets/spooler/spooler.ts')
const out = join(root, '.cache/mutation')
mkdirSync(out, { recursive: true })
const lines: string[] = []
let below = false
for (const area of AREAS.filter(area => !only.length || only.includes(area.name))) {
  process.env.MUTATION_TESTS = JSON.stringify(area.tests)
  const name = files.length ? `${area.name}-${files.map(file => basename(file, '.ts')).join('+')}` : area.name
  const started = performance.now()
  const results = await new Stryker({
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.mutation.config.ts' },
    mutate: files.length ? files : area.mutate,
    ignoreStatic: area.ignoreStatic,
    // Two cores: one mutant per core.
    concurrency: 2,
    // A rerun tests only the mutants whose code or covering tests changed. Module-level mutants
    // are covered by "all tests", which Stryker does not see grow: where they run, run them all.
    incremental: area.ignoreStatic,
    incrementalFile: `.cache/mutation/${name}.incremental.json`,
    tempDirName: `.cache/stryker-${name}`,
    ignorePatterns: ['dist', 'docs', '.cache', '.test-decks-*'],
    reporters: ['progress-append-only'],
    timeoutMS: 10_000,
    // Stryker would add "// @ts-nocheck" to the scripts of tests/golden/*.html; vitest does not type check anyway.
    disableTypeChecks: false,
  }).runMutationTest()
  const survivors = results.filter(result => UNDETECTED.has(result.status))
    .map(result => `${relative(root, result.fileName)}:${result.location.start.line} ${result.status} ${result.mutatorName}: ${result.replacement ?? ''}`.replace(/\s+/g, ' '))
  writeFileSync(join(out, `${name}.survivors.txt`), `${survivors.join('\n')}\n`)
  const value = score(results)
  below ||= value < area.goal
  const ignored = results.filter(result => result.status === 'Ignored').length
  lines.push(`mutation score: ${name} ${value.toFixed(2)}% (goal ${area.goal}%; ${results.length} mutants, ${survivors.length} undetected, ${ignored} static ones not run; ${((performance.now() - started) / 60_000).toFixed(1)} min)`)
}
console.log(lines.join('\n'))
process.exitCode = below ? 1 : 0
