import { describe, expect, it } from 'vitest'
import { runBreakerDemo } from './breaker-demo'
import { runRetryDemo } from './retry-demo'

describe('breaker demo', () => {
  it('replays closed → open → half-open → open → half-open → closed', async () => {
    const frames = await runBreakerDemo()
    const transitions = frames.flatMap(f => f.transitions.map(t => `${t.at} ${t.from}→${t.to}`))
    // calls at 500, 600, 700 fail; open until 1520; the 1600 probe fails (outage until 2300);
    // open until 2420, so the 2400 call is refused; the 2500 probe succeeds
    expect(transitions).toEqual([
      '720 closed→open',
      '1600 open→half-open',
      '1620 half-open→open',
      '2500 open→half-open',
      '2520 half-open→closed',
    ])
    expect(frames.filter(f => f.result === 'failed').map(f => f.sentAt)).toEqual([500, 600, 700, 1600])
    expect(frames.filter(f => f.result === 'rejected').map(f => f.sentAt)).toEqual([800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400])
    expect(frames.map(f => f.call)).toEqual(Array.from({ length: 36 }, (_, i) => i))
    expect(frames[6]).toMatchObject({ sentAt: 600, state: 'closed', failures: 2 })
    expect(frames.filter(f => f.result === 'ok').map(f => f.sentAt)).toEqual([0, 100, 200, 300, 400, 2500, 2600, 2700, 2800, 2900, 3000, 3100, 3200, 3300, 3400, 3500])
  })
})

describe('retry demo', () => {
  it('without jitter, every client retries at the same instants', async () => {
    const spans = await runRetryDemo(false)
    const starts = (client: number) => spans.filter(s => s.client === client && s.kind === 'attempt').map(s => s.start)
    // fail at 20, wait 50; fail at 90, wait 100; fail at 210, wait 200; fail at 430, wait 400; answer at 850
    for (const client of [0, 1, 2, 3])
      expect(starts(client)).toEqual([0, 70, 190, 410, 830])
    expect(spans.filter(s => s.kind === 'attempt').at(-1)).toMatchObject({ outcome: 'ok', end: 850 })
    // Each attempt ends when its answer comes (20 ms later); each wait ends when the next attempt starts.
    const attempt = (n: number, start: number, outcome: string) => ({ client: 0, kind: 'attempt', attempt: n, start, end: start + 20, outcome })
    const wait = (n: number, start: number, end: number) => ({ client: 0, kind: 'wait', attempt: n, start, end })
    expect(spans.filter(s => s.client === 0)).toEqual([
      attempt(1, 0, 'failed'),
      wait(1, 20, 70),
      attempt(2, 70, 'failed'),
      wait(2, 90, 190),
      attempt(3, 190, 'failed'),
      wait(3, 210, 410),
      attempt(4, 410, 'failed'),
      wait(4, 430, 830),
      attempt(5, 830, 'ok'),
    ])
    expect(spans).toHaveLength(4 * 9)
  })

  it('with jitter, clients spread out and every wait stays under its bound', async () => {
    const spans = await runRetryDemo(true)
    const secondTries = spans.filter(s => s.kind === 'attempt' && s.attempt === 2).map(s => s.start)
    expect(new Set(secondTries).size).toBe(4)
    for (const wait of spans.filter(s => s.kind === 'wait'))
      expect(wait.end - wait.start).toBeLessThan(Math.min(800, 50 * 2 ** (wait.attempt - 1)))
    const lastTries = [0, 1, 2, 3].map(client => spans.filter(s => s.client === client && s.kind === 'attempt').at(-1))
    expect(lastTries.every(span => span?.outcome === 'ok' && span.start >= 700)).toBe(true)
  })
})
