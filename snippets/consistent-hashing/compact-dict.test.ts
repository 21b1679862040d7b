import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printed } from '../testing/printed'
import main, { CompactDict, DUMMY, EMPTY, hettingerExample, indexBytes, probe, pyIntHash, stableStrHash } from './compact-dict'

function take(iterable: Iterable<number>, n: number) {
  const out: number[] = []
  for (const x of iterable) {
    out.push(x)
    if (out.length === n)
      break
  }
  return out
}

function intDict(n: number) {
  const d = new CompactDict<number, number>()
  for (let i = 0; i < n; i++)
    d.set(i, i * i)
  return d
}

describe('the example of Hettinger (python-dev, "More compact dictionaries with faster iteration", Dec 2012)', () => {
  // Built inside each test, not once for the block: what a test runs is what it checks.
  it('lays out timmy, barry and guido as his post drew them', () => {
    const d = hettingerExample()
    // indices = [None, 1, None, None, None, 0, None, 2]
    expect(d.indexTable()).toEqual([EMPTY, 1, EMPTY, EMPTY, EMPTY, 0, EMPTY, 2])
    expect(d.keys()).toEqual(['timmy', 'barry', 'guido'])
    expect(d.items()).toEqual([['timmy', 'red'], ['barry', 'green'], ['guido', 'blue']])
    // the old layout: barry in slot 1, timmy in slot 5, guido in slot 7
    expect(d.legacyTable().map(entry => entry?.key)).toEqual([undefined, 'barry', undefined, undefined, undefined, 'timmy', undefined, 'guido'])
  })

  it('takes 192 bytes in the old layout and 80 in the compact one', () => {
    const d = hettingerExample()
    expect(d.memory()).toMatchObject({ slots: 8, indexBytes: 1, legacy: 192, compactUsed: 80, compactAllocated: 8 + 5 * 24 })
  })
})

describe('probing', () => {
  it('visits 0 1 6 7 4 5 2 3 in an 8-slot table once perturb is 0 (the order dictobject.c documents)', () => {
    expect(take(probe(0n, 8), 9)).toEqual([0, 1, 6, 7, 4, 5, 2, 3, 0])
  })

  it('mixes in the high bits of the hash through perturb, read unsigned', () => {
    // 32 >> 5 = 1: 0 -> 0*5 + 1 + 1 = 2
    expect(take(probe(32n, 8), 2)).toEqual([0, 2])
    // -1 is 2^64 - 1 as size_t: slot 7, then (35 + (2^59 - 1) + 1) & 7 = 3
    expect(take(probe(-1n, 8), 2)).toEqual([7, 3])
  })

  it('places colliding int keys along the probe sequence', () => {
    const d = new CompactDict<number, string>()
    d.set(0, 'a').set(8, 'b').set(16, 'c')
    expect(d.indexTable()).toEqual([0, 1, EMPTY, EMPTY, EMPTY, EMPTY, 2, EMPTY])
  })

  it('hashes ints like CPython, where hash(-1) is -2', () => {
    expect(pyIntHash(42)).toBe(42n)
    expect(pyIntHash(-1)).toBe(-2n)
  })

  it('hashes strings by default with md5\'s first 8 bytes read as a signed big-endian integer, ints as CPython does', () => {
    const md5Signed = (key: string) => createHash('md5').update(key, 'utf8').digest().readBigInt64BE(0)
    const strings = new CompactDict<string, number>().set('timmy', 1).set('barry', 2).set('guido', 3)
    expect(strings.entryTable().map(entry => entry?.hash)).toEqual(['timmy', 'barry', 'guido'].map(md5Signed))
    expect(['timmy', 'barry', 'guido'].map(stableStrHash)).toEqual(['timmy', 'barry', 'guido'].map(md5Signed))
    // At least one of them is negative: the signed reading is the one in use.
    expect(['timmy', 'barry', 'guido'].some(key => md5Signed(key) < 0n)).toBe(true)
    const ints = new CompactDict<number, number>().set(-1, 1).set(7, 2)
    expect(ints.entryTable().map(entry => entry?.hash)).toEqual([pyIntHash(-1), pyIntHash(7)])
  })

  it('keeps apart keys whose hashes collide, like -1 and -2 in CPython', () => {
    expect(pyIntHash(-1)).toBe(pyIntHash(-2))
    const d = new CompactDict<number, string>().set(-1, 'minus one').set(-2, 'minus two')
    expect(d.items()).toEqual([[-1, 'minus one'], [-2, 'minus two']])
    expect([d.has(-1), d.has(-2), d.has(-3)]).toEqual([true, true, false])
    const constant = new CompactDict<string, number>(() => 7n)
    const keys = ['a', 'b', 'c', 'd']
    keys.forEach((key, i) => constant.set(key, i))
    expect(keys.map(key => constant.get(key))).toEqual(keys.map((_, i) => i))
    expect(constant.size).toBe(keys.length)
  })
})

