import type { Row } from './compare'
import { describe, expect, it } from 'vitest'
import { compare, keyNames, methods, nodeNames, relativeStdDev } from './compare'
import { HashRing } from './hash-ring'
import { jumpNode } from './jump'
import { moduloNode } from './modulo'
import { rendezvousNode } from './rendezvous'

describe('relativeStdDev', () => {
  it('is the population std-dev of keys per node over the mean, counting empty nodes', () => {
    // counts 2, 1, 1: mean 4/3, variance 2/9
    expect(relativeStdDev(['a', 'a', 'b', 'c'], ['a', 'b', 'c'])).toBeCloseTo(Math.sqrt(2 / 9) / (4 / 3), 12)
    expect(relativeStdDev(['a', 'a'], ['a', 'b'])).toBe(1)
    expect(relativeStdDev(['a', 'b'], ['a', 'b'])).toBe(0)
  })
})

describe('compare', () => {
  // Computed in each test: figures computed once for all tests would be computed outside any
  // test, where mutation testing cannot see them.
  const row = (rows: Row[], prefix: string) => rows.find(r => r.method.startsWith(prefix))!

  it('names keys and nodes deterministically', () => {
    expect(keyNames(3)).toEqual(['key-0', 'key-1', 'key-2'])
    expect(nodeNames(2)).toEqual(['node-0', 'node-1'])
  })

  it('gives the same figures twice', () => {
    expect(compare(4, 500)).toEqual(compare(4, 500))
  })

  it('measures what placing the keys on n, then n + 1 nodes gives, method by method', () => {
    const keys = keyNames(2000)
    const before = nodeNames(4)
    const after = nodeNames(5)
    const rows = compare(4, 2000)
    expect(rows.map(r => r.method)).toEqual(methods.map(([name]) => name))
    for (const [name, place] of [['modulo', moduloNode], ['jump', jumpNode], ['rendezvous', rendezvousNode]] as const) {
      const owners = keys.map(key => place(key, before))
      const grown = keys.map(key => place(key, after))
      expect(row(rows, name)).toEqual({
        method: expect.stringContaining(name),
        moved: keys.filter((_, i) => owners[i] !== grown[i]).length / keys.length,
        spreadBefore: relativeStdDev(owners, before),
        spreadAfter: relativeStdDev(grown, after),
      })
    }
    const ring = new HashRing(before)
    const owners = keys.map(key => ring.getNode(key))
    ring.addNode('node-4')
    expect(row(rows, 'ring, 160').moved).toBe(keys.filter((key, i) => ring.getNode(key) !== owners[i]).length / keys.length)
  })

  it('moves about n/(n+1) of the keys with modulo and about 1/(n+1) with the others', () => {
    const rows = compare(4, 4000)
    expect(row(rows, 'modulo').moved).toBeGreaterThan(0.75)
    expect(row(rows, 'modulo').moved).toBeLessThan(0.85)
    for (const method of [
      'ring, 160',
      'ketama',
      'jump',
      'rendezvous',
    ]) {
      expect(row(rows, method).moved).toBeGreaterThan(0.15)
      expect(row(rows, method).moved).toBeLessThan(0.25)
    }
  })

  it('spreads keys much worse with 10 vnodes than with 160', () => {
    const rows = compare(4, 4000)
    expect(row(rows, 'ring, 10').spreadAfter).toBeGreaterThan(2 * row(rows, 'ring, 160').spreadAfter)
    expect(row(rows, 'jump').spreadAfter).toBeLessThan(0.1)
  })
})
