import { SimulatedStore } from './simulated-store'
import { VirtualClock } from './virtual-clock'

// The "join" of the talk: a population of keys, each looked up by partition key, with a
// bounded number of requests in flight, as cassandra-driver's execute_concurrent does.

export interface LookupReport<K, V> {
  /** Keys found, with their values: a Map, so completion order does not matter. */
  found: Map<K, V>
  missing: K[]
  /** Failed requests, kept so that one bad key does not sink the whole run. */
  errors: { key: K, error: unknown }[]
  lookups: number
  maxInFlight: number
}

export async function lookupAll<K, V>(
  keys: Iterable<K>,
  lookup: (key: K) => Promise<V | undefined>,
  concurrency: number,
): Promise<LookupReport<K, V>> {
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`)
  const report: LookupReport<K, V> = {
    found: new Map(),
    missing: [],
    errors: [],
    lookups: 0,
    maxInFlight: 0,
  }
  const pending = keys[Symbol.iterator]() // pulled lazily: back-pressure on the producer
  let inFlight = 0

  // #region lookup
  // #region lookup-pull
  async function worker(): Promise<void> {
    for (let next = pending.next(); !next.done; next = pending.next()) {
      const key = next.value
      report.maxInFlight = Math.max(report.maxInFlight, ++inFlight)
      try {
        const value = await lookup(key)
        if (value === undefined)
          report.missing.push(key)
        else
          report.found.set(key, value)
      }
      // #endregion lookup-pull
      // #region lookup-catch
      catch (error) {
        report.errors.push({ key, error }) // one failure does not sink the run
      }
      finally {
        inFlight--
        report.lookups++
      }
      // #endregion lookup-catch
    }
  }
  // `concurrency` workers share one iterator: never more than that many in flight.
  // #region lookup-start
  await Promise.all(Array.from({ length: concurrency }, worker))
  // #endregion lookup-start
  // #endregion lookup
  return report
}

export interface Measured {
  concurrency: number
  lookups: number
  found: number
  missing: number
  failed: number
  maxInFlight: number
  elapsedMs: number
  perSecond: number
  meanLatencyMs: number
}

/** Illustrative figures, not measurements: 256 slots × 2 ms gives 128,000 lookups/s. */
export const DEMO_MODEL = {
  slots: 256,
  serviceMs: 2,
  roundTripMs: 1,
  seed: 2018,
}

/** One run of `lookupAll` against a fresh simulated store, timed on its virtual clock. */
export async function measure(
  population: readonly string[],
  data: ReadonlyMap<string, string>,
  failing: ReadonlySet<string>,
  concurrency: number,
  model = DEMO_MODEL,
): Promise<Measured> {
  const clock = new VirtualClock()
  const store = new SimulatedStore(data, clock, model, failing)
  let latencyTotal = 0
  const timed = async (key: string): Promise<string | undefined> => {
    const start = clock.now
    try {
      return await store.get(key)
    }
    finally {
      latencyTotal += clock.now - start
    }
  }
  const report = await clock.run(lookupAll(population, timed, concurrency))
  return {
    concurrency,
    lookups: report.lookups,
    found: report.found.size,
    missing: report.missing.length,
    failed: report.errors.length,
    maxInFlight: report.maxInFlight,
    elapsedMs: clock.now,
    perSecond: report.lookups / clock.now * 1000,
    meanLatencyMs: latencyTotal / report.lookups,
  }
}

/** 20,000 keys; 4 in 5 are in the store, 1 in 1,000 times out. */
export function demoData(size = 20_000): { population: string[], data: Map<string, string>, failing: Set<string> } {
  const population = Array.from({ length: size }, (_, i) => `cookie-${i}`)
  const data = new Map(population.filter((_, i) => i % 5 !== 0).map(key => [key, `partner-${key.slice(7)}`]))
  const failing = new Set(population.filter((_, i) => i % 1000 === 999))
  return { population, data, failing }
}

export function row(m: Measured): Record<string, string | number> {
  return {
    'concurrency': m.concurrency,
    'lookups': m.lookups,
    'lookups/s': Math.round(m.perSecond),
    'mean latency ms': Number(m.meanLatencyMs.toFixed(2)),
    'X × R': Math.round(m.perSecond / 1000 * m.meanLatencyMs),
    'max in flight': m.maxInFlight,
    'found': m.found,
    'missing': m.missing,
    'failed': m.failed,
  }
}

/** 20 rounds of `concurrency` lookups, at least 2,000: enough to reach a steady state. */
export function lookupsFor(concurrency: number): number {
  return Math.max(2000, concurrency * 20)
}

/** Little's law, N = X × R, applied to the model: where more concurrency stops paying. */
function explain(): void {
  const { slots, serviceMs, roundTripMs } = DEMO_MODEL
  const capacity = slots / serviceMs * 1000
  const knee = capacity / 1000 * (serviceMs + roundTripMs)
  console.log(`Capacity: ${capacity} lookups/s. Little's law: in flight (N) = throughput (X) × latency (R).`)
  console.log(`Below ${knee} in flight R stays flat, so X = N / R grows with N;`)
  console.log('above it every slot is busy: extra requests only queue, R grows and X stays flat.')
}

// #region main
export default async function main(): Promise<void> {
  const { population, data, failing } = demoData()
  const { slots, serviceMs, roundTripMs } = DEMO_MODEL
  console.log(`Server: ${slots} slots, ${serviceMs} ms service, ${roundTripMs} ms round trip`)
  console.log('Virtual clock: simulated time, the same figures on every run')
  // #region main-levels
  const rows = []
  for (const concurrency of [1, 10, 100, 512, 1000]) {
    const keys = population.slice(0, lookupsFor(concurrency))
    rows.push(row(await measure(keys, data, failing, concurrency)))
  }
  console.table(rows)
  explain()
  // #endregion main-levels
}
// #endregion main
