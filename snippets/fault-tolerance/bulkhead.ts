export class BulkheadFullError extends Error {
  override name = 'BulkheadFullError'
  /** Shed load is shed: retrying at once would only add to the queue it was refused from. */
  readonly retryable = false

  constructor() {
    super('too many calls in progress: shed')
  }
}

export interface BulkheadOptions {
  maxConcurrent: number
  maxQueue: number
}

/**
 * At most `maxConcurrent` calls run, `maxQueue` more wait their turn, any other call
 * is refused at once: a slow dependency ties up a bounded share of the caller.
 */
export class Bulkhead {
  readonly stats = { admitted: 0, queued: 0, shed: 0 }
  #active = 0
  #queue: (() => void)[] = []

  constructor(readonly options: BulkheadOptions) {}

  get active(): number {
    return this.#active
  }

  get queued(): number {
    return this.#queue.length
  }

  // #region run
  // #region run-admit
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active < this.options.maxConcurrent) {
      this.#active++
    }
    else if (this.#queue.length < this.options.maxQueue) {
      this.stats.queued++
      await new Promise<void>(resolve => this.#queue.push(resolve))
    }
    else {
      this.stats.shed++
      throw new BulkheadFullError()
    }
    // #endregion run-admit
    // #region run-release
    this.stats.admitted++
    try {
      return await work()
    }
    finally {
      const next = this.#queue.shift()
      if (next)
        next() // hand the slot over: #active stays the same
      else
        this.#active--
    }
    // #endregion run-release
  }
  // #endregion run
}
