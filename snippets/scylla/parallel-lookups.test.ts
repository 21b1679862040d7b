import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printed } from '../testing/printed'
import main, { DEMO_MODEL, demoData, lookupAll, lookupsFor, measure, row } from './parallel-lookups'
import { RequestTimeout, SimulatedStore } from './simulated-store'
import { VirtualClock } from './virtual-clock'

/** A lookup whose answers the test hands out one by one. */
function manualLookup() {
  const started: string[] = []
  const answers = new Map<string, (value: string | undefined) => void>()
  const lookup = (key: string): Promise<string | undefined> => {
    started.push(key)
    return new Promise(resolve => answers.set(key, resolve))
  }
  const answer = async (key: string, value: string | undefined = key.toUpperCase()): Promise<void> => {
    answers.get(key)!(value)
    await new Promise(resolve => setTimeout(resolve, 0))
  }
  return { started, lookup, answer }
}

const tick = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 0))
const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `k${i}`)

describe('lookupAll: bounded concurrency', () => {
  it('starts exactly `concurrency` lookups, then one more per answer', async () => {
    const { started, lookup, answer } = manualLookup()
    const run = lookupAll(keys(6), lookup, 3)
    await tick()
    expect(started).toEqual(['k0', 'k1', 'k2'])
    await answer('k1')
    expect(started).toEqual(['k0', 'k1', 'k2', 'k3'])
    await answer('k0')
    await answer('k3')
    expect(started).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5'])
    for (const key of ['k2', 'k4', 'k5'])
      await answer(key)
    const report = await run
    expect(report.maxInFlight).toBe(3)
    expect(report.lookups).toBe(6)
  })

  it('pulls keys from the producer only when a slot is free (back-pressure)', async () => {
    let pulled = 0
    function* population(): Generator<string> {
      for (const key of keys(100)) {
        pulled++
        yield key
      }
    }
    const { lookup, answer } = manualLookup()
    const run = lookupAll(population(), lookup, 4)
    await tick()
    expect(pulled).toBe(4)
    await answer('k2')
    expect(pulled).toBe(5)
    for (let i = 0; i < 100; i++) {
      if (i !== 2)
        await answer(`k${i}`)
    }
    expect((await run).lookups).toBe(100)
  })

  it('never has more than `concurrency` in flight, and reaches it when there are enough keys', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 120 }), async (concurrency, n) => {
      const clock = new VirtualClock()
      let inFlight = 0
      let highest = 0
      const lookup = async (key: string): Promise<string> => {
        highest = Math.max(highest, ++inFlight)
        await clock.sleep(1 + (Number(key.slice(1)) * 7919) % 13)
        inFlight--
        return key
      }
      const report = await clock.run(lookupAll(keys(n), lookup, concurrency))
      expect(highest).toBe(Math.min(concurrency, n))
      expect(report.maxInFlight).toBe(Math.min(concurrency, n))
    }), { numRuns: 60 })
  })

  it('rejects a concurrency that is not a positive integer', async () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await expect(lookupAll(keys(1), async k => k, concurrency)).rejects.toThrow(RangeError)
      // The message names the rule and the value given, so a misconfigured caller sees both.
      await expect(lookupAll(keys(1), async k => k, concurrency)).rejects.toThrow(`concurrency must be an integer >= 1, got ${concurrency}`)
    }
  })
})

describe('lookupAll: results and errors', () => {
  it('collects per-request errors, sync or async, and still completes every other key', async () => {
    const lookup = async (key: string): Promise<string | undefined> => {
      if (key === 'k3')
        throw new Error('connection reset')
      if (key === 'k5')
        return Promise.reject(new RequestTimeout(key))
      return key === 'k7'
        ? undefined
        : `v${key}`
    }
    const report = await lookupAll(keys(10), lookup, 4)
    expect(report.errors.map(e => e.key).sort()).toEqual(['k3', 'k5'])
    expect(report.errors.find(e => e.key === 'k5')!.error).toBeInstanceOf(RequestTimeout)
    expect(report.missing).toEqual(['k7'])
    expect([
      ...report.found.keys(),
    ].sort()).toEqual([
      'k0',
      'k1',
      'k2',
      'k4',
      'k6',
      'k8',
      'k9',
    ])
    expect(report.found.get('k8')).toBe('vk8')
    expect(report.lookups).toBe(10)
  })

  it('gives the same result whatever the concurrency and the completion order', async () => {
    const { population, data, failing } = demoData(600)
    const expectedFound = population.filter(k => data.has(k) && !failing.has(k))
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2 ** 31 }), async (concurrency, seed) => {
      const clock = new VirtualClock()
      const store = new SimulatedStore(data, clock, {
        slots: 16,
        serviceMs: 2,
        roundTripMs: 1,
        jitter: 0.9,
        seed,
      }, failing)
      const report = await clock.run(lookupAll(population, key => store.get(key), concurrency))
      expect(new Set(report.found.keys())).toEqual(new Set(expectedFound))
      for (const key of expectedFound)
        expect(report.found.get(key)).toBe(data.get(key))
      expect(new Set(report.missing)).toEqual(new Set(population.filter(k => !data.has(k) && !failing.has(k))))
      expect(new Set(report.errors.map(e => e.key))).toEqual(failing)
    }), { numRuns: 25 })
  })
})

