import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jumpHash, jumpNode } from './jump'

describe('jumpHash', () => {
  it('matches the values dgryski/go-jump generated from the paper\'s reference C++ code (jump_test.go)', () => {
    const table: [bigint, number[]][] = [
      [
        0n,
        [
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
        ],
      ],
      [
        1n,
        [
          0,
          0,
          0,
          0,
          0,
          0,
          6,
          6,
          6,
          6,
          6,
          6,
          6,
          6,
          6,
          6,
          6,
          17,
          17,
        ],
      ],
      [
        0xDEADBEEFn,
        [
          0,
          1,
          2,
          3,
          3,
          5,
          5,
          5,
          5,
          5,
          5,
          5,
          5,
          5,
          5,
          5,
          16,
          16,
          16,
        ],
      ],
      [
        0x0DDC0FFEEBADF00Dn,
        [
          0,
          1,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          2,
          15,
          15,
          15,
          15,
        ],
      ],
    ]
    for (const [key, buckets] of table)
      expect(buckets.map((_, i) => jumpHash(key, i + 1))).toEqual(buckets)
  })

  it('matches Guava\'s cross-language golden values (HashingTest.testConsistentHash_linearCongruentialGeneratorCompatibility)', () => {
    const golden100 = [
      0,
      55,
      62,
      8,
      45,
      59,
      86,
      97,
      82,
      59,
      73,
      37,
      17,
      56,
      86,
      21,
      90,
      37,
      38,
      83,
    ]
    expect(golden100.map((_, i) => jumpHash(BigInt(i), 100))).toEqual(golden100)
    expect(jumpHash(10863919174838991n, 11)).toBe(6)
    expect(jumpHash(2016238256797177309n, 11)).toBe(3)
    expect(jumpHash(1673758223894951030n, 11)).toBe(5)
    expect(jumpHash(2n, 100001)).toBe(80343)
    expect(jumpHash(2201n, 100001)).toBe(22152)
    expect(jumpHash(2202n, 100001)).toBe(15018)
  })

  it('matches lithammer/go-jump-consistent-hash\'s test vectors (jump_test.go)', () => {
    expect(jumpHash(1n, 1)).toBe(0)
    expect(jumpHash(42n, 57)).toBe(43)
    expect(jumpHash(0xDEAD10CCn, 1)).toBe(0)
    expect(jumpHash(0xDEAD10CCn, 666)).toBe(361)
    expect(jumpHash(256n, 1024)).toBe(520)
  })

  it('either keeps a key or moves it to the new last bucket when a bucket is added', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 5000 }), (key, n) => {
      const before = jumpHash(key, n)
      const after = jumpHash(key, n + 1)
      expect(before).toBeGreaterThanOrEqual(0)
      expect(before).toBeLessThan(n)
      expect([before, n]).toContain(after)
    }))
  })

  it('returns -1 for no bucket at all, as the paper\'s C++ code does (b starts at -1; jumpNode refuses that case)', () => {
    // Lamping & Veach, arXiv:1406.2294, figure 1: `int64_t b = -1, j = 0; while (j < num_buckets) {…} return b;`
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (key) => {
      expect(jumpHash(key, 0)).toBe(-1)
    }), { numRuns: 50 })
  })

  it('spreads string keys over numbered nodes', () => {
    const nodes = ['a', 'b', 'c', 'd']
    const counts = new Map<string, number>()
    for (let i = 0; i < 4000; i++) {
      const node = jumpNode(`key-${i}`, nodes)
      counts.set(node, (counts.get(node) ?? 0) + 1)
    }
    expect([
      ...counts.keys(),
    ].sort()).toEqual(nodes)
    for (const count of counts.values())
      expect(Math.abs(count - 1000)).toBeLessThan(150)
  })
})
