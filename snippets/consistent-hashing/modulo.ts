import type { Key } from './hashing'
import { md5Int } from './hashing'

// #region modulo
/** The naive way: md5(key) % n. Changing n moves about n/(n+1) of the keys. */
// #region moduloNode
export function moduloNode<T>(key: Key, nodes: readonly T[]): T {
  if (!nodes.length)
    throw new RangeError('no nodes')
  return nodes[Number(md5Int(key) % BigInt(nodes.length))]
}
// #endregion moduloNode
// #endregion modulo
