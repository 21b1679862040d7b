import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'pathe'
import { describe, expect, it } from 'vitest'
import { root } from '../scripts/lib/paths'

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<'dependencies' | 'devDependencies', Record<string, string>>
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)])

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist')
      continue
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      yield* sources(path)
    else if (/\.(?:ts|vue|mjs|js)$/.test(entry.name))
      yield path
  }
}

describe('package.json', () => {
  it('declares every package the code imports', () => {
    const undeclared: string[] = []
    for (const file of sources(root)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*(?:\(\s*)?'([\w@][^']*)'/g)) {
        const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!
        if (!name.startsWith('node:') && !builtinModules.includes(name) && !declared.has(name) && !name.startsWith('~icons') && !name.startsWith('virtual:'))
          undeclared.push(`${relative(root, file)}: ${name}`)
      }
    }
    expect(undeclared).toEqual([])
  })
})