describe('the simulated store on a virtual clock', () => {
  it('serves `slots` requests at a time, first come first served, then adds the round trip', async () => {
    const clock = new VirtualClock()
    const data = new Map(keys(5).map(k => [k, k]))
    const store = new SimulatedStore(data, clock, {
      slots: 2,
      serviceMs: 2,
      roundTripMs: 1,
      jitter: 0,
    })
    const done: [string, number][] = []
    await clock.run(Promise.all(keys(5).map(async (key) => {
      await store.get(key)
      done.push([key, clock.now])
    })))
    expect(done).toEqual([
      ['k0', 3],
      ['k1', 3],
      ['k2', 5],
      ['k3', 5],
      ['k4', 7],
    ])
  })

  it('rounds service times to its resolution, so completions share instants', async () => {
    const clock = new VirtualClock()
    const data = new Map(keys(50).map(k => [k, k]))
    const store = new SimulatedStore(data, clock, { slots: 50, serviceMs: 2, roundTripMs: 1, resolutionMs: 0.5, seed: 3 })
    const times = new Set<number>()
    await clock.run(Promise.all(keys(50).map(async (key) => {
      await store.get(key)
      times.add(clock.now)
    })))
    // Service in [1, 3] ms on a 0.5 ms grid, plus the 1 ms round trip: at most 5 instants.
    expect([...times].every(t => [2, 2.5, 3, 3.5, 4].includes(t))).toBe(true)
    expect(times.size).toBeGreaterThan(2)
  })

  it('refuses a negative or missing duration, wakes float sums at one instant, and counts who sleeps', async () => {
    const clock = new VirtualClock()
    expect(() => clock.sleep(-1)).toThrow('sleep needs a duration >= 0 ms, got -1')
    expect(() => clock.sleep(Number.NaN)).toThrow(RangeError)
    const order: string[] = []
    const sleeper = (name: string, ...steps: number[]) => (async () => {
      for (const ms of steps)
        await clock.sleep(ms)
      order.push(`${name}@${clock.now}`)
    })()
    const all = Promise.all([sleeper('a', 0.1, 0.2), sleeper('b', 0.3), sleeper('c', 0), sleeper('d', 0.3)])
    expect(clock.pending).toBe(4)
    await clock.run(all)
    // 0.1 + 0.2 is 0.30000000000000004 in floats: still the same instant as 0.3, woken in order of sleeping.
    expect(order).toEqual(['c@0', 'b@0.3', 'd@0.3', 'a@0.3'])
    expect(clock.pending).toBe(0)
    await expect(clock.run(Promise.reject(new Error('boom')))).rejects.toThrow('boom')
  })

  it('checks its slots, names the key that timed out, and draws service times around serviceMs by default', async () => {
    const clock = new VirtualClock()
    for (const slots of [0, 1.5])
      expect(() => new SimulatedStore(new Map(), clock, { slots, serviceMs: 1, roundTripMs: 0 })).toThrow(`slots must be an integer >= 1, got ${slots}`)
    const data = new Map(keys(200).map(k => [k, k]))
    const store = new SimulatedStore(data, clock, { slots: 200, serviceMs: 2, roundTripMs: 0 }, new Set(['k7']))
    expect(store.capacityPerSecond).toBe(100_000)
    const times: number[] = []
    const outcomes = await clock.run(Promise.all(keys(200).map(async (key) => {
      try {
        return await store.get(key)
      }
      catch (error) {
        return error as RequestTimeout
      }
      finally {
        times.push(clock.now)
      }
    })))
    expect(outcomes[7]).toBeInstanceOf(RequestTimeout)
    expect(outcomes[7]).toMatchObject({ key: 'k7', message: 'request for k7 timed out' })
    expect(outcomes[8]).toBe('k8')
    // jitter 0.5: uniform in [1, 3] ms, on a 0.1 ms grid; seeded, so the same every run
    expect(Math.min(...times)).toBeGreaterThanOrEqual(1)
    expect(Math.max(...times)).toBeLessThanOrEqual(3)
    expect(Math.min(...times)).toBeLessThan(1.2)
    expect(Math.max(...times)).toBeGreaterThan(2.8)
    expect(times.every(t => Math.abs(t * 10 - Math.round(t * 10)) < 1e-9)).toBe(true)
    // without a seed, the default one: the same draws as seed 42, not those of another seed
    const firstDraw = async (seed?: number) => {
      const own = new VirtualClock()
      await own.run(new SimulatedStore(data, own, { slots: 1, serviceMs: 2, roundTripMs: 0, seed }).get('k0'))
      return own.now
    }
    expect(await firstDraw()).toBe(await firstDraw(42))
    expect(await firstDraw()).not.toBe(await firstDraw(43))
  })

  it('holds a slot for at least one step, however short the service', async () => {
    const clock = new VirtualClock()
    const store = new SimulatedStore(new Map([['k', 'v']]), clock, { slots: 1, serviceMs: 0.01, roundTripMs: 1, jitter: 0 })
    expect(await clock.run(store.get('k'))).toBe('v')
    expect(clock.now).toBe(1.1)
  })

  it('fails a run that waits on something other than the clock', async () => {
    const clock = new VirtualClock()
    await expect(clock.run(new Promise(() => {}))).rejects.toThrow(/other than this clock/)
  })

  it('saturates at slots / service time, as Little\'s law predicts', async () => {
    const { population, data, failing } = demoData(4000)
    const model = {
      slots: 64,
      serviceMs: 2,
      roundTripMs: 1,
      seed: 7,
    }
    const capacity = 64 / 2 * 1000
    const one = await measure(population, data, failing, 1, model)
    // One in flight: the latency is all there is, X = 1 / R.
    expect(one.perSecond).toBeCloseTo(1000 / one.meanLatencyMs, 6)
    expect(one.meanLatencyMs).toBeGreaterThan(2.9)
    expect(one.meanLatencyMs).toBeLessThan(3.1)
    // Below the knee (64 × 3 / 2 = 96 in flight) throughput grows about linearly.
    const fifty = await measure(population, data, failing, 50, model)
    expect(fifty.perSecond / one.perSecond).toBeGreaterThan(45)
    // Far above it: no more throughput, only queueing.
    const four = await measure(population, data, failing, 400, model)
    expect(four.perSecond).toBeLessThanOrEqual(capacity)
    expect(four.perSecond).toBeGreaterThan(0.9 * capacity)
    expect(four.meanLatencyMs).toBeGreaterThan(3 * fifty.meanLatencyMs)
    expect(four.found + four.missing + four.failed).toBe(4000)
  })
})

