import type { Clock } from './clock'

/** Runs `work` at virtual time `time` and gives its outcome: how tests and the simulation place calls. */
export async function at<T>(clock: Clock, time: number, work: () => Promise<T>): Promise<T> {
  await clock.sleep(time - clock.now())
  return work()
}

/** Settles to what happened instead of throwing, with the time it happened. */
export async function outcome<T>(clock: Clock, work: Promise<T>): Promise<{ at: number, value?: T, error?: string }> {
  try {
    const value = await work
    return {
      at: clock.now(),
      value,
    }
  }
  catch (error) {
    return {
      at: clock.now(),
      error: (error as Error).name,
    }
  }
}
