import type { VirtualClock } from './virtual-clock'
import { seededRandom } from '../fault-tolerance/random'

// An in-process stand-in for a database server, on a virtual clock. The model:
// - the server works on at most `slots` requests at once (think cores × queue depth);
//   any further request waits in a first-come first-served queue;
// - each request holds a slot for a service time drawn uniformly in
//   [1 - jitter, 1 + jitter] × `serviceMs` (jitter 0.5 unless set) from a seeded
//   generator: the same run prints the same figures; times are rounded to
//   `resolutionMs` (0.1 ms unless set), so that the simulation has fewer distinct instants;
// - the answer then travels back over the network: `roundTripMs`, no slot held.
// Its capacity is slots / serviceMs requests per ms, whatever the clients do.

export interface StoreModel {
  slots: number
  serviceMs: number
  roundTripMs: number
  jitter?: number
  resolutionMs?: number
  seed?: number
}

export class RequestTimeout extends Error {
  constructor(readonly key: string) {
    super(`request for ${key} timed out`)
  }
}

export class SimulatedStore<V> {
  private busy = 0
  private queue: (() => void)[] = []
  private random: () => number

  /** Requests for keys in `failing` time out, as a flaky replica would. */
  constructor(
    private readonly data: ReadonlyMap<string, V>,
    private readonly clock: VirtualClock,
    readonly model: StoreModel,
    private readonly failing: ReadonlySet<string> = new Set(),
  ) {
    if (!(Number.isInteger(model.slots) && model.slots >= 1))
      throw new RangeError(`slots must be an integer >= 1, got ${model.slots}`)
    this.random = seededRandom(model.seed ?? 42)
  }

  /** Most requests the server can complete per second of virtual time. */
  get capacityPerSecond(): number {
    return this.model.slots / this.model.serviceMs * 1000
  }

  async get(key: string): Promise<V | undefined> {
    await this.acquire()
    try {
      const jitter = this.model.jitter ?? 0.5
      const step = this.model.resolutionMs ?? 0.1
      const service = this.model.serviceMs * (1 - jitter + 2 * jitter * this.random())
      await this.clock.sleep(Math.max(step, Math.round(service / step) * step))
    }
    finally {
      this.release()
    }
    await this.clock.sleep(this.model.roundTripMs)
    if (this.failing.has(key))
      throw new RequestTimeout(key)
    return this.data.get(key)
  }

  private acquire(): Promise<void> {
    if (this.busy < this.model.slots) {
      this.busy++
      return Promise.resolve()
    }
    return new Promise(resolve => this.queue.push(resolve))
  }

  private release(): void {
    const next = this.queue.shift()
    if (next)
      next() // the slot passes straight to the oldest waiter
    else
      this.busy--
  }
}
