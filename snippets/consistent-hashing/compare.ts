import { HashRing } from './hash-ring'
import { jumpNode } from './jump'
import { moduloNode } from './modulo'
import { rendezvousNode } from './rendezvous'

/** Places every key on the current nodes; `grow` then adds one node. */
export interface Placement {
  owners: (keys: string[]) => string[]
  grow: (node: string) => void
}

type Method = [name: string, start: (nodes: string[]) => Placement]

// Stateless methods only need the node list: growing appends to it.
function stateless(place: (key: string, nodes: readonly string[]) => string) {
  return (nodes: string[]): Placement => {
    const current = [...nodes]
    return {
      owners: keys => keys.map(key => place(key, current)),
      grow: node => void current.push(node),
    }
  }
}

function ring(options: ConstructorParameters<typeof HashRing>[1]) {
  return (nodes: string[]): Placement => {
    const hashRing = new HashRing(nodes, options)
    return {
      owners: keys => keys.map(key => hashRing.getNode(key)!),
      grow: node => hashRing.addNode(node),
    }
  }
}

export const methods: Method[] = [
  [
    'modulo (md5 % n)',
    stateless(moduloNode),
  ],
  [
    'ring, 160 md5 vnodes',
    ring({}),
  ],
  [
    'ketama (40 × 4 points)',
    ring({ hashFn: 'ketama' }),
  ],
  [
    'ring, 10 md5 vnodes',
    ring({ vnodes: 10 }),
  ],
  [
    'jump hash',
    stateless(jumpNode),
  ],
  [
    'rendezvous',
    stateless(rendezvousNode),
  ],
]

export const keyNames = (count: number) => Array.from({ length: count }, (_, i) => `key-${i}`)
export const nodeNames = (count: number) => Array.from({ length: count }, (_, i) => `node-${i}`)

/** Standard deviation of the keys per node over their mean (population std-dev). */
export function relativeStdDev(owners: string[], nodes: string[]): number {
  const counts = new Map(nodes.map(node => [node, 0]))
  for (const owner of owners)
    counts.set(owner, counts.get(owner)! + 1)
  const mean = owners.length / nodes.length
  const variance = [
    ...counts.values(),
  ].reduce((sum, count) => sum + (count - mean) ** 2, 0) / nodes.length
  return Math.sqrt(variance) / mean
}

export interface Row {
  method: string
  moved: number
  spreadBefore: number
  spreadAfter: number
}

// #region measure
/** Adds one node to `nodeCount` and measures, for each method, the share of keys that move. */
export function compare(nodeCount: number, keyCount: number): Row[] {
  const keys = keyNames(keyCount)
  const nodes = nodeNames(nodeCount + 1)
  const before = nodes.slice(0, nodeCount)
  return methods.map(([method, start]) => {
    // #region measureCore
    const placement = start(before)
    const owners = placement.owners(keys)
    placement.grow(nodes[nodeCount])
    const after = placement.owners(keys)
    const moved = keys.filter((_, i) => owners[i] !== after[i]).length / keyCount
    // #endregion measureCore
    return {
      method,
      moved,
      spreadBefore: relativeStdDev(owners, before),
      spreadAfter: relativeStdDev(after, nodes),
    }
  })
}
// #endregion measure

const percent = (x: number) => `${(100 * x).toFixed(2)} %`

// #region main
export default async function main(): Promise<void> {
  const [nodes, keys] = [10, 100_000]
  console.log(`${keys} keys, ${nodes} → ${nodes + 1} nodes; ideal share moved: ${percent(1 / (nodes + 1))}`)
  console.table(compare(nodes, keys).map(row => ({
    'method': row.method,
    'keys moved': percent(row.moved),
    'spread, 10 nodes': percent(row.spreadBefore),
    'spread, 11 nodes': percent(row.spreadAfter),
  })))
}
// #endregion main
