import type { Provider } from './registry'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectMemory, MemoryStore } from './memory'

const TTL = 3000
const web = (id: string): Provider => ({ service: 'web', id, address: `${id}:80` })

describe('in-memory registry', () => {
  let store: MemoryStore
  beforeEach(() => {
    vi.useFakeTimers()
    store = new MemoryStore('test', 100)
  })
  afterEach(() => {
    store.dispose()
    vi.useRealTimers()
  })

  it('lists what other clients registered, and shares config', async () => {
    const [a, b] = [
      connectMemory(store, { ttlMs: TTL }),
      connectMemory(store, { ttlMs: TTL }),
    ]
    await a.register(web('w2'))
    await a.register(web('w1'))
    expect(await b.providers('web')).toEqual([
      {
        ...web('w1'),
        health: 'passing',
      },
      {
        ...web('w2'),
        health: 'passing',
      },
    ])
    expect(await b.providers('db')).toEqual([])
    await b.setConfig('color', 'green')
    expect(await a.getConfig('color')).toBe('green')
    expect(await a.getConfig('missing')).toBeUndefined()
  })

  it('keeps a live provider forever thanks to its heartbeats', async () => {
    const a = connectMemory(store, { ttlMs: TTL })
    await a.register(web('w1'))
    await vi.advanceTimersByTimeAsync(10 * TTL)
    expect(await a.providers('web')).toEqual([
      {
        ...web('w1'),
        health: 'passing',
      },
    ])
  })

  it('turns a crashed provider red after half a TTL, then drops it at the TTL', async () => {
    const [provider, watcher] = [
      connectMemory(store, { ttlMs: TTL }),
      connectMemory(store, { ttlMs: TTL }),
    ]
    const timeline: [number, string][] = []
    const start = Date.now()
    await provider.register(web('w1'))
    await watcher.watch('web', list => timeline.push([
      Date.now() - start,
      list.map(p => `${p.id}:${p.health}`).join(','),
    ]))
    await vi.advanceTimersByTimeAsync(1000) // one heartbeat at 1000
    provider.crash()
    await vi.advanceTimersByTimeAsync(5000)
    // Last beat at 1000: red once 1500 ms of silence pass (sweep at 2600), gone at 4000.
    expect(timeline).toEqual([
      [0, 'w1:passing'],
      [2600, 'w1:critical'],
      [4000, ''],
    ])
  })

  it('removes a provider at once when it leaves on purpose', async () => {
    const a = connectMemory(store, { ttlMs: TTL })
    const seen: number[] = []
    await a.watch('web', list => seen.push(list.length))
    const registration = await a.register(web('w1'))
    await registration.deregister()
    expect(seen).toEqual([0, 1, 0])
  })

  it('registers again when its entry expired while it was alive (e.g. a long pause)', async () => {
    const a = connectMemory(store, { ttlMs: TTL })
    await a.register(web('w1'))
    store.remove(web('w1'))
    expect(await a.providers('web')).toEqual([])
    await vi.advanceTimersByTimeAsync(TTL / 3)
    expect((await a.providers('web')).map(p => p.id)).toEqual(['w1'])
  })
})

