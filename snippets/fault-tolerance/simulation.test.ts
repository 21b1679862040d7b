import type { StrategyResult } from './simulation'
import { beforeAll, describe, expect, it } from 'vitest'
import { scenario, simulate, strategies, summarize } from './simulation'

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
})
