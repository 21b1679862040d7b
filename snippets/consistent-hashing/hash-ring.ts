import type { Key } from './hashing'
import { ketamaPoint, md5Digest, md5Int } from './hashing'

// A port of uhashring 2.x (ultrabug/uhashring: ring.py, ring_meta.py, ring_ketama.py)
// that gives the same node for every key, so a TypeScript and a Python service can
// share one ring. Where uhashring has a quirk, this keeps it: compatibility first.

export type HashFn = 'md5' | 'ketama'

export interface NodeConf {
  hostname: string
  instance: unknown
  nodename: string
  port: number | null
  vnodes: number
  weight: number
}

/** A node's configuration: a weight, or some of the NodeConf fields (others are ignored, as in uhashring). */
export type NodeSpec = number | Partial<NodeConf> & Record<string, unknown>
/** A name, a list of names, or names mapped to a weight or a configuration. */
export type Nodes = string | string[] | Record<string, NodeSpec> | Map<string, NodeSpec>

export interface HashRingOptions {
  hashFn?: HashFn
  /** Points per node: 160 in md5 mode, 40 digests in ketama mode. */
  vnodes?: number
  /** Ketama only: 32-bit points cut from each digest (default 4, at most 4). */
  replicas?: number
}

export type Point = [position: bigint, nodename: string]

const CONF_KEYS = [
  'hostname',
  'instance',
  'nodename',
  'port',
  'vnodes',
  'weight',
] as const

function isPythonInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

// #region lookup
/** Python's bisect.bisect_right: the first index whose value is strictly greater than x. */
export function bisectRight(sorted: bigint[], x: bigint): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (x < sorted[mid])
      hi = mid
    else
      lo = mid + 1
  }
  return lo
}
// #endregion lookup

export class HashRing {
  readonly hashFn: HashFn
  /** Size of the hash space the points live in: 2^128 (md5) or 2^32 (ketama). */
  readonly space: bigint
  private readonly defaultVnodes: number
  private readonly replicas: number
  private readonly nodes = new Map<string, NodeConf>()
  private ring = new Map<bigint, string>()
  // Sorted positions; in ketama mode a position two nodes share appears twice, like uhashring's insort.
  private keys: bigint[] = []
  private counts = new Map<string, number>()

  constructor(nodes: Nodes = [], options: HashRingOptions = {}) {
    this.hashFn = options.hashFn ?? 'md5'
    if (this.hashFn !== 'md5' && this.hashFn !== 'ketama')
      throw new TypeError(`hashFn must be 'md5' or 'ketama', got ${String(this.hashFn)}`)
    this.space = this.hashFn === 'ketama'
      ? 2n ** 32n
      : 2n ** 128n
    this.defaultVnodes = options.vnodes ?? (this.hashFn === 'ketama'
      ? 40
      : 160)
    this.replicas = options.replicas ?? 4
    if (this.configure(nodes))
      this.createRing([...this.nodes])
  }

  /** The position of a key (or of a point name) on the ring. */
  hashi(key: Key): bigint {
    return this.hashFn === 'ketama'
      ? BigInt(ketamaPoint(md5Digest(key)))
      : md5Int(key)
  }

  // #region getNode
  /** The node owning a key: the first point strictly after its hash, wrapping to the first. */
  // #region getServer
  getServer(key: Key): Point | undefined {
    if (this.ring.size === 0)
      return undefined
    let pos = bisectRight(this.keys, this.hashi(key))
    if (pos === this.keys.length)
      pos = 0
    const point = this.keys[pos]
    return [
      point,
      this.ring.get(point)!,
    ]
  }
  // #endregion getServer
  // #endregion getNode

  getNode(key: Key): string | undefined {
    return this.getServer(key)?.[1]
  }

  getNodeConf(key: Key): NodeConf | undefined {
    const name = this.getNode(key)
    return name === undefined
      ? undefined
      : this.nodes.get(name)
  }

  /** Adds a node, or updates its configuration (default `{ weight: 1 }`, as uhashring). */
  addNode(name: string, conf: NodeSpec = { weight: 1 }): void {
    if (this.configure(new Map([
      [name, conf],
    ]))) {
      this.createRing([
        [
          name,
          this.nodes.get(name)!,
        ],
      ])
    }
  }

