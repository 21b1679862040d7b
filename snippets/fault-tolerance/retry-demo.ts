import { FakeClock } from './clock'
import { FlakyDependency } from './dependency'
import { seededRandom } from './random'
import { retry } from './retry'

/** Clients that all fail at the same instant and retry: what the timeline draws. */
export const retryDemo = {
  clients: 4,
  /** The dependency fails fast until then. */
  downUntil: 700,
  latencyMs: 20,
  attempts: 6,
  baseMs: 50,
  capMs: 800,
  seed: 7,
}
export type RetryDemo = typeof retryDemo

export interface RetrySpan {
  client: number
  kind: 'attempt' | 'wait'
  attempt: number
  start: number
  end: number
  /** For attempts: how the call ended. */
  outcome?: 'ok' | 'failed'
}

/**
 * Runs the real retry() for each client on virtual time. Without jitter the random draw
 * is pinned to 1, which turns full jitter into plain exponential backoff.
 */
export async function runRetryDemo(jitter: boolean, demo: RetryDemo = retryDemo): Promise<RetrySpan[]> {
  const clock = new FakeClock()
  const dependency = new FlakyDependency(clock, (_, now) => ({ outcome: now < demo.downUntil ? 'fail' : 'ok', latencyMs: demo.latencyMs }))
  const spans: RetrySpan[] = []
  const client = (id: number) => retry(() => dependency.call(), {
    clock,
    attempts: demo.attempts,
    baseMs: demo.baseMs,
    capMs: demo.capMs,
    random: jitter ? seededRandom(demo.seed + id) : () => 1,
    onEvent: (event) => {
      if (event.type === 'attempt') {
        spans.push({ client: id, kind: 'attempt', attempt: event.attempt, start: event.at, end: event.at })
        return
      }
      const current = spans.findLast(span => span.client === id && span.kind === 'attempt')!
      if (current.outcome === undefined)
        Object.assign(current, { end: event.at, outcome: event.type === 'success' ? 'ok' : 'failed' })
      if (event.type === 'wait')
        spans.push({ client: id, kind: 'wait', attempt: event.attempt, start: event.at, end: event.at + event.ms })
    },
  }).catch(() => undefined)
  await clock.run(Promise.all(Array.from({ length: demo.clients }, (_, id) => client(id))))
  return spans
}
