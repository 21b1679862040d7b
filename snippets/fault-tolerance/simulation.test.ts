import type { StrategyResult } from './simulation'
import { beforeAll, describe, expect, it } from 'vitest'
import { printed } from '../testing/printed'
import main, { scenario, simulate, strategies, summarize } from './simulation'

const byName = new Map<string, StrategyResult>()
const run = (prefix: string) => [...byName.values()].find(result => result.name.startsWith(prefix))!
const { from, to } = scenario.outage
const duringOutage = (result: StrategyResult) => result.requests.filter(r => r.sentAt >= from && r.sentAt < to)

describe('simulation', () => {
  beforeAll(async () => {
    for (const strategy of strategies)
      byName.set(strategy.name, await simulate(strategy))
  })

  it('sends the same requests to every strategy', () => {
    for (const result of byName.values()) {
      expect(result.requests).toHaveLength(scenario.durationMs / scenario.intervalMs)
      expect(result.requests[1].sentAt).toBe(scenario.intervalMs)
    }
    // 20 s to 35 s at one request every 20 ms
    expect(duringOutage(run('no protection'))).toHaveLength(750)
  })

  it('is the same run every time (seeded)', async () => {
    const again = await simulate(strategies[3])
    expect(summarize(again)).toEqual(summarize(byName.get(strategies[3].name)!))
  })

  it('without protection, callers hang until the connections are reset', () => {
    const hung = duringOutage(run('no protection'))
    expect(hung.every(r => r.answer === 'failed' && r.sentAt + r.latencyMs === to)).toBe(true)
    expect(Math.max(...hung.map(r => r.latencyMs))).toBe(to - from)
    expect(run('no protection').peakInFlight).toBeGreaterThanOrEqual(750)
  })

  it('a timeout bounds every wait, but fails the same requests', () => {
    const timeout = run('timeout')
    expect(Math.max(...timeout.requests.map(r => r.latencyMs))).toBeLessThanOrEqual(200)
    // the last ones sent are reset when the dependency comes back, before their deadline
    expect(duringOutage(timeout).every(r => r.answer === 'failed' && r.latencyMs === Math.min(200, to - r.sentAt))).toBe(true)
  })

  it('a bulkhead holds at most its limit and sheds the rest at once', () => {
    const bulkhead = run('bulkhead')
    expect(bulkhead.peakInFlight).toBe(10)
    const shed = duringOutage(bulkhead).filter(r => r.latencyMs === 0)
    expect(shed.length).toBeGreaterThan(700)
  })

  it('retries triple the load during the outage; a budget caps it', () => {
    const calls = (result: StrategyResult) => result.dependencyCalls
    const plainRetries = calls(run('+ retry ('))
    expect(plainRetries).toBeGreaterThanOrEqual(3000 + 2 * 750)
    // at most 10 % more than one call per request, plus the reserve of 10
    expect(calls(run('+ retry budget'))).toBeLessThanOrEqual(3000 * 1.1 + 10)
  })

  it('an open circuit fails fast and spares the dependency', () => {
    const breaker = run('+ circuit breaker')
    const outage = duringOutage(breaker)
    const fast = outage.filter(r => r.answer === 'failed' && r.latencyMs === 0)
    expect(fast.length).toBeGreaterThan(outage.length * 0.9)
    expect(breaker.dependencyCalls).toBeLessThan(run('timeout').dependencyCalls)
  })

  it('serving the last known value answers every request once one succeeded', () => {
    const degraded = run('+ last known value')
    expect(degraded.requests.filter(r => r.answer === 'failed')).toEqual([])
    expect(duringOutage(degraded).every(r => r.answer === 'stale')).toBe(true)
  })

  it('prints the scenario, then one summary per strategy, in the order of the slide', async () => {
    const { lines, tables } = await printed(main)
    expect(lines).toEqual([
      '60 s of traffic, one request every 20 ms;',
      'the dependency is down from 20 s to 35 s (virtual time, seeded)',
    ])
    expect(tables).toEqual([strategies.map(strategy => summarize(byName.get(strategy.name)!))])
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