describe('memory store', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('turns red only past half a TTL of silence and drops at exactly one TTL, whatever the sweep period', () => {
    let now = 0
    const store = new MemoryStore('test', 100, () => now)
    const changes: string[] = []
    store.subscribe(service => changes.push(`${now} ${service}`))
    store.put(web('w1'), 1000)
    store.put({ service: 'db', id: 'd1', address: 'd1:5432' }, 4000)
    const health = () => store.list('web').map(p => p.health).join()
    now = 500
    store.sweep()
    expect(health()).toBe('passing')
    now = 501
    store.sweep()
    expect(health()).toBe('critical')
    store.sweep()
    now = 999
    store.sweep()
    expect(health()).toBe('critical')
    now = 1000
    store.sweep()
    expect(store.list('web')).toEqual([])
    expect(store.list('db').map(p => p.id)).toEqual(['d1'])
    expect(changes).toEqual(['0 web', '0 db', '501 web', '1000 web'])
    store.dispose()
  })

  it('turns a red provider green again on its next beat, and refuses the beat of one it dropped', () => {
    let now = 0
    const store = new MemoryStore('test', 100, () => now)
    const changes: number[] = []
    store.subscribe(() => changes.push(now))
    store.put(web('w1'), 1000)
    now = 600
    store.sweep()
    now = 700
    expect(store.beat(web('w1'))).toBe(true)
    expect(store.list('web')[0].health).toBe('passing')
    now = 1200
    store.sweep()
    expect(store.list('web')[0].health).toBe('passing')
    expect(store.beat(web('w1'))).toBe(true)
    expect(changes).toEqual([0, 600, 700])
    store.remove(web('w1'))
    store.remove(web('w1'))
    expect(changes).toEqual([0, 600, 700, 1200])
    expect(store.beat(web('w1'))).toBe(false)
    store.dispose()
  })

  it('lists a service by its exact name and its root only', () => {
    const store = new MemoryStore('a')
    const other = new MemoryStore('b')
    store.put(web('w1'), 1000)
    store.put({ service: 'web2', id: 'x', address: 'x:80' }, 1000)
    expect(store.list('web').map(p => p.id)).toEqual(['w1'])
    expect(store.list('we')).toEqual([])
    expect(other.list('web')).toEqual([])
    store.dispose()
    other.dispose()
  })

  it('stops sweeping once empty, and starts again with the next provider', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore('test', 100)
    store.put(web('w1'), 1000)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.list('web')).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
    store.put(web('w1'), 1000)
    expect(vi.getTimerCount()).toBe(1)
    store.dispose()
    expect(vi.getTimerCount()).toBe(0)
    expect(store.list('web')).toEqual([])
  })

  it('on close, deregisters what the client registered, stops its heartbeats and watches; a crash leaves its entries to expire', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore('test', 100)
    const [a, b, watcher] = [connectMemory(store, { ttlMs: TTL }), connectMemory(store, { ttlMs: TTL }), connectMemory(store)]
    await a.register({ ...web('w1'), health: 'critical' })
    await b.register(web('w2'))
    const seen: string[] = []
    const unwatch = await watcher.watch('web', list => seen.push(list.map(p => `${p.id}:${p.health}`).join()))
    const db: number[] = []
    await watcher.watch('db', list => db.push(list.length))
    expect(await watcher.providers('web')).toEqual([{ ...web('w1'), health: 'passing' }, { ...web('w2'), health: 'passing' }])
    await a.close()
    const before = ['w1:passing,w2:passing', 'w2:passing']
    expect(seen).toEqual(before)
    b.crash()
    await vi.advanceTimersByTimeAsync(TTL - 100)
    expect(seen).toEqual([...before, 'w2:critical'])
    await vi.advanceTimersByTimeAsync(100)
    expect(seen).toEqual([...before, 'w2:critical', ''])
    await unwatch()
    await a.register(web('w3'))
    expect(seen).toEqual([...before, 'w2:critical', ''])
    expect(db).toEqual([0])
    await watcher.close()
    await a.close()
    // the default TTL when none is given
    await watcher.register(web('w4'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect((await watcher.providers('web')).map(p => p.id)).toEqual(['w4'])
    watcher.crash()
    await vi.advanceTimersByTimeAsync(5000)
    expect(await watcher.providers('web')).toEqual([])
    store.dispose()
  })

  it('stops everything a closed client started, and leaves what others registered since', async () => {
    vi.useFakeTimers()
    const store = new MemoryStore('test', 100)
    const [a, b] = [connectMemory(store, { ttlMs: TTL }), connectMemory(store, { ttlMs: TTL })]
    expect(a.backend).toBe('memory')
    const seen: number[] = []
    await a.watch('web', list => seen.push(list.length))
    const registration = await a.register(web('w1'))
    await registration.deregister()
    // its heartbeat stopped with it: nothing registers it again
    await vi.advanceTimersByTimeAsync(2 * TTL)
    expect(await b.providers('web')).toEqual([])
    await a.close()
    await b.register(web('w1'))
    await a.close()
    expect((await b.providers('web')).map(p => p.id)).toEqual(['w1'])
    // the closed client's watch is gone too
    expect(seen).toEqual([0, 1, 0])
    // what a client deregistered, or closed, and another registered since, is the other's
    const d = connectMemory(store, { ttlMs: TTL })
    await d.register(web('w5'))
    await d.close()
    const e = connectMemory(store, { ttlMs: TTL })
    const leaving = await e.register(web('w6'))
    await leaving.deregister()
    await b.register(web('w5'))
    await b.register(web('w6'))
    await d.close()
    await e.close()
    expect((await b.providers('web')).map(p => p.id)).toEqual(['w1', 'w5', 'w6'])
    const c = connectMemory(store, { ttlMs: TTL })
    await c.register(web('w2'))
    c.crash()
    await c.close()
    expect((await b.providers('web')).map(p => p.id)).toEqual(['w1', 'w2', 'w5', 'w6'])
    store.dispose()
    const late: string[] = []
    store.subscribe(service => late.push(service))
    store.dispose()
    store.put(web('w3'), TTL)
    expect(late).toEqual([])
    store.dispose()
  })
})
