import type { Key } from './hashing'
import { md5Uint64 } from './hashing'

/** A node's score for a key: md5 of "<node>-<key>", first 8 bytes. */
export function rendezvousWeight(key: Key, node: string): bigint {
  return md5Uint64(`${node}-${String(key)}`)
}

/** Highest random weight (Thaler & Ravishankar): score every node for this key, take the best. */
// #region rendezvous
export function rendezvousNode(key: Key, nodes: readonly string[]): string {
  if (!nodes.length)
    throw new RangeError('no nodes')
  // #region rendezvousLoop
  let best = nodes[0]
  let bestWeight = rendezvousWeight(key, best)
  for (const node of nodes.slice(1)) {
    const weight = rendezvousWeight(key, node)
    if (weight > bestWeight || (weight === bestWeight && node < best)) {
      best = node
      bestWeight = weight
    }
  }
  return best
  // #endregion rendezvousLoop
}
// #endregion rendezvous

/** The k best nodes for a key: the first is the owner, the next ones hold its replicas. */
export function rendezvousTop(key: Key, nodes: readonly string[], k: number): string[] {
  return nodes
    .map(node => ({
      node,
      weight: rendezvousWeight(key, node),
    }))
    .sort((a, b) => a.weight > b.weight
      ? -1
      : a.weight < b.weight
        ? 1
        : a.node < b.node
          ? -1
          : 1)
    .slice(0, k)
    .map(scored => scored.node)
}
