import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printed } from '../testing/printed'
import { MAX_TOKEN, MIN_TOKEN, tokenOfText } from './murmur3-token'
import main, { evenTokens, TokenRing, vnodeTokens } from './token-ring'

const token = fc.bigInt({ min: MIN_TOKEN, max: MAX_TOKEN })

describe('tokenRing.replicasFor', () => {
  // The SimpleStrategy expectations of the DataStax C# driver's unit tests
  // (datastax/csharp-driver, src/Cassandra.Tests/TokenTests.cs, TokenMapSimpleStrategyWithKeyspaceTest).
  const ring = new TokenRing([
    { name: 'n0', tokens: [0n] },
    { name: 'n1', tokens: [10n] },
    { name: 'n2', tokens: [20n] },
  ])
  it.each([
    [0n, 2, ['n0', 'n1']],
    [-100n, 2, ['n0', 'n1']],
    [500000n, 2, ['n0', 'n1']],
    [20n, 2, ['n2', 'n0']],
    [19n, 2, ['n2', 'n0']],
    [5n, 10, ['n1', 'n2', 'n0']],
    [10n, 1, ['n1']],
  ])('token %s with RF %i goes to %j', (t, rf, replicas) => {
    expect(ring.replicasFor(t, rf)).toEqual(replicas)
  })

  it('places a published token on the node whose range holds it', () => {
    // tokenOfText('123') is -7468325962851647638 (python-driver's tests); with three evenly
    // spread tokens -2^63, -2^63 + ⌊2^64/3⌋ = -3074457345618258603, … it falls in (-2^63, -3074457345618258603].
    const even = new TokenRing(['a', 'b', 'c'].map((name, i) => ({ name, tokens: [evenTokens(3)[i]] })))
    expect(evenTokens(3)[1]).toBe(-3074457345618258603n)
    expect(even.replicasOfKey('123', 2)).toEqual(['b', 'c'])
  })

  const names = ['a', 'b', 'c', 'd', 'e']
  const vnodeRing = new TokenRing(names.map(name => ({ name, tokens: vnodeTokens(name, 8) })))
  const points = names.flatMap(name => vnodeTokens(name, 8).map(t => ({ t, name }))).sort((x, y) => (x.t < y.t ? -1 : 1))

  it('picks as primary the owner of the smallest token >= the key\'s, or of the smallest token', () => {
    fc.assert(fc.property(token, (t) => {
      const owner = (points.find(p => p.t >= t) ?? points[0]).name
      expect(vnodeRing.replicasFor(t, 1)).toEqual([owner])
    }), { numRuns: 2000 })
  })

  it('returns min(RF, nodes) distinct nodes, met walking clockwise from the primary', () => {
    fc.assert(fc.property(token, fc.integer({ min: 1, max: 7 }), (t, rf) => {
      const replicas = vnodeRing.replicasFor(t, rf)
      expect(replicas).toHaveLength(Math.min(rf, names.length))
      expect(new Set(replicas).size).toBe(replicas.length)
      const start = points.findIndex(p => p.t >= t)
      const walk = [...points.slice(start === -1 ? 0 : start), ...points.slice(0, start === -1 ? 0 : start)].map(p => p.name)
      expect(replicas).toEqual([...new Set(walk)].slice(0, rf))
    }), { numRuns: 1000 })
  })
})