describe('the demo', () => {
  it('has 4 keys in 5 in the store, and 1 in 1,000 timing out', () => {
    const { population, data, failing } = demoData(2000)
    expect(population.slice(0, 3)).toEqual(['cookie-0', 'cookie-1', 'cookie-2'])
    expect(population).toHaveLength(2000)
    expect(data.size).toBe(1600)
    expect([data.get('cookie-0'), data.get('cookie-1'), data.get('cookie-1999')]).toEqual([undefined, 'partner-1', 'partner-1999'])
    expect([...failing]).toEqual(['cookie-999', 'cookie-1999'])
    expect(demoData().population).toHaveLength(20_000)
  })

  it('rounds a measurement for its table row', () => {
    const measured = { concurrency: 100, lookups: 2000, found: 1598, missing: 400, failed: 2, maxInFlight: 100, elapsedMs: 62, perSecond: 32_258.06, meanLatencyMs: 2.99449 }
    expect(row(measured)).toEqual({
      'concurrency': 100,
      'lookups': 2000,
      'lookups/s': 32_258,
      'mean latency ms': 2.99,
      'X × R': 97,
      'max in flight': 100,
      'found': 1598,
      'missing': 400,
      'failed': 2,
    })
    expect(row({ ...measured, perSecond: 32_258.5, meanLatencyMs: 2.995 })).toMatchObject({ 'lookups/s': 32_259, 'mean latency ms': 3 })
  })

  it('prints one measured row per concurrency level, then Little\'s law for the model', async () => {
    const { lines, tables } = await printed(main)
    const { population, data, failing } = demoData()
    const levels = [1, 10, 100, 512, 1000]
    const expected = []
    for (const concurrency of levels)
      expected.push(row(await measure(population.slice(0, lookupsFor(concurrency)), data, failing, concurrency)))
    expect(tables).toEqual([expected])
    const rows = tables[0] as Record<string, number>[]
    expect(rows.map(r => r.lookups)).toEqual([2000, 2000, 2000, 10_240, 20_000])
    // Little's law: below the knee every request is in flight the whole time, so X × R ≈ N.
    for (const r of rows.filter(r => r.concurrency <= 100))
      expect(r['X × R']).toBeGreaterThanOrEqual(r.concurrency * 0.95)
    // 256 slots of 2 ms each: 128,000 lookups/s at most; 3 ms per lookup unloaded, so 384 in flight fill it.
    const { slots, serviceMs, roundTripMs } = DEMO_MODEL
    expect(rows.every(r => r['lookups/s'] <= slots / serviceMs * 1000)).toBe(true)
    expect(lines).toEqual([
      `Server: ${slots} slots, ${serviceMs} ms service, ${roundTripMs} ms round trip`,
      'Virtual clock: simulated time, the same figures on every run',
      'Capacity: 128000 lookups/s. Little\'s law: in flight (N) = throughput (X) × latency (R).',
      'Below 384 in flight R stays flat, so X = N / R grows with N;',
      'above it every slot is busy: extra requests only queue, R grows and X stays flat.',
    ])
  })
})
