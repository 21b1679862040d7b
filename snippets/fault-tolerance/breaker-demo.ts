import type { BreakerState, Transition } from './circuit-breaker'
import { CircuitBreaker } from './circuit-breaker'
import { FakeClock } from './clock'
import { FlakyDependency } from './dependency'
import { at } from './schedule'

/** A dependency that fails fast for a while, called through a breaker: what the diagram replays. */
export const breakerDemo = {
  calls: 36,
  intervalMs: 100,
  latencyMs: 20,
  outage: { from: 500, to: 2300 },
  failureThreshold: 3,
  coolDownMs: 800,
}
export type BreakerDemo = typeof breakerDemo

export interface BreakerFrame {
  call: number
  sentAt: number
  at: number
  result: 'ok' | 'failed' | 'rejected'
  /** The breaker right after this call settled. */
  state: BreakerState
  failures: number
  /** Transitions caused by this call (or by its arrival, for open → half-open). */
  transitions: Transition[]
}

/** Runs the real CircuitBreaker on virtual time and keeps one frame per call, in the order they settled. */
export async function runBreakerDemo(demo: BreakerDemo = breakerDemo): Promise<BreakerFrame[]> {
  const clock = new FakeClock()
  const dependency = new FlakyDependency(clock, (_, now) => ({
    outcome: now >= demo.outage.from && now < demo.outage.to ? 'fail' : 'ok',
    latencyMs: demo.latencyMs,
  }))
  const breaker = new CircuitBreaker({ clock, failureThreshold: demo.failureThreshold, coolDownMs: demo.coolDownMs })
  const frames: BreakerFrame[] = []
  let seen = 0
  const call = async (index: number) => {
    const sentAt = clock.now()
    let result: BreakerFrame['result'] = 'ok'
    await breaker.call(() => dependency.call()).catch((error: Error) => {
      result = error.name === 'CircuitOpenError' ? 'rejected' : 'failed'
    })
    frames.push({ call: index, sentAt, at: clock.now(), result, state: breaker.state, failures: breaker.failures, transitions: breaker.transitions.slice(seen) })
    seen = breaker.transitions.length
  }
  await clock.run(Promise.all(Array.from({ length: demo.calls }, (_, i) => at(clock, i * demo.intervalMs, () => call(i)))))
  return frames
}
