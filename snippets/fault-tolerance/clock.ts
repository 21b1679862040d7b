/** Time as the patterns see it: injected, so tests and the simulation run on virtual time. */
export interface Clock {
  now: () => number
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

function aborted(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

// #region real
export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
      return reject(aborted(signal))
    let timer: ReturnType<typeof setTimeout> | undefined
    function onAbort() {
      clearTimeout(timer)
      reject(aborted(signal!))
    }
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  }),
}
// #endregion real

interface Timer {
  at: number
  seq: number
  fire: () => void
}

type Refable = MessagePort & { ref?: () => void, unref?: () => void }
let channel: { port1: Refable, port2: MessagePort } | undefined
const waiting: (() => void)[] = []

/**
 * Resolves after every pending microtask has run: a message is a macrotask, and the
 * engine drains the microtask queue before delivering it. One shared channel is ~10x
 * cheaper than setTimeout(0), which Node clamps to 1 ms; it is unref'd while idle so
 * that it never keeps a Node process alive.
 */
export function settle(): Promise<void> {
  if (!channel) {
    const created = new MessageChannel()
    channel = { port1: created.port1 as Refable, port2: created.port2 }
    channel.port1.onmessage = () => {
      const wake = waiting.shift()
      if (!waiting.length)
        channel!.port1.unref?.()
      wake?.()
    }
    channel.port1.unref?.()
  }
  return new Promise((resolve) => {
    waiting.push(resolve)
    channel!.port1.ref?.()
    channel!.port2.postMessage(null)
  })
}

/**
 * Virtual time that moves only when asked: timers fire in (time, creation) order and
 * the code each one wakes runs to its next wait before the next timer fires, so a
 * run is the same every time and takes no real time.
 */
export class FakeClock implements Clock {
  #now: number
  #seq = 0
  #timers: Timer[] = []

  constructor(start = 0) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  get pendingTimers(): number {
    return this.#timers.length
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted)
        return reject(aborted(signal))
      const timers = this.#timers
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      function onAbort() {
        const index = timers.indexOf(timer)
        if (index >= 0)
          timers.splice(index, 1)
        reject(aborted(signal!))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#insert(timer)
    })
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms
    await settle()
    while (this.#timers.length && this.#timers[0].at <= until) {
      this.#fireNext()
      await settle()
    }
    this.#now = until
  }

  /** Moves time from timer to timer until no timer is left. */
  async runAll(): Promise<void> {
    await settle()
    while (this.#timers.length) {
      this.#fireNext()
      await settle()
    }
  }

  /**
   * Moves time from timer to timer until `work` settles, then returns its outcome.
   * Rejects if `work` is still pending when no timer is left: it would hang forever.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    const state = { done: false }
    const finish = () => {
      state.done = true
    }
    work.then(finish, finish)
    await settle()
    while (!state.done) {
      if (!this.#timers.length)
        throw new Error(`still pending at t=${this.#now} ms with no timer left: it would wait forever`)
      this.#fireNext()
      await settle()
    }
    return work
  }

  #fireNext(): void {
    const timer = this.#timers.shift()!
    this.#now = timer.at
    timer.fire()
  }

  #insert(timer: Timer): void {
    // Binary search keeps insertion O(log n) with thousands of requests in flight.
    let low = 0
    let high = this.#timers.length
    while (low < high) {
      const mid = (low + high) >> 1
      const other = this.#timers[mid]
      if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq))
        low = mid + 1
      else
        high = mid
    }
    this.#timers.splice(low, 0, timer)
  }
}
