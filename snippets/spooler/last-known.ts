// Reads degrade instead of failing: when the store is down, serve the last value it gave.

// #region last-known
export function lastKnown<T>(read: () => Promise<T>): () => Promise<{ value: T, stale: boolean }> {
  // #region last-known-body
  let last: { value: T } | undefined
  return async () => {
    try {
      last = { value: await read() }
      return { value: last.value, stale: false }
    }
    catch (error) {
      if (!last)
        throw error
      return { value: last.value, stale: true }
    }
  }
  // #endregion last-known-body
}
// #endregion last-known
