import type { Clock } from './clock'

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface Transition {
  at: number
  from: BreakerState
  to: BreakerState
  reason: string
}

export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError'
  /** Failing fast is the point: retrying would only wait for the cool-down. */
  readonly retryable = false

  constructor(readonly retryAt: number) {
    super(`circuit open until t=${retryAt} ms`)
  }
}

export interface BreakerOptions {
  clock: Clock
  /** Consecutive failures that open the circuit. */
  failureThreshold: number
  /** How long it stays open before letting one trial call through. */
  coolDownMs: number
  /** Successful trial calls needed to close it again. */
  successThreshold?: number
  /** Which errors count against the dependency (a "not found" usually does not). */
  isFailure?: (error: unknown) => boolean
}

/**
 * Closed: calls go through, consecutive failures are counted. Open: calls fail at once
 * until the cool-down ends. Half-open: one trial call at a time decides.
 */
export class CircuitBreaker {
  readonly transitions: Transition[] = []
  readonly counts = {
    calls: 0,
    successes: 0,
    failures: 0,
    rejected: 0,
  }

  #state: BreakerState = 'closed'
  #failures = 0
  #trialSuccesses = 0
  #trialInFlight = false
  #openedAt = 0
  #listeners = new Set<(transition: Transition) => void>()

  constructor(readonly options: BreakerOptions) {}

  get state(): BreakerState {
    return this.#state
  }

  /** Consecutive failures counted while closed. */
  get failures(): number {
    return this.#failures
  }

  get retryAt(): number | undefined {
    return this.#state === 'open'
      ? this.#openedAt + this.options.coolDownMs
      : undefined
  }

  onTransition(listener: (transition: Transition) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  // #region call
  async call<T>(work: () => Promise<T>): Promise<T> {
    const now = this.options.clock.now()
    if (this.#state === 'open' && now >= this.#openedAt + this.options.coolDownMs)
      this.#move('half-open', 'cool-down over')
    if (this.#state === 'open' || (this.#state === 'half-open' && this.#trialInFlight)) {
      this.counts.rejected++
      throw new CircuitOpenError(this.#openedAt + this.options.coolDownMs)
    }
    const trial = this.#state === 'half-open'
    this.#trialInFlight ||= trial
    this.counts.calls++
    // #region call-outcome
    try {
      const result = await work()
      this.#succeeded(trial)
      return result
    }
    catch (error) {
      if (this.options.isFailure?.(error) ?? true)
        this.#failed(trial)
      else
        this.#succeeded(trial)
      throw error
    }
    // #endregion call-outcome
  }
  // #endregion call

  #succeeded(trial: boolean): void {
    this.counts.successes++
    if (trial) {
      this.#trialInFlight = false
      if (++this.#trialSuccesses >= (this.options.successThreshold ?? 1))
        this.#move('closed', 'trial call succeeded')
    }
    else if (this.#state === 'closed') {
      this.#failures = 0
    }
  }

  #failed(trial: boolean): void {
    this.counts.failures++
    if (trial) {
      this.#trialInFlight = false
      this.#move('open', 'trial call failed')
    }
    // Late answers to calls made before the circuit opened change nothing.
    else if (this.#state === 'closed' && ++this.#failures >= this.options.failureThreshold) {
      this.#move('open', `${this.#failures} failures in a row`)
    }
  }

  #move(to: BreakerState, reason: string): void {
    const transition: Transition = {
      at: this.options.clock.now(),
      from: this.#state,
      to,
      reason,
    }
    this.#state = to
    this.#failures = 0
    this.#trialSuccesses = 0
    if (to === 'open')
      this.#openedAt = transition.at
    this.transitions.push(transition)
    for (const listener of this.#listeners)
      listener(transition)
  }
}
