import type { Provider } from './registry'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { byId, defaults, layout, onlyChanges, parseProvider, RegistryUnavailableError, sleep, withTimeout } from './registry'

// What etcd and ZooKeeper store and hand back, decoded without a server.
const web = (id: string): Provider => ({ service: 'web', id, address: `${id}:80` })

describe('registry helpers', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lays keys out as the talk shows them', () => {
    expect(defaults.root).toBe('ep2016')
    expect(layout.service('ep2016', 'web')).toBe('/ep2016/providers/web')
    expect(layout.provider('ep2016', web('10.0.0.1:80'))).toBe('/ep2016/providers/web/10.0.0.1:80')
    expect(layout.config('ep2016', 'color')).toBe('/ep2016/config/color')
  })

  it('decodes a stored provider, keeping only its three fields', () => {
    const stored = JSON.stringify({ ...web('w1'), health: 'passing', extra: 1 })
    expect(parseProvider(stored)).toEqual(web('w1'))
    expect(Object.keys(parseProvider(stored)!)).toEqual(['service', 'id', 'address'])
  })

  it.each([
    ['not JSON', '{service'],
    ['JSON null', 'null'],
    ['no service', JSON.stringify({ id: 'w1', address: 'w1:80' })],
    ['no id', JSON.stringify({ service: 'web', address: 'w1:80' })],
    ['no address', JSON.stringify({ service: 'web', id: 'w1' })],
    ['a number for the service', JSON.stringify({ ...web('w1'), service: 1 })],
    ['a number for the id', JSON.stringify({ ...web('w1'), id: 1 })],
    ['a number for the address', JSON.stringify({ ...web('w1'), address: 1 })],
  ])('refuses a stored value with %s', (_, text) => {
    expect(parseProvider(text)).toBeUndefined()
  })

  it('sorts providers by id without touching the list it is given', () => {
    const list = [web('w3'), web('w1'), web('w2')]
    expect(byId(list).map(p => p.id)).toEqual(['w1', 'w2', 'w3'])
    expect(list.map(p => p.id)).toEqual(['w3', 'w1', 'w2'])
  })

  it('passes a watch on only when the sorted list changed', () => {
    const seen: string[][] = []
    const notify = onlyChanges(list => seen.push(list.map(p => p.id)))
    notify([web('w2'), web('w1')])
    notify([web('w1'), web('w2')])
    notify([web('w1'), web('w2'), web('w3')])
    notify([web('w1'), { ...web('w2'), address: 'moved:80' }, web('w3')])
    notify([])
    notify([])
    expect(seen).toEqual([['w1', 'w2'], ['w1', 'w2', 'w3'], ['w1', 'w2', 'w3'], []])
  })

  it('gives up on a call after its timeout, with the message and error type callers catch', async () => {
    vi.useFakeTimers()
    const hanging = withTimeout(new Promise(() => {}), 3000, () => 'etcd at 127.0.0.1:1 did not answer')
    const outcome = hanging.then(() => 'answered', (error: Error) => error)
    await vi.advanceTimersByTimeAsync(2999)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    const error = await outcome
    expect(error).toBeInstanceOf(RegistryUnavailableError)
    expect(error).toMatchObject({ name: 'RegistryUnavailableError', message: 'etcd at 127.0.0.1:1 did not answer' })
  })

  it('returns an answer in time, and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const message = vi.fn(() => 'late')
    await expect(withTimeout(Promise.resolve('value'), 3000, message)).resolves.toBe('value')
    expect(vi.getTimerCount()).toBe(0)
    await expect(withTimeout(Promise.reject(new Error('refused')), 3000, message)).rejects.toThrow('refused')
    expect(vi.getTimerCount()).toBe(0)
    expect(message).not.toHaveBeenCalled()
  })

  it('sleeps for the time asked', async () => {
    vi.useFakeTimers()
    let woke = false
    void sleep(500).then(() => woke = true)
    await vi.advanceTimersByTimeAsync(499)
    expect(woke).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(woke).toBe(true)
  })
})
