import type { Transition } from './circuit-breaker'
import { describe, expect, it } from 'vitest'
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker'
import { FakeClock } from './clock'
import { failsFirst, FlakyDependency } from './dependency'
import { at, outcome } from './schedule'

const short = (t: Transition) => `${t.at} ${t.from}→${t.to}`

describe('circuitBreaker', () => {
  it('opens after the threshold, fails fast, probes after the cool-down, closes when the probe passes', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, failsFirst(5, 10))
    const breaker = new CircuitBreaker({ clock, failureThreshold: 3, coolDownMs: 1000 })
    const results = await clock.run(Promise.all(Array.from({ length: 40 }, (_, i) =>
      outcome(clock, at(clock, i * 100, () => breaker.call(() => dependency.call()))))))

    expect(breaker.transitions.map(short)).toEqual([
      '210 closed→open', // third failure in a row
      '1300 open→half-open', // first call after 210 + 1000
      '1310 half-open→open', // the probe (call #3) fails
      '2400 open→half-open',
      '2410 half-open→open', // call #4 fails too
      '3500 open→half-open',
      '3510 half-open→closed', // call #5 answers
    ])
    expect(dependency.calls.map(c => c.start)).toEqual([
      0,
      100,
      200,
      1300,
      2400,
      3500,
      3600,
      3700,
      3800,
      3900,
    ])
    expect(results.filter(r => r.error === 'CircuitOpenError').map(r => r.at)).toEqual(
      [
        300,
        400,
        500,
        600,
        700,
        800,
        900,
        1000,
        1100,
        1200,
        1400,
        1500,
        1600,
        1700,
        1800,
        1900,
        2000,
        2100,
        2200,
        2300,
        2500,
        2600,
        2700,
        2800,
        2900,
        3000,
        3100,
        3200,
        3300,
        3400,
      ],
    )
    expect(breaker.counts).toEqual({
      calls: 10,
      successes: 5,
      failures: 5,
      rejected: 30,
    })
    expect(breaker.state).toBe('closed')
  })

  it('lets a single probe through while half-open', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, failsFirst(1, 50))
    const breaker = new CircuitBreaker({ clock, failureThreshold: 1, coolDownMs: 100 })
    const call = (time: number) => outcome(clock, at(clock, time, () => breaker.call(() => dependency.call())))
    const results = await clock.run(Promise.all([
      call(0),
      call(150),
      call(160),
      call(210),
    ]))
    expect(results.map(r => [r.at, r.error ?? r.value])).toEqual([
      [50, 'DependencyError'],
      [200, 'value #1'], // the probe
      [160, 'CircuitOpenError'], // the probe is still out
      [260, 'value #2'],
    ])
    expect(breaker.transitions.map(short)).toEqual(['50 closed→open', '150 open→half-open', '200 half-open→closed'])
  })

  it('counts only consecutive failures, and only those that are the dependency\'s fault', async () => {
    const clock = new FakeClock()
    const script = [
      'fail',
      'fail',
      'ok',
      'fail',
      'fail',
      'not-found',
      'fail',
    ] as const
    const breaker = new CircuitBreaker({
      clock,
      failureThreshold: 3,
      coolDownMs: 1000,
      isFailure: e => (e as Error).message !== 'not found',
    })
    const seen: string[] = []
    breaker.onTransition(t => seen.push(short(t)))
    for (const step of script) {
      await breaker.call(async () => {
        if (step !== 'ok') {
          throw new Error(step === 'fail'
            ? 'boom'
            : 'not found')
        }
      }).catch(() => {})
      seen.push(`${breaker.state}:${breaker.failures}`)
    }
    expect(seen).toEqual([
      'closed:1',
      'closed:2',
      'closed:0',
      'closed:1',
      'closed:2',
      'closed:0',
      'closed:1',
    ])
  })

  it('ignores late failures of calls made before it opened', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, index => ({ outcome: 'fail', latencyMs: 10 + index * 100 }))
    const breaker = new CircuitBreaker({ clock, failureThreshold: 1, coolDownMs: 150 })
    // call #0 fails at 10 and opens; call #1 (sent at 0) fails at 110 while open: no new cool-down
    const calls = [0, 0].map(() => outcome(clock, breaker.call(() => dependency.call())))
    await clock.run(Promise.all(calls))
    expect(breaker.transitions.map(short)).toEqual(['10 closed→open'])
    expect(breaker.retryAt).toBe(160)
  })

  it('needs successThreshold probes in a row to close, says why it moved, and tells when it will probe', async () => {
    const clock = new FakeClock()
    const breaker = new CircuitBreaker({ clock, failureThreshold: 2, coolDownMs: 1000, successThreshold: 2 })
    const reasons: string[] = []
    const stop = breaker.onTransition(t => reasons.push(`${short(t)} (${t.reason})`))
    const ok = () => breaker.call(async () => 'ok')
    const fail = () => breaker.call(async () => {
      throw new Error('boom')
    }).catch(() => 'failed')
    expect(breaker.retryAt).toBeUndefined()
    await fail()
    await fail()
    expect(breaker.state).toBe('open')
    expect(breaker.retryAt).toBe(1000)
    await clock.advance(999)
    const refused = await ok().catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CircuitOpenError)
    expect(refused).toMatchObject({ name: 'CircuitOpenError', message: 'circuit open until t=1000 ms', retryAt: 1000, retryable: false })
    await clock.advance(1)
    expect(await ok()).toBe('ok')
    expect(breaker.state).toBe('half-open')
    expect(breaker.retryAt).toBeUndefined()
    await ok()
    expect(breaker.state).toBe('closed')
    stop()
    await fail()
    await fail()
    expect(breaker.state).toBe('open')
    expect(reasons).toEqual([
      '0 closed→open (2 failures in a row)',
      '1000 open→half-open (cool-down over)',
      '1000 half-open→closed (trial call succeeded)',
    ])
    expect(breaker.transitions.map(t => t.reason).at(-1)).toBe('2 failures in a row')
    // A failed probe opens it again for a whole cool-down, even after a good probe.
    await clock.advance(1000)
    await ok()
    await fail()
    expect(breaker.transitions.slice(-2).map(t => `${short(t)} (${t.reason})`)).toEqual([
      '2000 open→half-open (cool-down over)',
      '2000 half-open→open (trial call failed)',
    ])
    expect(breaker.retryAt).toBe(3000)
    expect(breaker.counts).toEqual({ calls: 8, successes: 3, failures: 5, rejected: 1 })
  })
})
