import { describe, expect, it } from 'vitest'
import { Bulkhead } from './bulkhead'
import { FakeClock } from './clock'
import { FlakyDependency, slowsDownFrom } from './dependency'
import { at, outcome } from './schedule'
import { withTimeout } from './timeout'

describe('bulkhead', () => {
  it('runs up to the limit, queues a few, sheds the rest at once', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'ok', latencyMs: 100 }))
    const bulkhead = new Bulkhead({ maxConcurrent: 2, maxQueue: 1 })
    const results = await clock.run(Promise.all(Array.from({ length: 5 }, () => outcome(clock, bulkhead.run(() => dependency.call())))))
    expect(results.map(r => [r.at, r.error ?? r.value])).toEqual([
      [100, 'value #0'],
      [100, 'value #1'],
      [200, 'value #2'], // waited for a slot
      [0, 'BulkheadFullError'],
      [0, 'BulkheadFullError'],
    ])
    expect(dependency.calls.map(c => c.start)).toEqual([0, 0, 100])
    expect(bulkhead.stats).toEqual({ admitted: 3, queued: 1, shed: 2 })
  })

  it('sheds more as the dependency slows down, and never holds more than its limit', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, slowsDownFrom(4, 50, 400))
    const bulkhead = new Bulkhead({ maxConcurrent: 2, maxQueue: 2 })
    const results = await clock.run(Promise.all(Array.from({ length: 12 }, (_, i) =>
      outcome(clock, at(clock, i * 50, () => bulkhead.run(() => dependency.call()))))))
    const shed = results.flatMap((r, i) => r.error === 'BulkheadFullError'
      ? [i * 50]
      : [])
    // calls 0-3 are fast; calls 4 and 5 (sent at 200, 250) hold both slots for 400 ms,
    // calls 6 and 7 fill the queue, and everything else is refused until 600
    expect(shed).toEqual([400, 450, 500, 550])
    expect(dependency.calls.map(c => c.start)).toEqual([0, 50, 100, 150, 200, 250, 600, 650])
    expect(dependency.peakInFlight).toBe(2)
  })

  it('frees the slot of a call that failed or timed out', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, index => index === 0
      ? { outcome: 'hang' }
      : { outcome: 'ok', latencyMs: 10 })
    const bulkhead = new Bulkhead({ maxConcurrent: 1, maxQueue: 1 })
    const first = outcome(clock, bulkhead.run(() => withTimeout(signal => dependency.call(signal), 100, { clock })))
    const second = outcome(clock, bulkhead.run(() => dependency.call()))
    expect(await clock.run(Promise.all([first, second]))).toEqual([
      { at: 100, error: 'TimeoutError' },
      { at: 110, value: 'value #1' },
    ])
    expect([bulkhead.active, bulkhead.queued]).toEqual([0, 0])
  })
})
