import type { SpoolRecord } from './spooler'
import type { Store } from './store-client'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Spooler } from './spooler'

/** A store in this process that dedups on the record id, as the real one does; `up` switches it. */
function memoryStore() {
  const applied: SpoolRecord[] = []
  const store = {
    up: true,
    /** Fails every call after this many more succeed. */
    failAfter: Number.POSITIVE_INFINITY,
    applied,
    async incr(id: string, counter: string) {
      if (!store.up || store.failAfter-- <= 0)
        throw new Error('store down')
      if (!applied.some(record => record.id === id))
        applied.push({ id, counter })
    },
  } satisfies Store & Record<string, unknown>
  return store
}

describe('the spooler in one process', () => {
  let dir: string
  let spool: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talks-spooler-'))
    spool = join(dir, 'spool')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const spoolLines = () => readFileSync(join(spool, 'spool.jsonl'), 'utf8').split('\n').filter(Boolean)

  it('writes straight to the store when nothing waits, and touches no disk', async () => {
    const store = memoryStore()
    const spooler = new Spooler(spool, store)
    expect(await spooler.write('hits')).toBe('stored')
    expect(store.applied.map(record => record.counter)).toEqual(['hits'])
    expect(existsSync(spool)).toBe(false)
    expect(await spooler.pending()).toEqual([])
  })

  it('queues behind the spool even once the store is back, so writes stay in order', async () => {
    const store = memoryStore()
    const spooler = new Spooler(spool, store)
    store.up = false
    expect(await spooler.write('a')).toBe('spooled')
    store.up = true
    expect(await spooler.write('b')).toBe('spooled')
    expect(store.applied).toEqual([])
    expect((await spooler.pending()).map(record => record.counter)).toEqual(['a', 'b'])
    const [a, b] = spoolLines().map(line => JSON.parse(line) as SpoolRecord)
    expect(a.id).not.toBe(b.id)
    expect(await spooler.replay()).toBe(2)
    expect(store.applied.map(record => record.counter)).toEqual(['a', 'b'])
    expect(await spooler.write('c')).toBe('stored')
  })

  it('stops a replay at the first failure, records how far it got, and resumes from there', async () => {
    const store = memoryStore()
    store.up = false
    const spooler = new Spooler(spool, store)
    for (const counter of ['a', 'b', 'c', 'd'])
      await spooler.write(counter)
    const ids = spoolLines().map(line => (JSON.parse(line) as SpoolRecord).id)
    store.up = true
    store.failAfter = 2
    const replayed: string[] = []
    const replaying = new Spooler(spool, store, record => replayed.push(record.counter))
    await expect(replaying.replay()).rejects.toThrow('store down')
    expect(replayed).toEqual(['a', 'b'])
    expect(readFileSync(join(spool, 'replayed'), 'utf8')).toBe(ids[1])
    expect(existsSync(join(spool, 'replayed.tmp'))).toBe(false)
    expect((await replaying.pending()).map(record => record.counter)).toEqual(['c', 'd'])
    store.failAfter = Number.POSITIVE_INFINITY
    expect(await replaying.replay()).toBe(2)
    expect(replayed).toEqual(['a', 'b', 'c', 'd'])
    expect(store.applied.map(record => record.counter)).toEqual(['a', 'b', 'c', 'd'])
    // Done: both files gone, and an empty replay says so.
    expect(existsSync(join(spool, 'spool.jsonl'))).toBe(false)
    expect(existsSync(join(spool, 'replayed'))).toBe(false)
    expect(await replaying.replay()).toBe(0)
  })

  it('skips a line torn by a crash mid-append, and starts over when the progress names no record', async () => {
    const store = memoryStore()
    store.up = false
    const spooler = new Spooler(spool, store)
    await spooler.write('a')
    appendFileSync(join(spool, 'spool.jsonl'), '{"id":"torn","coun')
    expect((await spooler.pending()).map(record => record.counter)).toEqual(['a'])
    // A progress id from a spool since truncated.
    writeFileSync(join(spool, 'replayed'), 'gone')
    expect((await spooler.pending()).map(record => record.counter)).toEqual(['a'])
    await spooler.write('b')
    expect((await spooler.pending()).map(record => record.counter)).toEqual(['a', 'b'])
  })

  it('keeps the spool while records remain, even after a replay that sent nothing', async () => {
    const store = memoryStore()
    store.up = false
    const spooler = new Spooler(spool, store)
    await spooler.write('a')
    await expect(spooler.replay()).rejects.toThrow('store down')
    expect(spoolLines()).toHaveLength(1)
    expect(existsSync(join(spool, 'replayed'))).toBe(false)
  })
})
