import type { Clock } from './clock'

/** What the dependency does with one call. */
export type Behaviour
  = | { outcome: 'ok', latencyMs: number }
    | { outcome: 'fail', latencyMs: number, retryable?: boolean }
  /** Never answers (a dropped packet, a stuck lock): only the caller's abort, or `resetAt`, ends it. */
    | { outcome: 'hang', resetAt?: number }

export class DependencyError extends Error {
  override name = 'DependencyError'

  constructor(message: string, readonly retryable: boolean) {
    super(message)
  }
}

export interface CallRecord {
  index: number
  start: number
  end?: number
  outcome: Behaviour['outcome']
  result?: 'ok' | 'failed' | 'aborted'
}

/**
 * A stand-in for a remote service whose behaviour is scripted per call: tests and the
 * simulation see exactly when each call arrived and how it ended.
 */
export class FlakyDependency {
  readonly calls: CallRecord[] = []
  #inFlight = 0
  #peak = 0

  constructor(readonly clock: Clock, readonly behave: (index: number, now: number) => Behaviour) {}

  get inFlight(): number {
    return this.#inFlight
  }

  /** The most calls it held at once: the sockets and threads a real service would have tied up. */
  get peakInFlight(): number {
    return this.#peak
  }

  async call(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted()
    const record: CallRecord = {
      index: this.calls.length,
      start: this.clock.now(),
      outcome: 'ok',
    }
    const behaviour = this.behave(record.index, record.start)
    record.outcome = behaviour.outcome
    this.calls.push(record)
    this.#peak = Math.max(this.#peak, ++this.#inFlight)
    try {
      const value = await this.#serve(behaviour, record.index, signal)
      record.result = 'ok'
      return value
    }
    catch (error) {
      record.result = signal?.aborted ? 'aborted' : 'failed'
      throw error
    }
    finally {
      record.end = this.clock.now()
      this.#inFlight--
    }
  }

  async #serve(behaviour: Behaviour, index: number, signal?: AbortSignal): Promise<string> {
    if (behaviour.outcome === 'hang') {
      if (behaviour.resetAt === undefined)
        return new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }))
      await this.clock.sleep(behaviour.resetAt - this.clock.now(), signal)
      throw new DependencyError('connection reset', true)
    }
    await this.clock.sleep(behaviour.latencyMs, signal)
    if (behaviour.outcome === 'fail')
      throw new DependencyError('service unavailable', behaviour.retryable ?? true)
    return `value #${index}`
  }
}

/** Fails the first `n` calls, then answers: a restart, a failover. */
export function failsFirst(n: number, latencyMs: number): (index: number) => Behaviour {
  return index => index < n
    ? { outcome: 'fail', latencyMs }
    : { outcome: 'ok', latencyMs }
}

/** Answers in `fastMs`, then from call `from` on in `slowMs`: a database losing its cache. */
export function slowsDownFrom(from: number, fastMs: number, slowMs: number): (index: number) => Behaviour {
  return index => ({
    outcome: 'ok',
    latencyMs: index < from
      ? fastMs
      : slowMs,
  })
}
