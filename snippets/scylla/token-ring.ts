import { MIN_TOKEN, tokenOfText } from './murmur3-token'

// Token-aware routing: each node owns the ring range (previous token, its token], and a
// partition lives on the node owning its token, plus the next distinct nodes clockwise
// for the other replicas (SimpleStrategy). The same ring as consistent hashing, with
// Murmur3 tokens as the points.

export interface RingNode {
  name: string
  tokens: readonly bigint[]
}

export interface TokenRange {
  /** Exclusive start: the previous token on the ring. */
  start: bigint
  /** Inclusive end: the owning node's token. */
  end: bigint
  node: string
}

const RING_SIZE = 1n << 64n

export class TokenRing {
  private readonly points: { token: bigint, node: string }[]
  readonly nodes: string[]

  constructor(nodes: readonly RingNode[]) {
    this.points = nodes.flatMap(node => node.tokens.map(token => ({ token, node: node.name })))
      .sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0))
    if (this.points.length === 0)
      throw new Error('a ring needs at least one token')
    for (let i = 1; i < this.points.length; i++) {
      if (this.points[i].token === this.points[i - 1].token)
        throw new Error(`token ${this.points[i].token} is claimed twice`)
    }
    this.nodes = nodes.map(node => node.name)
  }

  /** Index of the first ring point whose token is >= `token`, wrapping past the last. */
  // #region primary
  private primaryIndex(token: bigint): number {
    let low = 0
    let high = this.points.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.points[mid].token < token)
        low = mid + 1
      else
        high = mid
    }
    return low === this.points.length ? 0 : low
  }
  // #endregion primary

  // #region replicas
  /** SimpleStrategy: the owner, then the next distinct nodes clockwise. */
  replicasFor(token: bigint, replicationFactor: number): string[] {
    const replicas: string[] = []
    const wanted = Math.min(replicationFactor, this.nodes.length)
    const first = this.primaryIndex(token)
    for (let step = 0; replicas.length < wanted && step < this.points.length; step++) {
      const { node } = this.points[(first + step) % this.points.length]
      if (!replicas.includes(node))
        replicas.push(node)
    }
    return replicas
  }
  // #endregion replicas

  replicasOfKey(key: string, replicationFactor: number): string[] {
    return this.replicasFor(tokenOfText(key), replicationFactor)
  }

  /** Every range of the ring with its owner; the first one wraps around the end. */
  ranges(): TokenRange[] {
    return this.points.map((point, i) => ({
      start: this.points[(i - 1 + this.points.length) % this.points.length].token,
      end: point.token,
      node: point.node,
    }))
  }

  /** Share of the whole token space each node owns as primary, from 0 to 1. */
  ownership(): Map<string, number> {
    const owned = new Map(this.nodes.map(node => [node, 0n]))
    if (this.points.length === 1)
      return new Map([[this.points[0].node, 1]])
    for (const range of this.ranges()) {
      const width = (range.end - range.start + RING_SIZE) % RING_SIZE
      owned.set(range.node, owned.get(range.node)! + width)
    }
    return new Map([...owned].map(([node, width]) => [node, Number(width) / Number(RING_SIZE)]))
  }
}

/** `count` tokens spread evenly over the ring, as one computes `initial_token` by hand. */
export function evenTokens(count: number): bigint[] {
  return Array.from({ length: count }, (_, i) => MIN_TOKEN + RING_SIZE * BigInt(i) / BigInt(count))
}

/** Vnodes for a node: tokens of "<name>#<i>", a deterministic stand-in for random tokens. */
export function vnodeTokens(name: string, count: number): bigint[] {
  return Array.from({ length: count }, (_, i) => tokenOfText(`${name}#${i}`))
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`
}

// #region main
export default async function main(): Promise<void> {
  const names = ['node-a', 'node-b', 'node-c', 'node-d']
  const ring = new TokenRing(names.map(name => ({ name, tokens: vnodeTokens(name, 16) })))
  console.log('4 nodes × 16 vnodes, replication factor 3 (an illustration)')
  // #region main-replicas
  console.table(['partner-42', 'cookie-7', 'user@example.com'].map(key => ({
    key,
    token: tokenOfText(key).toString(),
    replicas: ring.replicasOfKey(key, 3).join(', '),
  })))
  // #endregion main-replicas
  console.table([...ring.ownership()].map(([node, share]) => ({ node, owns: percent(share) })))

  // A fifth node takes over only the ranges just before its own tokens.
  const bigger = new TokenRing([...names, 'node-e'].map(name => ({ name, tokens: vnodeTokens(name, 16) })))
  const tokens = Array.from({ length: 20_000 }, (_, i) => tokenOfText(`cookie-${i}`))
  const moved = tokens.filter(token => ring.replicasFor(token, 1)[0] !== bigger.replicasFor(token, 1)[0])
  console.log(`Adding node-e moves the primary replica of ${percent(moved.length / tokens.length)} of 20,000 keys`)
  console.log(`(node-e now owns ${percent(bigger.ownership().get('node-e')!)} of the ring)`)
}
// #endregion main
