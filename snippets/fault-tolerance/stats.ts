/** Nearest-rank percentile of ascending `sorted` values: always a value that was observed. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length)
    return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** A share as a percentage with one decimal, for tables. */
export function percent(part: number, whole: number): number {
  return whole ? Math.round((1000 * part) / whole) / 10 : 0
}
