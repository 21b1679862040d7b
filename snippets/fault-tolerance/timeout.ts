import type { Clock } from './clock'

export class TimeoutError extends Error {
  override name = 'TimeoutError'
  /** A timeout says nothing about the next try: worth retrying. */
  readonly retryable = true

  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`)
  }
}

export interface TimeoutOptions {
  clock: Clock
  /** The caller's own cancellation (its deadline, a user leaving the page): passed on to `work`. */
  signal?: AbortSignal
}

// Ends the deadline timer once the work settled; a shared reason spares a DOMException per call.
const SETTLED = new Error('settled before the deadline')

/**
 * At most `ms`: then the caller gets a TimeoutError at once, and the
 * work's signal aborts so a cooperative call frees its connection.
 */
// #region timeout
export async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  { clock, signal }: TimeoutOptions,
): Promise<T> {
  // #region timeout-deadline
  signal?.throwIfAborted()
  const controller = new AbortController()
  const timer = new AbortController()
  const cancel = () => controller.abort(signal?.reason)
  signal?.addEventListener('abort', cancel, { once: true })
  const deadline = clock.sleep(ms, timer.signal).then(() => {
    const error = new TimeoutError(ms)
    controller.abort(error)
    throw error
  })
  // #endregion timeout-deadline
  // #region timeout-race
  try {
    return await Promise.race([
      work(controller.signal),
      deadline,
    ])
  }
  finally {
    timer.abort(SETTLED) // the deadline must not outlive the call
    signal?.removeEventListener('abort', cancel)
  }
  // #endregion timeout-race
}
// #endregion timeout
