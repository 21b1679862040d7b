import type { Nodes } from './hash-ring'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HashRing } from './hash-ring'
import { md5Int } from './hashing'

const nodeNames = (n: number, prefix = 'node') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

// The owner by definition, by a linear scan rather than the ring's binary search.
function ownerByScan(ring: HashRing, key: string): string {
  const h = ring.hashi(key)
  const points = ring.getPoints()
  return (points.find(([point]) => point > h) ?? points[0])[1]
}

describe('known values from uhashring and python-ketama', () => {
  it('hashes like uhashring in both modes (tests/test_implementation.py)', () => {
    expect(new HashRing([], { hashFn: 'ketama' }).hashi('test')).toBe(3446378249n)
    expect(new HashRing().hashi('test')).toBe(12707736894140473154801792860916528374n)
  })

  it('maps "test" like libketama on the 600/400 continuum (tests/test_ketama_compatibility.py)', () => {
    const ring = new HashRing({ '127.0.0.1:11211': 600, '127.0.0.1:11212': 400 }, { hashFn: 'ketama', vnodes: 40, replicas: 4 })
    expect(ring.getServer('test')).toEqual([3454255383n, '127.0.0.1:11211'])
    // libketama gives a server floor(weight share * 40 * servers) digests of 4 points each.
    expect(ring.distribution()).toEqual(new Map([
      ['127.0.0.1:11211', 48 * 4],
      ['127.0.0.1:11212', 32 * 4],
    ]))
  })

  it('puts 160 points per node in both modes (test_ring_size)', () => {
    for (const hashFn of ['md5', 'ketama'] as const) {
      const ring = new HashRing({ node1: 1, node2: 1, node3: 1 }, { hashFn })
      expect(ring.size).toBe(3 * 160)
      expect(ring.getPoints()).toHaveLength(3 * 160)
    }
  })

  it('keeps coconut and moves zoro when node3 leaves, then brings zoro back (test_consistency)', () => {
    const ring = new HashRing({ node1: 1, node2: 1, node3: 1 }, { hashFn: 'ketama' })
    const coconut = ring.getNode('coconut')
    const zoro = ring.getNode('zoro')
    ring.removeNode('node3')
    expect(() => ring.removeNode('node3')).toThrow(/KeyError/)
    expect(ring.getNode('coconut')).toBe(coconut)
    expect(ring.getNode('zoro')).not.toBe(zoro)
    ring.addNode('node3', 1)
    expect(ring.getNode('zoro')).toBe(zoro)
  })

  it('reads every node format the same way (test_conf)', () => {
    const points = (nodes: ConstructorParameters<typeof HashRing>[0]) => new HashRing(nodes).getPoints()
    const expected = points({ node1: 1 })
    expect(points('node1')).toEqual(expected)
    expect(points(['node1'])).toEqual(expected)
    expect(points({
      node1: { weight: 1 },
    })).toEqual(expected)
    expect(points(new Map([
      [
        'node1',
        { weight: 1, hostname: 'h', port: 11211 },
      ],
    ]))).toEqual(expected)
    expect(() => new HashRing({ node1: 'fail' as never })).toThrow(/ValueError/)
  })

  it('builds the same ring node by node as all at once (test_ring_growth_*)', () => {
    for (const hashFn of ['md5', 'ketama'] as const) {
      const ring = new HashRing({ node1: 1, node2: 1, node3: 1 }, { hashFn })
      const grown = new HashRing([], { hashFn })
      for (const name of ring.getNodes())
        grown.addNode(name)
      expect(grown.getPoints()).toEqual(ring.getPoints())
      expect(grown.distribution()).toEqual(ring.distribution())
    }
  })

  it('empties completely when every node leaves (test_ketama_ring_shrink_collision)', () => {
    const nodes = ['172.31.1.0', '172.31.1.125', '172.31.1.202']
    const ring = new HashRing(nodes, { hashFn: 'ketama' })
    ring.removeNode(nodes[1])
    ring.removeNode(nodes[2])
    ring.removeNode(nodes[0])
    expect(ring.size).toBe(0)
    expect(ring.getNode('anything')).toBeUndefined()
  })
})

