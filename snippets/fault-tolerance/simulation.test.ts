import type { Scenario, StrategyResult } from './simulation'
import { describe, expect, it } from 'vitest'
import { printed } from '../testing/printed'
import main, { scenario, simulate, strategies, summarize } from './simulation'

// Each test plays the strategies it checks itself (a few hundred ms each): results computed
// once for all tests would be computed outside any test, where mutation testing cannot see them.
const run = (prefix: string, s: Scenario = scenario) => simulate(strategies.find(strategy => strategy.name.startsWith(prefix))!, s)
const { from, to } = scenario.outage
const duringOutage = (result: StrategyResult, outage = scenario.outage) => result.requests.filter(r => r.sentAt >= outage.from && r.sentAt < outage.to)

describe('simulation', () => {
  it('sends the same requests to every strategy', async () => {
    for (const strategy of strategies) {
      const result = await simulate(strategy)
      expect(result.requests).toHaveLength(scenario.durationMs / scenario.intervalMs)
      expect(result.requests[1].sentAt).toBe(scenario.intervalMs)
    }
    // 20 s to 35 s at one request every 20 ms
    expect(duringOutage(await run('no protection'))).toHaveLength(750)
  })

  it('is the same run every time (seeded)', async () => {
    expect(summarize(await simulate(strategies[3]))).toEqual(summarize(await simulate(strategies[3])))
  })

  it('outside the outage, the dependency answers in 10 ms plus an exponential part averaging 15 ms, and fails about 1 % of calls', async () => {
    const calm = (await run('no protection')).requests.filter(r => r.sentAt < from || r.sentAt >= to)
    const latencies = calm.map(r => r.latencyMs)
    expect(Math.min(...latencies)).toBe(10)
    // The mean of 2,250 draws: 10 + ~14.5 (the exponential, rounded down), give or take 0.3.
    const mean = latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length
    expect(mean).toBeGreaterThan(23)
    expect(mean).toBeLessThan(26)
    // About 22 of 2,250 at 1 %, give or take 5.
    const failed = calm.filter(r => r.answer === 'failed').length
    expect(failed).toBeGreaterThan(5)
    expect(failed).toBeLessThan(45)
  })

  it('without protection, callers hang until the connections are reset', async () => {
    const plain = await run('no protection')
    const hung = duringOutage(plain)
    expect(hung.every(r => r.answer === 'failed' && r.sentAt + r.latencyMs === to)).toBe(true)
    expect(Math.max(...hung.map(r => r.latencyMs))).toBe(to - from)
    expect(plain.peakInFlight).toBeGreaterThanOrEqual(750)
  })

  it('a timeout bounds every wait, but fails the same requests', async () => {
    const timeout = await run('timeout')
    expect(Math.max(...timeout.requests.map(r => r.latencyMs))).toBeLessThanOrEqual(200)
    // the last ones sent are reset when the dependency comes back, before their deadline
    expect(duringOutage(timeout).every(r => r.answer === 'failed' && r.latencyMs === Math.min(200, to - r.sentAt))).toBe(true)
  })

  it('a bulkhead holds at most its limit and sheds the rest at once', async () => {
    const bulkhead = await run('bulkhead')
    expect(bulkhead.peakInFlight).toBe(10)
    const shed = duringOutage(bulkhead).filter(r => r.latencyMs === 0)
    expect(shed.length).toBeGreaterThan(700)
  })

  it('retries triple the load during the outage; a budget caps it', async () => {
    expect((await run('+ retry (')).dependencyCalls).toBeGreaterThanOrEqual(3000 + 2 * 750)
    // at least one call per request, at most 10 % more, plus the reserve of 10
    const budget = (await run('+ retry budget')).dependencyCalls
    expect(budget).toBeGreaterThanOrEqual(3000)
    expect(budget).toBeLessThanOrEqual(3000 * 1.1 + 10)
  })

  it('before the outage, every strategy with retries answers every request: the 1 % of transient failures are retried', async () => {
    for (const prefix of ['+ retry (', '+ retry budget', '+ circuit breaker', '+ last known value']) {
      const calm = (await run(prefix)).requests.filter(r => r.sentAt < from)
      expect(calm.filter(r => r.answer !== 'fresh'), prefix).toEqual([])
    }
    // Without retries, about 1 % fail.
    expect((await run('timeout')).requests.filter(r => r.sentAt < from && r.answer === 'failed').length).toBeGreaterThan(0)
  })

  it('an open circuit fails fast and spares the dependency', async () => {
    const breaker = await run('+ circuit breaker')
    const outage = duringOutage(breaker)
    const fast = outage.filter(r => r.answer === 'failed' && r.latencyMs === 0)
    expect(fast.length).toBeGreaterThan(outage.length * 0.9)
    expect(breaker.dependencyCalls).toBeLessThan((await run('timeout')).dependencyCalls)
  })

  it('serving the last known value answers every request once one succeeded', async () => {
    const degraded = await run('+ last known value')
    expect(degraded.requests.filter(r => r.answer === 'failed')).toEqual([])
    expect(duringOutage(degraded).every(r => r.answer === 'stale')).toBe(true)
  })

  it('with no value known yet, fails instead of answering stale', async () => {
    const outage = { from: 0, to: 5_000 }
    const early = await run('+ last known value', { ...scenario, outage })
    // Those sent in the outage's last second can still be answered by a retry once it ends.
    expect(duringOutage(early, { from: 0, to: outage.to - 1000 }).every(r => r.answer === 'failed')).toBe(true)
    // Once the breaker's 2 s cool-down after the outage is over, a value is known for good.
    expect(early.requests.filter(r => r.sentAt >= outage.to + 2000).every(r => r.answer !== 'failed')).toBe(true)
  })

  it('prints the scenario, then one summary per strategy, in the order of the slide', async () => {
    const { lines, tables } = await printed(main)
    expect(lines).toEqual([
      '60 s of traffic, one request every 20 ms;',
      'the dependency is down from 20 s to 35 s (virtual time, seeded)',
    ])
    const results = []
    for (const strategy of strategies)
      results.push(summarize(await simulate(strategy)))
    expect(tables).toEqual([results])
    const rows = tables[0] as Record<string, number | string>[]
    expect(rows.map(row => row.strategy)).toEqual(strategies.map(strategy => strategy.name))
    for (const row of rows)
      expect(Number(row['fresh %']) + Number(row['stale %']) + Number(row['failed %'])).toBeCloseTo(100, 6)
    // No protection: the p99 caller hangs for most of the outage.
    expect(rows[0]['p99 ms']).toBeGreaterThan(10_000)
    expect(rows.at(-1)!['failed %']).toBe(0)
  })
})

describe('summarize', () => {
  it('gives each answer\'s share and the nearest-rank percentiles of the latencies, in any order', () => {
    // latencies 100 ms down to 1 ms; one answer in four stale, one in five failed
    const requests = Array.from({ length: 100 }, (_, i) => ({
      sentAt: i * 20,
      latencyMs: 100 - i,
      answer: i % 5 === 0 ? 'failed' as const : i % 4 === 1 ? 'stale' as const : 'fresh' as const,
    }))
    const failed = requests.filter(r => r.answer === 'failed').length
    const stale = requests.filter(r => r.answer === 'stale').length
    expect([failed, stale]).toEqual([20, 20])
    expect(summarize({ name: 'x', requests, dependencyCalls: 7, peakInFlight: 3 })).toEqual({
      'strategy': 'x',
      'fresh %': 60,
      'stale %': 20,
      'failed %': 20,
      'p50 ms': 50,
      'p95 ms': 95,
      'p99 ms': 99,
      'calls to dependency': 7,
      'peak in flight': 3,
    })
  })
})
