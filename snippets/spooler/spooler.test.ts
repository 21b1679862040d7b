import type { Child } from '../testing/child'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runTs } from '../testing/child'
import { freePort } from '../testing/servers'
import { Spooler } from './spooler'
import { request, tcpStore } from './store-client'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const down = { incr: async () => {
  throw new Error('store down')
} }

describe('spooler against a store process that really dies', () => {
  let dir: string
  let port: number
  let store: Child | undefined
  const children: Child[] = []

  const startStore = async () => {
    store = runTs(here('./store-server.ts'), [String(port), join(dir, 'store.jsonl')])
    children.push(store)
    await store.waitFor(/^listening/)
  }
  const storeLog = async () => JSON.parse(await request(port, 'LOG')) as string[]
  const stats = async () => JSON.parse(await request(port, 'STATS')) as { applied: number, duplicates: number }
  const spooled = (spool: string) => readFileSync(join(spool, 'spool.jsonl'), 'utf8').split('\n').filter(Boolean).map(line => (JSON.parse(line) as { id: string }).id)

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talks-spooler-'))
    port = await freePort()
    await startStore()
  })
  afterEach(async () => {
    await Promise.all(children.splice(0).map(child => child.kill('SIGKILL')))
    rmSync(dir, { recursive: true, force: true })
  })

  it('spools while the store is down and replays everything in order when it is back', async () => {
    const spool = join(dir, 'spool')
    const spooler = new Spooler(spool, tcpStore(port))
    const results: string[] = []
    for (let i = 0; i < 3; i++)
      results.push(await spooler.write('hits'))
    await store!.kill('SIGKILL')
    for (let i = 0; i < 5; i++)
      results.push(await spooler.write('hits'))
    expect(results).toEqual(['stored', 'stored', 'stored', 'spooled', 'spooled', 'spooled', 'spooled', 'spooled'])
    const waiting = spooled(spool)
    expect(waiting).toHaveLength(5)
    // Replaying against a dead store keeps everything for later.
    await expect(spooler.replay()).rejects.toThrow(/store on 127\.0\.0\.1/)
    expect((await spooler.pending()).map(r => r.id)).toEqual(waiting)

    await startStore()
    // While records wait, a new write queues behind them instead of jumping ahead.
    expect(await spooler.write('hits')).toBe('spooled')
    const queued = spooled(spool)
    expect(await spooler.replay()).toBe(6)
    const log = await storeLog()
    expect(log).toHaveLength(9)
    expect(log.slice(3)).toEqual(queued)
    expect(await spooler.pending()).toEqual([])
    expect(await stats()).toEqual({ applied: 9, duplicates: 0 })
  })

  it('loses and duplicates nothing when the replaying process is SIGKILLed mid-replay', async () => {
    const spool = join(dir, 'spool')
    await store!.kill('SIGKILL')
    const spooler = new Spooler(spool, tcpStore(port))
    for (let i = 0; i < 40; i++)
      expect(await spooler.write('hits')).toBe('spooled')
    const ids = spooled(spool)
    await startStore()

    const first = runTs(here('./spooler-process.ts'), [spool, String(port), '15'])
    children.push(first)
    await first.waitFor(/^replayed 12$/)
    await first.kill('SIGKILL')
    const partial = await storeLog()
    expect(partial.length).toBeGreaterThanOrEqual(12)
    expect(partial.length).toBeLessThan(40)

    const second = runTs(here('./spooler-process.ts'), [spool, String(port)])
    children.push(second)
    await second.waitFor(/^replay done/)
    expect(await storeLog()).toEqual(ids)
    // At most the one record in flight at the kill is sent twice, and the store drops it.
    expect((await stats()).duplicates).toBeLessThanOrEqual(1)
    expect(await new Spooler(spool, tcpStore(port)).pending()).toEqual([])
  })

  // Where the replaying process dies, and how many records the store then has and sees twice.
  it.each([
    ['before-send', 1, 0, 0],
    ['acked', 1, 1, 1],
    ['acked', 4, 4, 1],
    ['progress-synced', 3, 3, 1],
    ['renamed', 2, 2, 0],
    ['marked', 5, 5, 0],
    ['acked', 6, 6, 1],
  ] as const)('loses and duplicates nothing when the replaying process dies at %s of record %i', async (step, no, applied, duplicates) => {
    const spool = join(dir, 'spool')
    const writer = new Spooler(spool, down)
    for (let i = 0; i < 6; i++)
      await writer.write('hits')
    const ids = spooled(spool)

    const crashing = runTs(here('./spooler-process.ts'), [spool, String(port), '0', `${step}@${no}`])
    children.push(crashing)
    const signal = crashing.process.signalCode ?? await new Promise(resolve => crashing.process.once('exit', (_code, signal) => resolve(signal)))
    expect(signal, crashing.output()).toBe('SIGKILL')
    expect(await storeLog()).toEqual(ids.slice(0, applied))

    const second = runTs(here('./spooler-process.ts'), [spool, String(port)])
    children.push(second)
    await second.waitFor(/^replay done/)
    expect(await storeLog()).toEqual(ids)
    expect(await stats()).toEqual({ applied: 6, duplicates })
    expect(await new Spooler(spool, tcpStore(port)).pending()).toEqual([])
  })

  it('does not apply a record twice when the crash falls between the store ack and the progress record', async () => {
    const spool = join(dir, 'spool')
    await store!.kill('SIGKILL')
    const writer = new Spooler(spool, tcpStore(port))
    for (let i = 0; i < 3; i++)
      await writer.write('hits')
    const ids = spooled(spool)
    await startStore()
    const real = tcpStore(port)
    // The second record reaches the store, then "the process dies" before recording progress.
    let sent = 0
    const crashing = { incr: async (id: string, counter: string) => {
      await real.incr(id, counter)
      if (++sent === 2)
        throw new Error('crashed after the ack')
    } }
    await expect(new Spooler(spool, crashing).replay()).rejects.toThrow('crashed after the ack')
    expect(await storeLog()).toEqual(ids.slice(0, 2))
    expect(await new Spooler(spool, real).replay()).toBe(2)
    expect(await storeLog()).toEqual(ids)
    expect(await stats()).toEqual({ applied: 3, duplicates: 1 })
  })
})
