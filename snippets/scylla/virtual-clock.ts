// A simulated clock for async code: `sleep` parks a promise on a virtual timeline and
// `run` jumps straight to the next due timer instead of waiting for real time. Simulated
// seconds cost microseconds, and the same program always prints the same timeline.

interface Timer { at: number, seq: number, wake: () => void }

/**
 * Resolves after every queued promise continuation has run: a macrotask comes after all
 * microtasks. One MessageChannel per run; it is much faster than setTimeout(0), which
 * browsers clamp to 4 ms.
 */
function macrotasks(): { settle: () => Promise<void>, close: () => void } {
  if (typeof MessageChannel === 'undefined') {
    return {
      settle: () => new Promise(resolve => setTimeout(resolve, 0)),
      close: () => {},
    }
  }
  const channel = new MessageChannel()
  const waiting: (() => void)[] = []
  channel.port1.onmessage = () => waiting.shift()?.()
  return {
    settle: () => new Promise((resolve) => {
      waiting.push(resolve)
      channel.port2.postMessage(null)
    }),
    close: () => channel.port1.close(),
  }
}

export class VirtualClock {
  /** Virtual milliseconds since the clock was created. */
  now = 0
  private timers: Timer[] = []
  private seq = 0

  sleep(ms: number): Promise<void> {
    if (!(ms >= 0))
      throw new RangeError(`sleep needs a duration >= 0 ms, got ${ms}`)
    return new Promise((wake) => {
      // Rounded to the nanosecond so that equal sums of floats land on the same instant.
      const timer = { at: Math.round((this.now + ms) * 1e6) / 1e6, seq: this.seq++, wake }
      // Kept sorted by (time, creation order) so equal times wake first-come first-served.
      let low = 0
      let high = this.timers.length
      while (low < high) {
        const mid = (low + high) >> 1
        const other = this.timers[mid]
        if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq))
          low = mid + 1
        else
          high = mid
      }
      this.timers.splice(low, 0, timer)
    })
  }

  /** Number of sleeps not yet woken. */
  get pending(): number {
    return this.timers.length
  }

  /**
   * Drives `task` to completion on virtual time. Only code that waits on this clock (or on
   * already-settled promises) may run inside: real I/O would not be waited for.
   */
  async run<T>(task: Promise<T>): Promise<T> {
    // Set from a promise callback, which the loop's awaits let run.
    const state = { done: false }
    const finished = task.finally(() => {
      state.done = true
    })
    finished.catch(() => {})
    const { settle, close } = macrotasks()
    try {
      await settle()
      while (!state.done) {
        if (this.timers.length === 0)
          throw new Error('VirtualClock.run: the task waits on something other than this clock')
        const at = this.timers[0].at
        this.now = at
        while (this.timers.length > 0 && this.timers[0].at === at)
          this.timers.shift()!.wake()
        await settle()
      }
    }
    finally {
      close()
    }
    return finished
  }
}
