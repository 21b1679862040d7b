// The partition-key token of Cassandra's and ScyllaDB's Murmur3Partitioner: the first
// 64 bits of MurmurHash3 x64 128 (seed 0), read as a signed Java long.
// BigInt keeps the 64-bit arithmetic exact; masks emulate Java's wrap-around.

const MASK = (1n << 64n) - 1n
const C1 = 0x87C37B91114253D5n
const C2 = 0x4CF5AD432745937Fn

export const MIN_TOKEN = -(1n << 63n)
export const MAX_TOKEN = (1n << 63n) - 1n

/** How the last (length % 16) bytes are read: Cassandra reads them as signed Java bytes. */
export type TailBytes = 'signed' | 'unsigned'

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK
}

function mul(a: bigint, b: bigint): bigint {
  return (a * b) & MASK
}

function fmix(k: bigint): bigint {
  k ^= k >> 33n
  k = mul(k, 0xFF51AFD7ED558CCDn)
  k ^= k >> 33n
  k = mul(k, 0xC4CEB9FE1A85EC53n)
  return k ^ (k >> 33n)
}

/** Eight bytes as an unsigned little-endian 64-bit block (the body is read correctly). */
function block(data: Uint8Array, offset: number): bigint {
  let k = 0n
  for (let i = 7; i >= 0; i--)
    k = (k << 8n) | BigInt(data[offset + i])
  return k
}

// #region quirk
/**
 * One tail byte shifted into place. Java's `(long) key.get(i)` sign-extends a byte
 * >= 0x80 to 0xFFFF…FF80: the extra one bits are XORed into the hash too. The reference
 * MurmurHash3 (C++) reads unsigned bytes, so its hashes differ for such tails.
 */
// #region quirk-code
function tailByte(byte: number, shift: number, tail: TailBytes): bigint {
  const value = tail === 'signed' && byte >= 0x80
    ? BigInt(byte - 256)
    : BigInt(byte)
  return (value << BigInt(shift)) & MASK
}
// #endregion quirk-code
// #endregion quirk

/** First 64 bits of MurmurHash3 x64 128 with seed 0, as a signed 64-bit integer. */
export function murmur3Hash64(data: Uint8Array, tail: TailBytes = 'signed'): bigint {
  const length = data.length
  const blocks = length >> 4
  let h1 = 0n
  let h2 = 0n

  for (let i = 0; i < blocks; i++) {
    let k1 = block(data, i * 16)
    let k2 = block(data, i * 16 + 8)
    k1 = mul(rotl(mul(k1, C1), 31n), C2)
    h1 = (mul((rotl(h1 ^ k1, 27n) + h2) & MASK, 5n) + 0x52DCE729n) & MASK
    k2 = mul(rotl(mul(k2, C2), 33n), C1)
    h2 = (mul((rotl(h2 ^ k2, 31n) + h1) & MASK, 5n) + 0x38495AB5n) & MASK
  }

  // Tail: bytes 8..14 go into k2, bytes 0..7 into k1, as the reference's fall-through switch.
  const offset = blocks * 16
  const rest = length & 15
  let k1 = 0n
  let k2 = 0n
  for (let i = rest - 1; i >= 8; i--)
    k2 ^= tailByte(data[offset + i], (i - 8) * 8, tail)
  if (rest > 8)
    h2 ^= mul(rotl(mul(k2, C2), 33n), C1)
  for (let i = Math.min(rest, 8) - 1; i >= 0; i--)
    k1 ^= tailByte(data[offset + i], i * 8, tail)
  if (rest > 0)
    h1 ^= mul(rotl(mul(k1, C1), 31n), C2)

  h1 ^= BigInt(length)
  h2 ^= BigInt(length)
  h1 = (h1 + h2) & MASK
  h2 = (h2 + h1) & MASK
  h1 = fmix(h1)
  h2 = fmix(h2)
  h1 = (h1 + h2) & MASK
  return BigInt.asIntN(64, h1)
}

// #region token
/**
 * The token Murmur3Partitioner.getToken gives a partition key (its serialized bytes).
 * The empty key is the ring's minimum, and no key may land on it: a hash equal to
 * MIN_TOKEN is moved to MAX_TOKEN, so the range (MIN, x] can select "everything up to x".
 */
// #region token-code
export function murmur3Token(key: Uint8Array): bigint {
  if (key.length === 0)
    return MIN_TOKEN
  const hash = murmur3Hash64(key)
  return hash === MIN_TOKEN
    ? MAX_TOKEN
    : hash
}
// #endregion token-code

/** A text partition key is serialized as its UTF-8 bytes. */
export function tokenOfText(key: string): bigint {
  return murmur3Token(new TextEncoder().encode(key))
}
// #endregion token

// #region main
export default async function main(): Promise<void> {
  // #region main-keys
  const keys = [
    '123',
    'partner-42',
    'user@example.com',
    'éèà',
  ]
  console.table(keys.map(key => ({
    key,
    token: tokenOfText(key).toString(),
  })))
  // #endregion main-keys

  // A tail byte >= 0x80 is where Cassandra's hash and the reference MurmurHash3 part ways.
  const bytes = new TextEncoder().encode('éèà')
  console.log(`signed tail (Cassandra):   ${murmur3Hash64(bytes, 'signed')}`)
  console.log(`unsigned tail (reference): ${murmur3Hash64(bytes, 'unsigned')}`)
}
// #endregion main
