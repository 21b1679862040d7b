import { Buffer } from 'node:buffer'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printed } from '../testing/printed'
import main, { MAX_TOKEN, MIN_TOKEN, murmur3Hash64, murmur3Token, tokenOfText } from './murmur3-token'

// The DataStax Node.js driver's own token function, as it routes requests to replicas.
interface DriverTokenizer { hash: (value: Buffer) => { toString: () => string } }
const require = createRequire(import.meta.url)
const { Murmur3Tokenizer } = require('cassandra-driver/lib/tokenizer.js') as { Murmur3Tokenizer: new () => DriverTokenizer }

const driver = new Murmur3Tokenizer()
const driverHash = (bytes: Uint8Array): bigint => BigInt(driver.hash(Buffer.from(bytes)).toString())

/** A small deterministic generator, so a failure names a key that can be replayed. */
function xorshift(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
}

describe('murmur3Hash64 agrees with cassandra-driver', () => {
  it('on 6,000 random keys of every length from 0 to 99 bytes', () => {
    const random = xorshift(0xC0FFEE)
    let tried = 0
    let withHighTail = 0
    for (let round = 0; round < 60; round++) {
      for (let length = 0; length < 100; length++) {
        const key = Uint8Array.from({ length }, () => Math.floor(random() * 256))
        if (key.subarray(length - (length & 15)).some(byte => byte >= 0x80))
          withHighTail++
        expect(murmur3Hash64(key), `key ${Array.from(key).join(',')}`).toBe(driverHash(key))
        tried++
      }
    }
    expect(tried).toBe(6000)
    // The quirk only shows in tails holding a byte >= 0x80: make sure many were tried.
    expect(withHighTail).toBeGreaterThan(4000)
  })

  it('on keys made only of bytes >= 0x80 and on arbitrary UTF-8 text', () => {
    fc.assert(fc.property(fc.uint8Array({ min: 0x80, max: 0xFF, maxLength: 40 }), (key) => {
      expect(murmur3Hash64(key)).toBe(driverHash(key))
    }), { numRuns: 1000 })
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      const bytes = new TextEncoder().encode(text)
      expect(murmur3Hash64(bytes)).toBe(driverHash(bytes))
    }), { numRuns: 1000 })
  })
})

describe('murmur3Token matches published token values', () => {
  // From the DataStax Python driver's unit tests (datastax/python-driver,
  // tests/unit/test_metadata.py, Murmur3TokensTest._verify_hash).
  it.each([
    ['123', -7468325962851647638n],
    ['9223372036854775807', 7162290910810015547n],
  ])('text %s', (key, token) => {
    expect(tokenOfText(key)).toBe(token)
  })

  const repeat = (bytes: number[], times: number): number[] => Array.from<number[]>({ length: times }).fill(bytes).flat()
  it.each([
    [
      repeat([0x00, 0xFF, 0x10, 0xFA, 0x99], 10),
      5837342703291459765n,
    ],
    [
      repeat([0xFE], 8),
      -8927430733708461935n,
    ],
    [
      repeat([0x10], 8),
      1446172840243228796n,
    ],
  ])('python-driver bytes %j', (key, token) => {
    expect(murmur3Token(Uint8Array.from(key))).toBe(token)
  })

  // From the DataStax C# driver's unit tests (datastax/csharp-driver,
  // src/Cassandra.Tests/TokenTests.cs, MurmurHashTest: "inputs and result values from Cassandra").
  it.each([
    [
      [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
      ],
      -5563837382979743776n,
    ],
    [
      [
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
      ],
      -1513403162740402161n,
    ],
    [
      [
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        20,
        21,
        22,
      ],
      8228893370679682632n,
    ],
    [
      repeat([0], 16),
      5457549051747178710n,
    ],
    [
      repeat([255], 16),
      -2824192546314762522n,
    ],
    [
      [
        0,
        1,
        2,
        3,
        ...repeat([255], 12),
      ],
      6463632673159404390n,
    ],
    [
      repeat([254], 17),
      -1672437813826982685n,
    ],
    [
      repeat([254], 4),
      4566408979886474012n,
    ],
    [
      [0, 0, 0, 0],
      -3485513579396041028n,
    ],
    [
      [0, 1, 127, 127],
      6573459401642635627n,
    ],
    [
      [0, 255, 255, 255],
      123573637386978882n,
    ],
    [
      [255, 1, 2, 3],
      -2839127690952877842n,
    ],
    [
      [226, 231],
      -8582699461035929883n,
    ],
    [
      [226, 231, 226, 231, 226, 231, 1],
      2222373981930033306n,
    ],
  ])('csharp-driver bytes %j', (key, token) => {
    expect(murmur3Token(Uint8Array.from(key))).toBe(token)
  })
})

describe('the sign-extension quirk and the partitioner rules', () => {
  it('changes the hash only when a tail byte is >= 0x80', () => {
    const ascii = new TextEncoder().encode('partner-42')
    expect(murmur3Hash64(ascii, 'unsigned')).toBe(murmur3Hash64(ascii, 'signed'))
    const high = Uint8Array.from([226, 231])
    expect(murmur3Hash64(high, 'unsigned')).not.toBe(murmur3Hash64(high, 'signed'))
    // 16 high bytes fill one block and leave no tail: both readings agree.
    const fullBlock = Uint8Array.from(repeatByte(0xFF, 16))
    expect(murmur3Hash64(fullBlock, 'unsigned')).toBe(murmur3Hash64(fullBlock, 'signed'))
  })

  it('gives the empty key the minimum token, where the driver hashes it to 0', () => {
    expect(murmur3Token(new Uint8Array())).toBe(MIN_TOKEN)
    expect(driverHash(new Uint8Array())).toBe(0n)
  })

  it('always returns a signed 64-bit value other than the minimum', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (key) => {
      const token = murmur3Token(key)
      expect(token > MIN_TOKEN && token <= MAX_TOKEN).toBe(true)
    }), { numRuns: 500 })
  })
})

describe('the demo', () => {
  it('prints each key\'s token as the driver computes it, then the two readings of a high tail', async () => {
    const { lines, tables } = await printed(main)
    const utf8 = (text: string) => new TextEncoder().encode(text)
    const keys = ['123', 'partner-42', 'user@example.com', 'éèà']
    expect(tables).toEqual([keys.map(key => ({ key, token: driverHash(utf8(key)).toString() }))])
    expect(tables[0][0]).toEqual({ key: '123', token: '-7468325962851647638' })
    const unsigned = murmur3Hash64(utf8('éèà'), 'unsigned')
    expect(unsigned).not.toBe(driverHash(utf8('éèà')))
    expect(lines).toEqual([
      `signed tail (Cassandra):   ${driverHash(utf8('éèà'))}`,
      `unsigned tail (reference): ${unsigned}`,
    ])
  })
})

function repeatByte(byte: number, times: number): number[] {
  return Array.from<number>({ length: times }).fill(byte)
}
