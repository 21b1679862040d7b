import { describe, expect, it } from 'vitest'
import { FakeClock } from './clock'
import { DependencyError, failsFirst, FlakyDependency, slowsDownFrom } from './dependency'
import { at } from './schedule'

describe('flakyDependency', () => {
  it('records what each scripted call did and when', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, failsFirst(1, 30))
    const first = dependency.call().catch((error: unknown) => error)
    const second = dependency.call()
    expect(dependency.inFlight).toBe(2)
    await clock.run(Promise.all([first, second]))
    expect(await first).toMatchObject({ name: 'DependencyError', message: 'service unavailable', retryable: true })
    expect(await second).toBe('value #1')
    expect(dependency.calls).toEqual([
      { index: 0, start: 0, end: 30, outcome: 'fail', result: 'failed' },
      { index: 1, start: 0, end: 30, outcome: 'ok', result: 'ok' },
    ])
    expect([dependency.inFlight, dependency.peakInFlight]).toEqual([0, 2])
    const slowing = new FlakyDependency(clock, slowsDownFrom(1, 5, 50))
    await clock.run(slowing.call())
    await clock.run(slowing.call())
    expect(slowing.calls.map(c => [c.outcome, c.end! - c.start])).toEqual([['ok', 5], ['ok', 50]])
  })

  it('resets a hanging call when the connection comes back, as a retryable error', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'hang', resetAt: 300 }))
    const call = at(clock, 100, () => dependency.call()).catch((error: unknown) => error)
    const error = await clock.run(call)
    expect(error).toBeInstanceOf(DependencyError)
    expect(error).toMatchObject({ message: 'connection reset', retryable: true })
    expect(dependency.calls[0]).toMatchObject({ start: 100, end: 300, outcome: 'hang', result: 'failed' })
  })

  it('hangs for good without a reset or a signal', async () => {
    const clock = new FakeClock()
    const dependency = new FlakyDependency(clock, () => ({ outcome: 'hang' }))
    await expect(clock.run(dependency.call())).rejects.toThrow('still pending at t=0 ms with no timer left')
    expect(dependency.inFlight).toBe(1)
  })
})

describe('at', () => {
  it('runs the work at the absolute time asked, whatever the time now', async () => {
    const clock = new FakeClock()
    await clock.advance(100)
    expect(await clock.run(at(clock, 150, async () => clock.now()))).toBe(150)
  })
})
