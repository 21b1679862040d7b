import { md5Uint64 } from './hashing'

// A model of CPython 3.6's compact dict (Objects/dictobject.c, bpo-27350): a sparse
// table of small signed integers (dk_indices) pointing into a dense array of
// (hash, key, value) entries kept in insertion order (dk_entries).
//
// Memory model, 64-bit build, headers left out on both sides:
// - pre-3.6 layout: every slot of the table holds a whole entry, 3 words = 24 bytes;
// - compact layout: every slot holds a 1, 2, 4 or 8-byte index, and entries take 24 bytes.
//   `compactUsed` counts the entries written so far (Raymond Hettinger's accounting in his
//   2012 python-dev proposal: 3 keys, 8 slots -> 192 bytes before, 8 + 3 * 24 = 80 after);
//   `compactAllocated` counts what CPython 3.6 allocates: 2/3 of the table in entries.
// Both layouts are assumed to have the same number of slots: 3.5 used the same 2/3 load
// and growth rule.

export const EMPTY = -1
export const DUMMY = -2
const MIN_SIZE = 8
const PERTURB_SHIFT = 5n
const ENTRY_BYTES = 24

export interface Entry<K, V> {
  hash: bigint
  key: K
  value: V
}

export interface DictMemory {
  slots: number
  indexBytes: number
  entries: number
  legacy: number
  compactUsed: number
  compactAllocated: number
}

/** CPython's hash() of an int below 2^61 - 1 is the int itself, except -1 which is reserved. */
export function pyIntHash(n: number | bigint): bigint {
  const value = BigInt(n)
  return value === -1n ? -2n : value
}

/**
 * A stand-in for str hashes: CPython salts them per process (PYTHONHASHSEED), so any
 * fixed 64-bit hash is as good for showing the layout. Here: md5's first 8 bytes, signed.
 */
export function stableStrHash(key: string): bigint {
  return BigInt.asIntN(64, md5Uint64(key))
}

const usableFraction = (size: number) => Math.floor((size << 1) / 3)
// DK_IXSIZE: int8 up to 0xff slots, int16 up to 0xffff, then int32 and int64.
export const indexBytes = (size: number) => size <= 0xFF ? 1 : size <= 0xFFFF ? 2 : size <= 0xFFFFFFFF ? 4 : 8

function newIndices(size: number): Int8Array | Int16Array | Int32Array {
  const bytes = indexBytes(size)
  const table = bytes === 1 ? new Int8Array(size) : bytes === 2 ? new Int16Array(size) : new Int32Array(size)
  return table.fill(EMPTY)
}

// #region probe
/** The slots visited for a hash: hash & mask, then CPython's perturbed recurrence. */
export function* probe(hash: bigint, size: number): Generator<number> {
  const mask = BigInt(size - 1)
  let perturb = BigInt.asUintN(64, hash) // size_t: a negative hash is read unsigned
  // #region probeLoop
  let i = perturb & mask
  while (true) {
    yield Number(i)
    perturb >>= PERTURB_SHIFT
    i = (i * 5n + perturb + 1n) & mask
  }
  // #endregion probeLoop
}
// #endregion probe

export class CompactDict<K extends string | number | bigint, V> {
  // #region layout
  private indices: Int8Array | Int16Array | Int32Array = newIndices(MIN_SIZE)
  private entries: (Entry<K, V> | undefined)[] = [] // dense, in insertion order
  private usable = usableFraction(MIN_SIZE) // entries left before a resize
  private used = 0 // live keys
  // #endregion layout

  constructor(private readonly hashOf: (key: K) => bigint = defaultHash) {}

  get size(): number {
    return this.used
  }

  get tableSize(): number {
    return this.indices.length
  }

  get(key: K): V | undefined {
    const { ix } = this.lookup(key, this.hashOf(key))
    return ix >= 0 ? this.entries[ix]!.value : undefined
  }

  has(key: K): boolean {
    return this.lookup(key, this.hashOf(key)).ix >= 0
  }

  // #region insert
  set(key: K, value: V): this {
    const hash = this.hashOf(key)
    let { ix, slot } = this.lookup(key, hash)
    if (ix >= 0) {
      this.entries[ix]!.value = value
      return this
    }
    // #region insertNew
    if (this.usable <= 0) {
      // GROWTH_RATE: used * 2 + size / 2, rounded up to a power of two
      this.resize(this.used * 2 + (this.tableSize >> 1))
      slot = this.findEmptySlot(hash)
    }
    this.indices[slot] = this.entries.length
    this.entries.push({ hash, key, value })
    this.used++
    this.usable--
    return this
    // #endregion insertNew
  }
  // #endregion insert

