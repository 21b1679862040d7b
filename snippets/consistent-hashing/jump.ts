import type { Key } from './hashing'
import { md5Uint64 } from './hashing'

const MASK_64 = (1n << 64n) - 1n

/**
 * Jump consistent hash (Lamping & Veach, Google, 2014, arXiv:1406.2294): the bucket
 * in 0..buckets-1 of a 64-bit key, with no memory and no table.
 */
// #region jump
export function jumpHash(key: bigint, buckets: number): number {
  let k = key & MASK_64
  let b = -1
  let j = 0
  while (j < buckets) {
    b = j
    k = (k * 2862933555777941757n + 1n) & MASK_64 // the paper's 64-bit LCG
    j = Math.floor((b + 1) * (2 ** 31 / Number((k >> 33n) + 1n)))
  }
  return b
}
// #endregion jump

/** Buckets are numbered: a key goes to nodes[jumpHash(md5 of the key, n)]. */
export function jumpNode<T>(key: Key, nodes: readonly T[]): T {
  if (!nodes.length)
    throw new RangeError('no nodes')
  return nodes[jumpHash(md5Uint64(key), nodes.length)]
}
