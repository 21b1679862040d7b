import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jumpNode } from './jump'
import { moduloNode } from './modulo'
import { rendezvousNode, rendezvousTop, rendezvousWeight } from './rendezvous'

const names = (n: number) => Array.from({ length: n }, (_, i) => `node${i}`)
const keys = Array.from({ length: 3000 }, (_, i) => `key-${i}`)

describe('moduloNode', () => {
  it('takes md5(key) as a 128-bit integer modulo the node count', () => {
    // uhashring's md5 of "test" is 12707736894140473154801792860916528374: it ends in 4, and 374 % 8 == 6.
    expect(moduloNode('test', names(10))).toBe('node4')
    expect(moduloNode('test', names(8))).toBe('node6')
  })

  it('moves most keys, about n/(n+1), when one node joins', () => {
    for (const n of [3, 10]) {
      const moved = keys.filter(key => moduloNode(key, names(n)) !== moduloNode(key, names(n + 1))).length / keys.length
      expect(Math.abs(moved - n / (n + 1))).toBeLessThan(0.03)
    }
  })
})

describe('rendezvous', () => {
  it('scores a node with the first 8 bytes of md5("<node>-<key>")', () => {
    const expected = BigInt(`0x${createHash('md5').update('node3-key-7', 'utf8').digest('hex').slice(0, 16)}`)
    expect(rendezvousWeight('key-7', 'node3')).toBe(expected)
  })

  it('gives the key to the highest score, and its replicas to the next ones', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 9 }), (key, n) => {
      const nodes = names(n)
      const best = nodes.reduce((a, b) => rendezvousWeight(key, b) > rendezvousWeight(key, a)
        ? b
        : a)
      expect(rendezvousNode(key, nodes)).toBe(best)
      expect(rendezvousTop(key, nodes, 3)[0]).toBe(best)
    }), { numRuns: 200 })
  })

  it('ranks the k best nodes by decreasing score: the owner first, then its replicas', () => {
    const md5Weight = (key: string, node: string) => createHash('md5').update(`${node}-${key}`, 'utf8').digest().readBigUInt64BE(0)
    // Nodes in any order: a sort that compares only some pairs right can still look right on sorted input.
    const nodeLists = fc.shuffledSubarray(names(12), { minLength: 1 })
    fc.assert(fc.property(fc.string(), nodeLists, fc.integer({ min: 0, max: 14 }), (key, nodes, k) => {
      const n = nodes.length
      // md5 gives every node a different score: no tie to break.
      const weight = new Map(nodes.map(node => [node, md5Weight(key, node)]))
      expect(new Set(weight.values()).size).toBe(n)
      const ranked = [...nodes].sort((a, b) => (weight.get(b)! > weight.get(a)! ? 1 : -1))
      const top = rendezvousTop(key, nodes, k)
      expect(top).toEqual(ranked.slice(0, k))
      expect(top).toHaveLength(Math.min(k, n))
      for (let i = 1; i < top.length; i++)
        expect(rendezvousWeight(key, top[i - 1]) > rendezvousWeight(key, top[i])).toBe(true)
    }), { numRuns: 300 })
  })

  it('moves only the leaving node\'s keys, and only onto a joining node', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), (n, pick) => {
      const nodes = names(n)
      const leaving = nodes[pick % n]
      const rest = nodes.filter(node => node !== leaving)
      let moved = 0
      for (const key of keys) {
        const before = rendezvousNode(key, nodes)
        const after = rendezvousNode(key, rest)
        if (before !== leaving)
          expect(after).toBe(before)
        const grown = rendezvousNode(key, [...nodes, 'newcomer'])
        if (grown !== before) {
          expect(grown).toBe('newcomer')
          moved++
        }
      }
      expect(Math.abs(moved / keys.length - 1 / (n + 1))).toBeLessThan(0.04)
    }), { numRuns: 8 })
  })
})

describe('no nodes', () => {
  it('is refused by name, not by whatever an empty list would make each method do', () => {
    for (const place of [moduloNode, jumpNode, rendezvousNode])
      expect(() => place('key', [])).toThrow(new RangeError('no nodes'))
  })
})
