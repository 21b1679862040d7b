import { md5 } from '@noble/hashes/legacy.js'

// Keys may be strings or integers, as Python's str(key) would print them.
export type Key = string | number | bigint

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const encoder = new TextEncoder()

/** UTF-8 bytes of a key, refusing what Python's str.encode('utf-8') would refuse. */
export function utf8(key: Key): Uint8Array {
  if (typeof key === 'number' && !Number.isInteger(key))
    throw new TypeError(`key ${key} is not an integer: Python would print it differently, pass a string`)
  const text = String(key)
  // TextEncoder would silently write U+FFFD where Python raises UnicodeEncodeError.
  if (LONE_SURROGATE.test(text))
    throw new TypeError('key contains a lone UTF-16 surrogate: it has no UTF-8 encoding')
  return encoder.encode(text)
}

export function md5Digest(key: Key): Uint8Array {
  return md5(utf8(key))
}

/** The digest read big-endian as one 128-bit integer: Python's int(md5(k).hexdigest(), 16). */
export function md5Int(key: Key): bigint {
  const view = new DataView(md5Digest(key).buffer)
  return (view.getBigUint64(0) << 64n) | view.getBigUint64(8)
}

/** The first 8 digest bytes, big-endian: a 64-bit key for jump hash and rendezvous weights. */
export function md5Uint64(key: Key): bigint {
  return new DataView(md5Digest(key).buffer).getBigUint64(0)
}

/** libketama's hash: 4 digest bytes from `replica * 4`, read little-endian. */
export function ketamaPoint(digest: Uint8Array, replica = 0): number {
  return new DataView(digest.buffer, digest.byteOffset).getUint32(replica * 4, true)
}