describe('deletion and resizing', () => {
  it('leaves a DUMMY that keeps later keys of the chain reachable, and reuses it', () => {
    const d = new CompactDict<number, string>()
    d.set(0, 'a').set(8, 'b').set(16, 'c')
    expect(d.delete(8)).toBe(true)
    expect(d.indexTable()[1]).toBe(DUMMY)
    expect(d.get(16)).toBe('c')
    expect(d.has(8)).toBe(false)
    d.set(24, 'd')
    expect(d.indexTable()[1]).toBe(3)
    expect(d.keys()).toEqual([0, 16, 24])
    expect(d.entryTable()[1]).toBeUndefined()
  })

  it('reuses the first DUMMY of the probe sequence when several lie on it', () => {
    const d = new CompactDict<number, string>()
    d.set(0, 'a').set(8, 'b').set(16, 'c').set(24, 'd')
    d.delete(0)
    d.delete(16)
    const before = d.indexTable()
    const dummies = take(probe(pyIntHash(16), 8), 8).filter(slot => before[slot] === DUMMY)
    expect(dummies).toHaveLength(2)
    d.set(16, 'e')
    const after = d.indexTable()
    expect(after[dummies[0]]).toBe(d.entryTable().length - 1)
    expect(after[dummies[1]]).toBe(DUMMY)
  })

  it('keeps 8 slots when a resize asks for exactly 8 (used*2 + size/2 with 2 live keys)', () => {
    const d = intDict(5)
    for (const key of [0, 1, 2])
      d.delete(key)
    const used = d.size
    d.set(99, 0) // the table holds 5 entries, 3 of them holes: this insert resizes
    const minSize = used * 2 + 8 / 2
    expect(minSize).toBe(8)
    expect(d.tableSize).toBe(minSize)
    expect(d.entryTable()).toHaveLength(3)
    expect(d.keys()).toEqual([3, 4, 99])
  })

  it('grows 8 -> 16 slots on the 6th key (2/3 load, growth used*2 + size/2)', () => {
    expect(intDict(5).tableSize).toBe(8)
    expect(intDict(6).tableSize).toBe(16)
  })

  it('does not give back a deleted entry\'s room until the next resize compacts the entries', () => {
    const d = intDict(5)
    d.delete(2)
    d.set(99, 0)
    // used was 4 when the table was full: 4*2 + 8/2 = 12 -> 16 slots, 5 live entries, no hole
    expect(d.tableSize).toBe(16)
    expect(d.entryTable()).toHaveLength(5)
    expect(d.keys()).toEqual([0, 1, 3, 4, 99])
  })

  it('switches to 2-byte indices above 255 slots', () => {
    expect(indexBytes(128)).toBe(1)
    expect(indexBytes(256)).toBe(2)
    expect(indexBytes(65536)).toBe(4)
    // int32 up to 0xffffffff slots, int64 above
    expect(indexBytes(2 ** 31)).toBe(4)
    expect(indexBytes(2 ** 32)).toBe(8)
    // DK_IXSIZE's bounds are inclusive
    expect([0xFF, 0xFFFF, 0xFFFFFFFF].map(indexBytes)).toEqual([1, 2, 4])
    const d = intDict(86)
    expect(d.memory()).toMatchObject({ slots: 256, indexBytes: 2 })
  })

  it('stores entry numbers beyond what a narrower index could hold (int8 up to 127, int16 up to 32767)', () => {
    // 170 keys fill 256 slots (2/3), 40,000 fill 65,536: the indices hold up to 169 and 39,999.
    for (const n of [170, 40_000]) {
      const d = intDict(n)
      expect(d.tableSize).toBe(n === 170 ? 256 : 65_536)
      expect(Math.max(...d.indexTable())).toBe(n - 1)
      for (const key of [0, 127, 128, 169, 32_767, 32_768, n - 1].filter(key => key < n))
        expect(d.get(key)).toBe(key * key)
    }
  })

  it('behaves like a Map (values, insertion order) under any sequence of operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: -40, max: 40 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: -40, max: 40 }), value: fc.constant(0) }),
    )
    fc.assert(fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const d = new CompactDict<number, number>()
      const model = new Map<number, number>()
      for (const { kind, key, value } of ops) {
        if (kind === 'set') {
          d.set(key, value)
          model.set(key, value)
        }
        else {
          expect(d.delete(key)).toBe(model.delete(key))
        }
      }
      expect(d.items()).toEqual([...model])
      expect(d.size).toBe(model.size)
      for (let key = -40; key <= 40; key++) {
        expect(d.get(key)).toBe(model.get(key))
        expect(d.has(key)).toBe(model.has(key))
      }
    }))
  })
})

describe('the demo', () => {
  it('prints Hettinger\'s table, then what int keys cost in each layout', async () => {
    const { lines, tables } = await printed(main)
    expect(lines).toEqual([
      'indices: - 1 - - - 0 - 2',
      'entries: timmy, barry, guido',
      '3 keys: 192 bytes before 3.6, 80 compact',
    ])
    // CPython 3.6 keeps a table at most 2/3 full: the smallest power of two (>= 8) that holds n
    // keys that way; int8 indices up to 255 slots, int16 above.
    const slotsFor = (n: number) => {
      let slots = 8
      while (Math.floor(2 * slots / 3) < n)
        slots *= 2
      return slots
    }
    expect(tables).toEqual([[3, 5, 6, 11, 85, 86, 1000].map((n) => {
      const slots = slotsFor(n)
      const bytes = slots <= 255 ? 1 : 2
      return {
        'int keys': n,
        'slots': slots,
        'index bytes': bytes,
        'pre-3.6': slots * 24,
        'compact, used': slots * bytes + n * 24,
        'compact, allocated': slots * bytes + Math.floor(2 * slots / 3) * 24,
      }
    })])
    expect((tables[0] as { slots: number }[]).map(row => row.slots)).toEqual([8, 8, 16, 32, 128, 256, 2048])
  })
})