  /** Deletion leaves a DUMMY in the table (probe chains go through it) and a hole in the entries. */
  delete(key: K): boolean {
    const { ix, slot } = this.lookup(key, this.hashOf(key))
    if (ix < 0)
      return false
    this.indices[slot] = DUMMY
    this.entries[ix] = undefined
    this.used--
    return true
  }

  keys(): K[] {
    return this.live().map(entry => entry.key)
  }

  items(): [K, V][] {
    return this.live().map(entry => [entry.key, entry.value])
  }

  /** The sparse table as it is: entry indices, EMPTY (-1) or DUMMY (-2). */
  indexTable(): number[] {
    return [...this.indices]
  }

  /** The dense entries, holes (deleted keys) included. */
  entryTable(): (Entry<K, V> | undefined)[] {
    return [...this.entries]
  }

  /** What the same table looks like in the pre-3.6 layout: each slot holds its entry. */
  legacyTable(): (Entry<K, V> | undefined)[] {
    return this.indexTable().map(ix => ix >= 0 ? this.entries[ix] : undefined)
  }

  // #region memory
  memory(): DictMemory {
    const slots = this.tableSize
    const bytes = indexBytes(slots)
    return {
      slots,
      indexBytes: bytes,
      entries: this.entries.length,
      legacy: slots * ENTRY_BYTES,
      compactUsed: slots * bytes + this.entries.length * ENTRY_BYTES,
      compactAllocated: slots * bytes + usableFraction(slots) * ENTRY_BYTES,
    }
  }
  // #endregion memory

  private live(): Entry<K, V>[] {
    return this.entries.filter((entry): entry is Entry<K, V> => entry !== undefined)
  }

  // lookdict(): the entry index of the key (or EMPTY), and the slot an insert would use,
  // which is the first DUMMY met on the way if there was one.
  private lookup(key: K, hash: bigint): { ix: number, slot: number } {
    let freeSlot = -1
    for (const slot of probe(hash, this.tableSize)) {
      const ix = this.indices[slot]
      if (ix === EMPTY)
        return { ix: EMPTY, slot: freeSlot >= 0 ? freeSlot : slot }
      if (ix === DUMMY) {
        if (freeSlot < 0)
          freeSlot = slot
        continue
      }
      const entry = this.entries[ix]!
      if (entry.hash === hash && entry.key === key)
        return { ix, slot }
    }
    throw new Error('unreachable: the table always has an EMPTY slot')
  }

  private findEmptySlot(hash: bigint): number {
    for (const slot of probe(hash, this.tableSize)) {
      if (this.indices[slot] === EMPTY)
        return slot
    }
    throw new Error('unreachable: the table always has an EMPTY slot')
  }

  // dictresize(): the smallest power of two >= minSize (at least 8); live entries are
  // compacted in order, so deleted keys' holes and DUMMY slots disappear.
  private resize(minSize: number): void {
    let size = MIN_SIZE
    while (size < minSize)
      size <<= 1
    const live = this.live()
    this.indices = newIndices(size)
    this.entries = []
    for (const entry of live) {
      this.indices[this.findEmptySlot(entry.hash)] = this.entries.length
      this.entries.push(entry)
    }
    this.usable = usableFraction(size) - live.length
  }
}

function defaultHash(key: string | number | bigint): bigint {
  return typeof key === 'string' ? stableStrHash(key) : pyIntHash(key)
}

// Hettinger's example: the hashes his python-dev post printed for these three keys.
export const HETTINGER_HASHES: Record<string, bigint> = {
  timmy: -9092791511155847987n,
  barry: -8522787127447073495n,
  guido: -6480567542315338377n,
}

export function hettingerExample(): CompactDict<string, string> {
  return new CompactDict<string, string>(key => HETTINGER_HASHES[key])
    .set('timmy', 'red')
    .set('barry', 'green')
    .set('guido', 'blue')
}

// #region main
export default async function main(): Promise<void> {
  const d = hettingerExample()
  const { legacy, compactUsed } = d.memory()
  const indices = d.indexTable().map(ix => ix === EMPTY ? '-' : ix)
  console.log('indices:', indices.join(' '))
  console.log('entries:', d.keys().join(', '))
  console.log(`3 keys: ${legacy} bytes before 3.6, ${compactUsed} compact`)
  console.table([3, 5, 6, 11, 85, 86, 1000].map((n) => {
    const ints = new CompactDict<number, null>()
    for (let i = 0; i < n; i++)
      ints.set(i, null)
    const m = ints.memory()
    return {
      'int keys': n,
      'slots': m.slots,
      'index bytes': m.indexBytes,
      'pre-3.6': m.legacy,
      'compact, used': m.compactUsed,
      'compact, allocated': m.compactAllocated,
    }
  }))
}
// #endregion main
