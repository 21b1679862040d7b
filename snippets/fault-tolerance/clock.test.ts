import { describe, expect, it, vi } from 'vitest'
import { FakeClock, realClock } from './clock'

describe('fakeClock', () => {
  it('wakes sleepers in time order, then in creation order, at their due time', async () => {
    const clock = new FakeClock()
    const woke: string[] = []
    const sleeper = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push(`${name}@${clock.now()}`))
    void sleeper('c', 30)
    void sleeper('a', 10)
    void sleeper('b1', 20)
    void sleeper('b2', 20)
    await clock.runAll()
    expect(woke).toEqual(['a@10', 'b1@20', 'b2@20', 'c@30'])
  })

  it('lets woken code schedule its next wait before firing the next timer', async () => {
    const clock = new FakeClock()
    const ticks: number[] = []
    const loop = async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(25)
        ticks.push(clock.now())
      }
    }
    void loop()
    void clock.sleep(60).then(() => ticks.push(-clock.now()))
    await clock.runAll()
    expect(ticks).toEqual([25, 50, -60, 75])
  })

  it('advances only as far as asked', async () => {
    const clock = new FakeClock(1000)
    let woke = false
    void clock.sleep(100).then(() => {
      woke = true
    })
    await clock.advance(99)
    expect([
      woke,
      clock.now(),
      clock.pendingTimers,
    ]).toEqual([false, 1099, 1])
    await clock.advance(1)
    expect([
      woke,
      clock.now(),
      clock.pendingTimers,
    ]).toEqual([true, 1100, 0])
  })

  it('drops an aborted sleep and rejects it with the abort reason', async () => {
    const clock = new FakeClock()
    const controller = new AbortController()
    const sleeping = clock.sleep(100, controller.signal)
    const gone = new Error('gone')
    controller.abort(gone)
    // toBe: rejects.toThrow('gone') would also pass on a rejection with undefined
    await expect(sleeping).rejects.toBe(gone)
    expect(clock.pendingTimers).toBe(0)
    await expect(clock.sleep(5, controller.signal)).rejects.toBe(gone)
  })

  it('reports a promise that can never settle instead of waiting forever', async () => {
    const clock = new FakeClock()
    void clock.sleep(40)
    await expect(clock.run(new Promise(() => {}))).rejects.toThrow('still pending at t=40 ms with no timer left')
  })

  it('returns the outcome of the work it runs', async () => {
    const clock = new FakeClock()
    await expect(clock.run(clock.sleep(5000).then(() => clock.now()))).resolves.toBe(5000)
    const late = clock.sleep(1).then(() => {
      throw new Error('late')
    })
    await expect(clock.run(late)).rejects.toThrow('late')
  })
})

describe('realClock', () => {
  it('sleeps in real time and can be aborted', async () => {
    const start = realClock.now()
    await realClock.sleep(20)
    expect(realClock.now() - start).toBeGreaterThanOrEqual(19)
    const controller = new AbortController()
    const sleeping = realClock.sleep(10_000, controller.signal)
    controller.abort(new Error('stop'))
    await expect(sleeping).rejects.toThrow('stop')
  })

  it('refuses to sleep for a caller that already left, and leaves no timer behind an abort', async () => {
    vi.useFakeTimers()
    try {
      const left = AbortSignal.abort(new Error('left'))
      await expect(realClock.sleep(10_000, left)).rejects.toBe(left.reason)
      expect(vi.getTimerCount()).toBe(0)
      const controller = new AbortController()
      const sleeping = realClock.sleep(10_000, controller.signal)
      expect(vi.getTimerCount()).toBe(1)
      controller.abort()
      await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' })
      expect(vi.getTimerCount()).toBe(0)
    }
    finally {
      vi.useRealTimers()
    }
  })
})
