/** A random source in [0, 1), injected so that jitter and simulations can be replayed. */
export type Random = () => number

/** mulberry32: a tiny seeded PRNG, plenty for jitter and simulated latencies (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