describe('tokenRing ranges and ownership', () => {
  it('splits the ring evenly with evenly spread tokens', () => {
    const ring = new TokenRing(['a', 'b', 'c', 'd'].map((name, i) => ({ name, tokens: [evenTokens(4)[i]] })))
    expect(evenTokens(4)).toEqual([MIN_TOKEN, -(1n << 62n), 0n, 1n << 62n])
    expect([...ring.ownership().values()]).toEqual([0.25, 0.25, 0.25, 0.25])
    expect(ring.ranges()[0]).toEqual({ start: 1n << 62n, end: MIN_TOKEN, node: 'a' })
  })

  it('covers the whole token space exactly once', () => {
    fc.assert(fc.property(fc.uniqueArray(token, { minLength: 2, maxLength: 30 }), (tokens) => {
      const ring = new TokenRing(tokens.map((t, i) => ({ name: `n${i % 3}`, tokens: [t] })))
      const total = [...ring.ownership().values()].reduce((sum, share) => sum + share, 0)
      expect(total).toBeCloseTo(1, 9)
    }), { numRuns: 300 })
  })

  it('gives a ring of a single token all of the space and every key, from either side of that token', () => {
    fc.assert(fc.property(token, token, fc.integer({ min: 1, max: 3 }), (only, t, rf) => {
      const ring = new TokenRing([{ name: 'solo', tokens: [only] }])
      expect(ring.ownership()).toEqual(new Map([['solo', 1]]))
      expect(ring.ranges()).toEqual([{ start: only, end: only, node: 'solo' }])
      expect(ring.replicasFor(t, rf)).toEqual(['solo'])
    }), { numRuns: 200 })
  })

  it('lets a node without a token own nothing and hold no replica', () => {
    const ring = new TokenRing([{ name: 'a', tokens: [1n] }, { name: 'b', tokens: [] }, { name: 'c', tokens: [5n] }])
    expect(ring.ownership().get('b')).toBe(0)
    expect(ring.replicasFor(3n, 3)).toEqual(['c', 'a'])
  })

  it('refuses a ring without a token', () => {
    expect(() => new TokenRing([])).toThrow('a ring needs at least one token')
    expect(() => new TokenRing([{ name: 'a', tokens: [] }])).toThrow('a ring needs at least one token')
  })

  it('refuses a token claimed twice', () => {
    expect(() => new TokenRing([{ name: 'a', tokens: [1n] }, { name: 'b', tokens: [1n] }])).toThrow(/claimed twice/)
  })
})

describe('adding a node', () => {
  it('moves keys only to the new node', () => {
    const before = new TokenRing(['a', 'b', 'c'].map(name => ({ name, tokens: vnodeTokens(name, 16) })))
    const after = new TokenRing(['a', 'b', 'c', 'd'].map(name => ({ name, tokens: vnodeTokens(name, 16) })))
    let moved = 0
    for (let i = 0; i < 5000; i++) {
      const t = tokenOfText(`cookie-${i}`)
      const [was] = before.replicasFor(t, 1)
      const [now] = after.replicasFor(t, 1)
      if (was !== now) {
        expect(now).toBe('d')
        moved++
      }
    }
    // About the share of the ring the new node took, never everything.
    const share = after.ownership().get('d')!
    expect(moved / 5000).toBeGreaterThan(share - 0.03)
    expect(moved / 5000).toBeLessThan(share + 0.03)
  })
})

describe('the demo', () => {
  it('prints the ring\'s own replicas and shares, and what a fifth node takes', async () => {
    const { lines, tables } = await printed(main)
    const names = ['node-a', 'node-b', 'node-c', 'node-d']
    const ring = new TokenRing(names.map(name => ({ name, tokens: vnodeTokens(name, 16) })))
    const bigger = new TokenRing([...names, 'node-e'].map(name => ({ name, tokens: vnodeTokens(name, 16) })))
    const percent = (share: number) => `${(share * 100).toFixed(1)} %`
    expect(tables).toEqual([
      ['partner-42', 'cookie-7', 'user@example.com'].map(key => ({
        key,
        token: tokenOfText(key).toString(),
        replicas: ring.replicasOfKey(key, 3).join(', '),
      })),
      names.map(node => ({ node, owns: percent(ring.ownership().get(node)!) })),
    ])
    const rows = tables[0] as { replicas: string }[]
    expect(rows.every(row => new Set(row.replicas.split(', ')).size === 3)).toBe(true)
    let moved = 0
    for (let i = 0; i < 20_000; i++) {
      const t = tokenOfText(`cookie-${i}`)
      if (ring.replicasFor(t, 1)[0] !== bigger.replicasFor(t, 1)[0])
        moved++
    }
    const taken = bigger.ownership().get('node-e')!
    expect(Math.abs(moved / 20_000 - taken)).toBeLessThan(0.02)
    expect(lines).toEqual([
      '4 nodes × 16 vnodes, replication factor 3 (an illustration)',
      `Adding node-e moves the primary replica of ${percent(moved / 20_000)} of 20,000 keys`,
      `(node-e now owns ${percent(taken)} of the ring)`,
    ])
  })
})
