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
