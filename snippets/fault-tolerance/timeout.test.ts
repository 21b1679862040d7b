import { describe, expect, it } from 'vitest'
import { FakeClock } from './clock'
import { FlakyDependency } from './dependency'
import { TimeoutError, withTimeout } from './timeout'

describe('withTimeout', () => {
  it('returns the answer that comes in time and leaves no timer behind', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'ok', latencyMs: 30 }))
    const value = await clock.run(withTimeout(signal => dependency.call(signal), 100, { clock }))
    expect([
      value,
      clock.now(),
      clock.pendingTimers,
    ]).toEqual(['value #0', 30, 0])
  })

  it('gives up on a hanging call at the deadline and aborts it', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'hang' }))
    const call = withTimeout(signal => dependency.call(signal), 100, { clock })
    await expect(clock.run(call)).rejects.toBeInstanceOf(TimeoutError)
    expect(clock.now()).toBe(100)
    expect(dependency.calls).toEqual([
      {
        index: 0,
        start: 0,
        end: 100,
        outcome: 'hang',
        result: 'aborted',
      },
    ])
    expect(dependency.inFlight).toBe(0)
  })

  it('still meets the deadline when the work ignores its signal', async () => {
    const clock = new FakeClock()
    const call = withTimeout(() => new Promise(() => {}), 250, { clock })
    await expect(clock.run(call)).rejects.toThrow('no answer within 250 ms')
    expect(clock.now()).toBe(250)
  })

  it('passes the caller\'s cancellation on to the work', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'ok', latencyMs: 500 }))
    const caller = new AbortController()
    void clock.sleep(40).then(() => caller.abort(new Error('user left')))
    const call = withTimeout(signal => dependency.call(signal), 100, { clock, signal: caller.signal })
    await expect(clock.run(call)).rejects.toThrow('user left')
    expect(dependency.calls[0]).toMatchObject({ start: 0, end: 40, result: 'aborted' })
    expect(clock.pendingTimers).toBe(0)
  })

  it('does not start work for a caller that already left', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'ok', latencyMs: 1 }))
    const caller = new AbortController()
    caller.abort(new Error('too late'))
    await expect(withTimeout(signal => dependency.call(signal), 100, { clock, signal: caller.signal })).rejects.toThrow('too late')
    expect(dependency.calls).toEqual([])
  })
})
