import type { RetryEvent } from './retry'
import { describe, expect, it } from 'vitest'
import { BulkheadFullError } from './bulkhead'
import { FakeClock } from './clock'
import { DependencyError, failsFirst, FlakyDependency } from './dependency'
import { seededRandom } from './random'
import { backoff, isRetryable, retry, RetryBudget } from './retry'
import { withTimeout } from './timeout'

const half = () => 0.5

describe('backoff', () => {
  it('draws in [0, min(cap, base * 2^n))', () => {
    const options = { baseMs: 100, capMs: 1000 }
    expect([0, 1, 2, 3, 4, 10].map(n => backoff(n, options, half))).toEqual([50, 100, 200, 400, 500, 500])
    expect(backoff(10, options, () => 0.9999)).toBe(999)
    expect(backoff(3, options, () => 0)).toBe(0)
  })

  it('spreads clients that failed together (seeded jitter)', () => {
    const random = seededRandom(42)
    const waits = Array.from({ length: 1000 }, () => backoff(3, { baseMs: 100, capMs: 10_000 }, random))
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...waits)).toBeLessThan(800)
    expect(new Set(waits).size).toBeGreaterThan(500)
    const mean = waits.reduce((sum, wait) => sum + wait, 0) / waits.length
    expect(mean).toBeGreaterThan(370)
    expect(mean).toBeLessThan(430)
  })
})

describe('retry', () => {
  it('calls again after each backoff until the dependency answers', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, failsFirst(3, 10))
    const events: RetryEvent[] = []
    const value = await clock.run(retry(() => dependency.call(), {
      clock,
      attempts: 5,
      baseMs: 100,
      capMs: 1000,
      random: half,
      onEvent: e => events.push(e),
    }))
    expect(value).toBe('value #3')
    // fails at 10, waits 50; fails at 70, waits 100; fails at 180, waits 200; answers at 390
    expect(dependency.calls.map(call => [call.start, call.end, call.result])).toEqual([
      [0, 10, 'failed'],
      [60, 70, 'failed'],
      [170, 180, 'failed'],
      [380, 390, 'ok'],
    ])
    expect(events.filter(e => e.type === 'wait').map(e => [e.at, e.ms])).toEqual([
      [10, 50],
      [70, 100],
      [180, 200],
    ])
    expect(events.at(-1)).toEqual({ type: 'success', attempt: 4, at: 390 })
  })

  it('stops after the last attempt and rethrows the last error', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, failsFirst(10, 10))
    const events: RetryEvent[] = []
    const call = retry(() => dependency.call(), {
      clock,
      attempts: 3,
      baseMs: 100,
      capMs: 1000,
      random: half,
      onEvent: e => events.push(e),
    })
    await expect(clock.run(call)).rejects.toBeInstanceOf(DependencyError)
    expect(dependency.calls.map(c => c.start)).toEqual([0, 60, 170])
    expect(events.at(-1)).toEqual({
      type: 'give-up',
      attempt: 3,
      at: 180,
      reason: 'attempts',
    })
  })

  it('does not retry an error that says it is permanent', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'fail', latencyMs: 5, retryable: false }))
    const events: RetryEvent[] = []
    await expect(clock.run(retry(() => dependency.call(), {
      clock,
      attempts: 5,
      baseMs: 100,
      capMs: 1000,
      onEvent: e => events.push(e),
    }))).rejects.toThrow('service unavailable')
    expect(dependency.calls).toHaveLength(1)
    expect(events.at(-1)).toEqual({
      type: 'give-up',
      attempt: 1,
      at: 5,
      reason: 'not-retryable',
    })
  })

  it('retries a timed-out attempt with a fresh deadline', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, index => index === 0
      ? { outcome: 'hang' }
      : { outcome: 'ok', latencyMs: 10 })
    const call = retry(() => withTimeout(signal => dependency.call(signal), 100, { clock }), {
      clock,
      attempts: 3,
      baseMs: 100,
      capMs: 1000,
      random: half,
    })
    await expect(clock.run(call)).resolves.toBe('value #1')
    expect(dependency.calls.map(c => [c.start, c.end, c.result])).toEqual([
      [0, 100, 'aborted'],
      [150, 160, 'ok'],
    ])
  })

  it('stops retrying when the budget is spent, whatever the attempts left', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'fail', latencyMs: 10 }))
    const budget = new RetryBudget({ ratio: 0.5, reserve: 2 })
    const reasons: string[] = []
    const options = {
      clock,
      attempts: 10,
      baseMs: 100,
      capMs: 1000,
      random: half,
      budget,
      onEvent: (e: RetryEvent) => e.type === 'give-up' && reasons.push(e.reason),
    }
    // 2 tokens in reserve: the first request retries twice, then each new one earns half a retry
    await expect(clock.run(retry(() => dependency.call(), options))).rejects.toThrow()
    expect(dependency.calls).toHaveLength(3)
    await expect(clock.run(retry(() => dependency.call(), options))).rejects.toThrow()
    expect(dependency.calls).toHaveLength(4)
    await expect(clock.run(retry(() => dependency.call(), options))).rejects.toThrow()
    expect(dependency.calls).toHaveLength(6)
    expect(reasons).toEqual(['budget', 'budget', 'budget'])
    expect(budget.tokens).toBe(0)
  })

  it('stops waiting when the caller aborts', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, failsFirst(10, 10))
    const caller = new AbortController()
    void clock.sleep(30).then(() => caller.abort(new Error('user left')))
    const call = retry(() => dependency.call(), {
      clock,
      attempts: 5,
      baseMs: 100,
      capMs: 1000,
      random: half,
      signal: caller.signal,
    })
    await expect(clock.run(call)).rejects.toThrow('user left')
    expect(clock.now()).toBe(30)
    expect(dependency.calls).toHaveLength(1)
  })

  it('retries only errors that say so, and rethrows the first other one without a listener', async () => {
    expect([null, undefined, 'down', new Error('down'), { retryable: 'yes' }].map(isRetryable)).toEqual([false, false, false, false, false])
    expect(isRetryable(new DependencyError('down', true))).toBe(true)
    // Shed load is not retried: it would only queue again.
    expect(isRetryable(new BulkheadFullError())).toBe(false)
    expect(new BulkheadFullError().message).toBe('too many calls in progress: shed')
    const clock = new FakeClock()
    const permanent = new DependencyError('no such key', false)
    let calls = 0
    const call = retry(async () => {
      calls++
      throw permanent
    }, { clock, attempts: 3, baseMs: 10, capMs: 100 })
    await expect(call).rejects.toBe(permanent)
    expect(calls).toBe(1)
  })
})