describe('uhashring behaviour', () => {
  it('names point i of a node "<name>-<i>" and multiplies the count by the weight', () => {
    const ring = new HashRing({
      a: 2,
      b: { weight: 1, vnodes: 3 },
    })
    const positions = new Set(ring.getPoints().map(([point]) => point))
    expect(ring.distribution()).toEqual(new Map([
      ['a', 320],
      ['b', 3],
    ]))
    expect(positions.has(md5Int('a-319'))).toBe(true)
    expect(positions.has(md5Int('a-320'))).toBe(false)
    expect(positions.has(md5Int('b-2'))).toBe(true)
    expect(positions.has(md5Int('b-3'))).toBe(false)
  })

  it('sends a key sitting exactly on a point to the next point, and past the last point to the first', () => {
    const ring = new HashRing(['a', 'b', 'c'])
    const points = ring.getPoints()
    // "a-7" hashes onto one of a's points: a strict bisect must skip it.
    const at = points.findIndex(([point]) => point === md5Int('a-7'))
    expect(ring.getServer('a-7')).toEqual(points[(at + 1) % points.length])
    const last = points.at(-1)!
    let i = 0
    while (ring.hashi(`key-${i}`) <= last[0])
      i++
    expect(ring.getServer(`key-${i}`)).toEqual(points[0])
  })

  it('keeps the old points when a node is re-added with a smaller weight in md5 mode, like MetaRing', () => {
    const ring = new HashRing({ a: 2, b: 1 })
    ring.addNode('a', 1)
    expect(ring.getPoints().filter(([, node]) => node === 'a')).toHaveLength(320)
  })

  it('derives ketama point counts from the weight share, floored', () => {
    const ring = new HashRing({ a: 1, b: 1, c: 2 }, { hashFn: 'ketama' })
    // 40 digests * 3 nodes * weight / 4, times 4 replicas
    expect(ring.distribution()).toEqual(new Map([
      ['a', 30 * 4],
      ['b', 30 * 4],
      ['c', 60 * 4],
    ]))
    expect(new HashRing({ a: 1, b: 1 }, { hashFn: 'ketama', replicas: 2 }).size).toBe(2 * 40 * 2)
  })

  it('finds the same owner as a linear scan, in both modes', () => {
    const rings = [
      new HashRing(nodeNames(5), { vnodes: 7 }),
      new HashRing(nodeNames(5), { hashFn: 'ketama', vnodes: 3 }),
    ]
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (key) => {
      for (const ring of rings)
        expect(ring.getNode(key)).toBe(ownerByScan(ring, key))
    }), { numRuns: 300 })
  })
})

