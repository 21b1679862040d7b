import { describe, expect, it } from 'vitest'
import { compare, keyNames, nodeNames, relativeStdDev } from './compare'

describe('relativeStdDev', () => {
  it('is the population std-dev of keys per node over the mean, counting empty nodes', () => {
    // counts 2, 1, 1: mean 4/3, variance 2/9
    expect(relativeStdDev(['a', 'a', 'b', 'c'], ['a', 'b', 'c'])).toBeCloseTo(Math.sqrt(2 / 9) / (4 / 3), 12)
    expect(relativeStdDev(['a', 'a'], ['a', 'b'])).toBe(1)
    expect(relativeStdDev(['a', 'b'], ['a', 'b'])).toBe(0)
  })
})

describe('compare', () => {
  const rows = compare(4, 4000)
  const row = (prefix: string) => rows.find(r => r.method.startsWith(prefix))!

  it('names keys and nodes deterministically', () => {
    expect(keyNames(3)).toEqual(['key-0', 'key-1', 'key-2'])
    expect(nodeNames(2)).toEqual(['node-0', 'node-1'])
  })

  it('gives the same figures twice', () => {
    expect(compare(4, 500)).toEqual(compare(4, 500))
  })

  it('moves about n/(n+1) of the keys with modulo and about 1/(n+1) with the others', () => {
    expect(row('modulo').moved).toBeGreaterThan(0.75)
    expect(row('modulo').moved).toBeLessThan(0.85)
    for (const method of [
      'ring, 160',
      'ketama',
      'jump',
      'rendezvous',
    ]) {
      expect(row(method).moved).toBeGreaterThan(0.15)
      expect(row(method).moved).toBeLessThan(0.25)
    }
  })

  it('spreads keys much worse with 10 vnodes than with 160', () => {
    expect(row('ring, 10').spreadAfter).toBeGreaterThan(2 * row('ring, 160').spreadAfter)
    expect(row('jump').spreadAfter).toBeLessThan(0.1)
  })
})