  removeNode(name: string): void {
    const conf = this.nodes.get(name)
    if (!conf) {
      throw new Error(`KeyError: node '${name}' not found, available nodes: ${[
        ...this.nodes.keys(),
      ].join(', ')}`)
    }
    this.nodes.delete(name)
    if (this.hashFn === 'ketama')
      return this.createRing([...this.nodes])
    this.counts.delete(name)
    for (let w = 0; w < conf.vnodes * conf.weight; w++)
      this.ring.delete(this.hashi(`${name}-${w}`))
    this.keys = [
      ...this.ring.keys(),
    ].sort(compare)
  }

  getNodes(): string[] {
    return [
      ...this.nodes.keys(),
    ]
  }

  getConf(name: string): NodeConf | undefined {
    return this.nodes.get(name)
  }

  /** Every point in ring order, as uhashring's get_points(): [position, node]. */
  getPoints(): Point[] {
    return this.keys.map(point => [
      point,
      this.ring.get(point)!,
    ])
  }

  /** Points per node (uhashring's `distribution` Counter). */
  distribution(): Map<string, number> {
    return new Map(this.counts)
  }

  get size(): number {
    return this.ring.size
  }

  // Mirrors HashRing._configure_nodes: returns whether the ring must be rebuilt.
  private configure(nodes: Nodes): boolean {
    const entries: [string, NodeSpec | undefined][] = typeof nodes === 'string'
      ? [
          [nodes, undefined],
        ]
      : Array.isArray(nodes)
        ? nodes.map(name => [name, undefined])
        : nodes instanceof Map
          ? [...nodes]
          : Object.entries(nodes)
    let changed = false
    for (const [name, spec] of entries) {
      const conf: NodeConf = {
        hostname: name,
        instance: null,
        nodename: name,
        port: null,
        vnodes: this.defaultVnodes,
        weight: 1,
      }
      const current = this.nodes.get(name) as Record<string, unknown> | undefined
      if (!current)
        changed = true
      if (spec !== undefined) {
        if (isPythonInt(spec)) {
          conf.weight = spec
        }
        else if (spec && typeof spec === 'object') {
          const fields = conf as unknown as Record<string, unknown>
          for (const [k, v] of Object.entries(spec)) {
            if (!(CONF_KEYS as readonly string[]).includes(k))
              continue
            fields[k] = v
            if ((k === 'nodename' || k === 'vnodes' || k === 'weight') && current?.[k] !== v)
              changed = true
          }
        }
        else {
          throw new TypeError(`ValueError: node configuration should be a dict or an int, got ${typeof spec}`)
        }
      }
      if (!isPythonInt(conf.weight) || !isPythonInt(conf.vnodes))
        throw new TypeError(`node ${name}: weight and vnodes must be integers`)
      if (current?.weight !== conf.weight)
        changed = true
      this.nodes.set(name, conf)
    }
    return changed
  }

  private createRing(nodes: [string, NodeConf][]): void {
    if (this.hashFn === 'ketama')
      return this.createKetamaRing()
    // uhashring's MetaRing only adds the given nodes' points: re-adding a node with a
    // smaller weight keeps its old points. Kept on purpose, for identical rings.
    // #region points
    for (const [name, conf] of nodes) {
      for (let w = 0; w < conf.vnodes * conf.weight; w++) {
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1)
        this.ring.set(this.hashi(`${name}-${w}`), name)
      }
    }
    this.keys = [
      ...this.ring.keys(),
    ].sort(compare)
    // #endregion points
  }

  private createKetamaRing(): void {
    let weightSum = 0
    for (const conf of this.nodes.values())
      weightSum += conf.weight
    if (this.nodes.size && weightSum <= 0)
      throw new RangeError('ZeroDivisionError: the nodes\' weights add up to 0')
    const ring = new Map<bigint, string>()
    const keys: bigint[] = []
    const counts = new Map<string, number>()
    for (const [name, conf] of this.nodes) {
      // #region ketama
      // libketama's share of the vnodes * n digests, an integer division like Python's //
      // #region ketamaLoop
      const share = conf.vnodes * this.nodes.size * conf.weight
      const digests = (share - share % weightSum) / weightSum
      for (let w = 0; w < digests; w++) {
        const digest = md5Digest(`${name}-${w}`)
        for (let r = 0; r < this.replicas; r++) {
          const point = BigInt(ketamaPoint(digest, r)) // 4 bytes, little-endian
          ring.set(point, name)
          keys.push(point)
          counts.set(name, (counts.get(name) ?? 0) + 1)
        }
      }
      // #endregion ketamaLoop
      // #endregion ketama
    }
    this.ring = ring
    this.keys = keys.sort(compare)
    this.counts = counts
  }
}

function compare(a: bigint, b: bigint): number {
  return a < b
    ? -1
    : a > b
      ? 1
      : 0
}