describe('keys as UTF-8', () => {
  const nodeMd5 = (key: string) => BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`)

  it('hashes the empty key, NUL, emoji and long keys as their UTF-8 bytes', () => {
    // RFC 1321 test suite: MD5("") = d41d8cd98f00b204e9800998ecf8427e
    expect(md5Int('')).toBe(0xD41D8CD98F00B204E9800998ECF8427En)
    for (const key of [
      '\0',
      'a\0b',
      '🦄',
      'Zürich',
      'x'.repeat(100_000),
    ])
      expect(md5Int(key)).toBe(nodeMd5(key))
    expect(new HashRing(['a', 'b']).getNode('🦄')).toMatch(/^[ab]$/)
  })

  it('agrees with Node\'s own md5 on any well-formed string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 64 }), key => md5Int(key) === nodeMd5(key)))
  })

  it('refuses a lone surrogate, which Python cannot encode either', () => {
    expect(() => md5Int('\uD83E')).toThrow(/surrogate/)
  })

  it('hashes an integer key as Python prints it, and refuses a fractional one, which Python would print otherwise', () => {
    expect(md5Int(42)).toBe(md5Int('42'))
    expect(md5Int(2n ** 70n)).toBe(nodeMd5(String(2n ** 70n)))
    expect(() => md5Int(1.5)).toThrow(new TypeError('key 1.5 is not an integer: Python would print it differently, pass a string'))
  })
})

describe('consistency properties', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `key-${i}`)

  it('moves about 1/(n+1) of the keys when a node joins, all onto the new node', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 12 }), fc.constantFrom<'md5' | 'ketama'>('md5', 'ketama'), (n, hashFn) => {
      const ring = new HashRing(nodeNames(n), { hashFn })
      const before = keys.map(key => ring.getNode(key))
      ring.addNode('newcomer')
      const moved = keys.filter((key, i) => ring.getNode(key) !== before[i])
      for (const key of moved)
        expect(ring.getNode(key)).toBe('newcomer')
      const share = moved.length / keys.length
      expect(share).toBeGreaterThan(0.5 / (n + 1))
      expect(share).toBeLessThan(1.6 / (n + 1))
    }), { numRuns: 12 })
  })

  it('moves only the keys of a node that leaves', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.constantFrom<'md5' | 'ketama'>('md5', 'ketama'), (n, pick, hashFn) => {
      const names = nodeNames(n)
      const leaving = names[pick % n]
      const ring = new HashRing(names, { hashFn })
      const before = keys.map(key => ring.getNode(key))
      ring.removeNode(leaving)
      keys.forEach((key, i) => {
        if (before[i] !== leaving)
          expect(ring.getNode(key)).toBe(before[i])
        else
          expect(ring.getNode(key)).not.toBe(leaving)
      })
    }), { numRuns: 12 })
  })
})

describe('configuration and its errors', () => {
  it('says which hash function and which node configuration it refuses', () => {
    expect(() => new HashRing([], { hashFn: 'sha1' as 'md5' })).toThrow(new TypeError('hashFn must be \'md5\' or \'ketama\', got sha1'))
    expect(() => new HashRing({ a: { weight: 1.5 } })).toThrow(new TypeError('node a: weight and vnodes must be integers'))
    expect(() => new HashRing({ a: { vnodes: 2.5 } })).toThrow(new TypeError('node a: weight and vnodes must be integers'))
    expect(() => new HashRing({ a: { weight: '2' } } as unknown as Nodes)).toThrow('node a: weight and vnodes must be integers')
    expect(() => new HashRing({ a: 1.5 })).toThrow('ValueError: node configuration should be a dict or an int, got number')
    expect(() => new HashRing({ a: 0, b: 0 }, { hashFn: 'ketama' })).toThrow(new RangeError('ZeroDivisionError: the nodes\' weights add up to 0'))
    const ring = new HashRing(['a', 'b'])
    expect(() => ring.removeNode('c')).toThrow('KeyError: node \'c\' not found, available nodes: a, b')
  })

  it('knows its hash space, and has no point and no owner when empty', () => {
    expect(new HashRing().space).toBe(2n ** 128n)
    expect(new HashRing([], { hashFn: 'ketama' }).space).toBe(2n ** 32n)
    const empty = new HashRing()
    expect(empty.getPoints()).toEqual([])
    expect(empty.getServer('key')).toBeUndefined()
    expect(empty.getNodeConf('key')).toBeUndefined()
  })

  it('gives the configuration of the node owning a key, and of a node by name', () => {
    // Fields uhashring does not know are dropped.
    const ring = new HashRing({ a: { hostname: '10.0.0.1', port: 11211, color: 'red' }, b: 2 })
    const owner = ring.getNode('key')!
    expect(ring.getNodeConf('key')).toBe(ring.getConf(owner))
    expect(ring.getConf('a')).toEqual({ hostname: '10.0.0.1', instance: null, nodename: 'a', port: 11211, vnodes: 160, weight: 1 })
    expect(ring.getConf('b')).toMatchObject({ hostname: 'b', weight: 2 })
    expect(ring.getConf('c')).toBeUndefined()
  })

  it('adds points only when the weight, vnodes or name of a node changes', () => {
    const ring = new HashRing({ a: { vnodes: 10 } })
    const points = () => ring.distribution().get('a')
    // Each rebuild counts a node's points again, as uhashring's Counter does: a no-op must not rebuild.
    ring.addNode('a', { vnodes: 10, hostname: 'elsewhere', port: 1 })
    expect(points()).toBe(10)
    expect(ring.getConf('a')!.hostname).toBe('elsewhere')
    ring.addNode('a', { vnodes: 10, weight: 1 })
    expect(points()).toBe(10)
    ring.addNode('a', { vnodes: 12 })
    expect(points()).toBe(22)
    expect(ring.size).toBe(12)
    ring.addNode('a', { vnodes: 12, nodename: 'alias' })
    expect(points()).toBe(34)
    ring.addNode('a', { vnodes: 12, weight: 2 })
    expect(ring.size).toBe(24)
    // A bare weight resets vnodes to the default, but only a new weight counts as a change (as in uhashring).
    ring.addNode('a', 2)
    expect(ring.size).toBe(24)
    expect(ring.getConf('a')!.vnodes).toBe(160)
    ring.addNode('a', 3)
    expect(ring.size).toBe(160 * 3)
  })

  it('removes every point of a weighted node, and its count', () => {
    const ring = new HashRing({ a: 2, b: { vnodes: 5, weight: 3 } })
    ring.removeNode('b')
    expect(ring.size).toBe(320)
    expect(ring.getPoints().every(([, node]) => node === 'a')).toBe(true)
    expect(ring.distribution()).toEqual(new Map([['a', 320]]))
    const ketama = new HashRing({ a: 1, b: 1, c: 1 }, { hashFn: 'ketama' })
    ketama.removeNode('c')
    expect(ketama.distribution()).toEqual(new HashRing({ a: 1, b: 1 }, { hashFn: 'ketama' }).distribution())
  })

  it('floors a ketama share that the weights do not divide', () => {
    // 40 * 2 nodes * weight / 3: 26.7 digests for a, 53.3 for b, 4 points each
    expect(new HashRing({ a: 1, b: 2 }, { hashFn: 'ketama' }).distribution()).toEqual(new Map([['a', 26 * 4], ['b', 53 * 4]]))
  })
})
