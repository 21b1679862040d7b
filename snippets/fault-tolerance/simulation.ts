import type { Random } from './random'
import { Bulkhead } from './bulkhead'
import { CircuitBreaker } from './circuit-breaker'
import { FakeClock } from './clock'
import { FlakyDependency } from './dependency'
import { seededRandom } from './random'
import { retry, RetryBudget } from './retry'
import { at } from './schedule'
import { percent, percentile } from './stats'
import { withTimeout } from './timeout'

/** A client sending a steady stream of requests to a dependency that drops off the network for a while. */
export const scenario = {
  durationMs: 60_000,
  intervalMs: 20,
  /** While down, calls get no answer; the connections are reset when it comes back. */
  outage: { from: 20_000, to: 35_000 },
  transientFailureRate: 0.01,
  seed: 2016,
}
export type Scenario = typeof scenario

export type Answer = 'fresh' | 'stale' | 'failed'

interface Context {
  clock: FakeClock
  dependency: FlakyDependency
  random: Random
}

export interface Strategy {
  name: string
  client: (context: Context) => () => Promise<Answer>
}

export function flakyService(clock: FakeClock, random: Random, s: Scenario): FlakyDependency {
  return new FlakyDependency(clock, (_, now) => {
    if (now >= s.outage.from && now < s.outage.to)
      return { outcome: 'hang', resetAt: s.outage.to }
    // A long-tailed latency: 10 ms plus an exponential part averaging 15 ms.
    const latencyMs = 10 + Math.floor(-Math.log(1 - random()) * 15)
    return random() < s.transientFailureRate ? { outcome: 'fail', latencyMs } : { outcome: 'ok', latencyMs }
  })
}

const TIMEOUT_MS = 200
const retryOptions = { attempts: 3, baseMs: 50, capMs: 500 }

// #region resilient
/** Last known value ← circuit breaker ← retry with budget ← timeout ← the dependency. */
function resilient({ clock, dependency, random }: Context): () => Promise<Answer> {
  const breaker = new CircuitBreaker({ clock, failureThreshold: 5, coolDownMs: 2000 })
  const budget = new RetryBudget({ ratio: 0.1, reserve: 10 })
  let lastKnown: string | undefined
  return async () => {
    try {
      lastKnown = await retry(() => breaker.call(() =>
        withTimeout(signal => dependency.call(signal), TIMEOUT_MS, { clock })), { clock, ...retryOptions, random, budget })
      return 'fresh'
    }
    // #region last-known
    catch (error) {
      if (lastKnown === undefined)
        throw error
      return 'stale' // degrade: an old answer now beats no answer
    }
    // #endregion last-known
  }
}
// #endregion resilient

async function fresh(work: Promise<unknown>): Promise<Answer> {
  await work
  return 'fresh'
}

export const strategies: Strategy[] = [
  { name: 'no protection', client: ({ dependency }) => () => fresh(dependency.call()) },
  {
    name: 'bulkhead (10 running, 10 queued)',
    client: ({ dependency }) => {
      const bulkhead = new Bulkhead({ maxConcurrent: 10, maxQueue: 10 })
      return () => fresh(bulkhead.run(() => dependency.call()))
    },
  },
  {
    name: `timeout ${TIMEOUT_MS} ms`,
    client: ({ clock, dependency }) => () => fresh(withTimeout(signal => dependency.call(signal), TIMEOUT_MS, { clock })),
  },
  {
    name: `+ retry (${retryOptions.attempts} attempts, backoff + jitter)`,
    client: ({ clock, dependency, random }) => () =>
      fresh(retry(() => withTimeout(signal => dependency.call(signal), TIMEOUT_MS, { clock }), { clock, ...retryOptions, random })),
  },
  {
    name: '+ retry budget (10 %)',
    client: ({ clock, dependency, random }) => {
      const budget = new RetryBudget({ ratio: 0.1, reserve: 10 })
      return () => fresh(retry(() => withTimeout(signal => dependency.call(signal), TIMEOUT_MS, { clock }), { clock, ...retryOptions, random, budget }))
    },
  },
  {
    name: '+ circuit breaker (5 failures, 2 s)',
    client: ({ clock, dependency, random }) => {
      const breaker = new CircuitBreaker({ clock, failureThreshold: 5, coolDownMs: 2000 })
      const budget = new RetryBudget({ ratio: 0.1, reserve: 10 })
      return () => fresh(retry(() => breaker.call(() => withTimeout(signal => dependency.call(signal), TIMEOUT_MS, { clock })), { clock, ...retryOptions, random, budget }))
    },
  },
  { name: '+ last known value', client: resilient },
]

export interface RequestRecord {
  sentAt: number
  latencyMs: number
  answer: Answer
}

export interface StrategyResult {
  name: string
  requests: RequestRecord[]
  dependencyCalls: number
  peakInFlight: number
}

/** Plays the scenario against one strategy on virtual time: the same seed gives the same run. */
export async function simulate(strategy: Strategy, s: Scenario = scenario): Promise<StrategyResult> {
  const clock = new FakeClock()
  const dependency = flakyService(clock, seededRandom(s.seed), s)
  const send = strategy.client({ clock, dependency, random: seededRandom(s.seed + 1) })
  const request = async (): Promise<RequestRecord> => {
    const sentAt = clock.now()
    const answer = await send().catch((): Answer => 'failed')
    return { sentAt, latencyMs: clock.now() - sentAt, answer }
  }
  const count = Math.floor(s.durationMs / s.intervalMs)
  const requests = await clock.run(Promise.all(Array.from({ length: count }, (_, i) => at(clock, i * s.intervalMs, request))))
  return { name: strategy.name, requests, dependencyCalls: dependency.calls.length, peakInFlight: dependency.peakInFlight }
}

export function summarize({ name, requests, dependencyCalls, peakInFlight }: StrategyResult): Record<string, string | number> {
  const share = (answer: Answer) => percent(requests.filter(r => r.answer === answer).length, requests.length)
  const latencies = requests.map(r => r.latencyMs).sort((a, b) => a - b)
  return {
    'strategy': name,
    'fresh %': share('fresh'),
    'stale %': share('stale'),
    'failed %': share('failed'),
    'p50 ms': percentile(latencies, 50),
    'p95 ms': percentile(latencies, 95),
    'p99 ms': percentile(latencies, 99),
    'calls to dependency': dependencyCalls,
    'peak in flight': peakInFlight,
  }
}

// #region main
export default async function main(): Promise<void> {
  const { durationMs, intervalMs, outage } = scenario
  console.log(`${durationMs / 1000} s of traffic, one request every ${intervalMs} ms;`)
  console.log(`the dependency is down from ${outage.from / 1000} s to ${outage.to / 1000} s (virtual time, seeded)`)
  // #region main-table
  const rows = []
  for (const strategy of strategies)
    rows.push(summarize(await simulate(strategy)))
  console.table(rows)
  // #endregion main-table
}
// #endregion main
