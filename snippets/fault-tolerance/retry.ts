import type { Clock } from './clock'
import type { Random } from './random'

export type GiveUpReason = 'not-retryable' | 'attempts' | 'budget'

export type RetryEvent
  = | { type: 'attempt', attempt: number, at: number }
    | { type: 'success', attempt: number, at: number }
    | { type: 'wait', attempt: number, at: number, ms: number }
    | { type: 'give-up', attempt: number, at: number, reason: GiveUpReason }

export interface RetryOptions {
  clock: Clock
  /** Attempts in all, the first one included. */
  attempts: number
  baseMs: number
  capMs: number
  random?: Random
  retryable?: (error: unknown) => boolean
  budget?: RetryBudget
  signal?: AbortSignal
  onEvent?: (event: RetryEvent) => void
}

/** Errors say whether they are transient; unknown errors are not retried. */
export function isRetryable(error: unknown): boolean {
  return (error as { retryable?: unknown } | null)?.retryable === true
}

// #region backoff
/**
 * "Full jitter": a uniform wait in [0, min(cap, base * 2^n)), so that
 * clients that failed together do not come back together.
 */
// #region backoff-fn
export function backoff(
  retry: number,
  { baseMs, capMs }: { baseMs: number, capMs: number },
  random: Random,
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry))
}
// #endregion backoff-fn
// #endregion backoff

// #region budget
/**
 * A retry costs a token; each new request earns `ratio` of one, up to
 * `reserve`. In an outage, retries add about `ratio` of extra load
 * instead of multiplying it by the number of attempts.
 */
export class RetryBudget {
  #tokens: number

  constructor(readonly options: { ratio: number, reserve: number }) {
    this.#tokens = options.reserve
  }

  get tokens(): number {
    return this.#tokens
  }

  earn(): void {
    this.#tokens = Math.min(this.options.reserve, this.#tokens + this.options.ratio)
  }

  // #region budget-spend
  spend(): boolean {
    if (this.#tokens < 1)
      return false
    this.#tokens -= 1
    return true
  }
  // #endregion budget-spend
}
// #endregion budget

// #region retry
export async function retry<T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { clock, budget, onEvent } = options
  const retryable = options.retryable ?? isRetryable
  budget?.earn()
  for (let attempt = 1; ; attempt++) {
    onEvent?.({
      type: 'attempt',
      attempt,
      at: clock.now(),
    })
    try {
      const result = await call(attempt)
      onEvent?.({
        type: 'success',
        attempt,
        at: clock.now(),
      })
      return result
    }
    // #region retry-decide
    catch (error) {
      const reason: GiveUpReason | undefined = !retryable(error)
        ? 'not-retryable'
        : attempt >= options.attempts
          ? 'attempts'
          : budget && !budget.spend()
            ? 'budget'
            : undefined
      // #endregion retry-decide
      if (reason) {
        onEvent?.({
          type: 'give-up',
          attempt,
          at: clock.now(),
          reason,
        })
        throw error
      }
      // #region retry-wait
      const ms = backoff(attempt - 1, options, options.random ?? Math.random)
      onEvent?.({
        type: 'wait',
        attempt,
        at: clock.now(),
        ms,
      })
      await clock.sleep(ms, options.signal)
      // #endregion retry-wait
    }
  }
}
// #endregion retry
