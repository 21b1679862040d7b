import { describe, expect, it } from 'vitest'
import { measureDetection } from './failure-detection'

const TTL_MS = 2000

describe('failure-detection demo against real servers', () => {
  // Both clients send a sign of life every TTL/3 (etcd keep-alive, ZooKeeper ping) and the
  // server counts the TTL from the last one: expiry comes 2/3 TTL to 1 TTL after the kill,
  // plus etcd's 500 ms expiry checks, or ZooKeeper's rounding up to a whole tick.
  it.each([
    ['etcd', (TTL_MS * 2) / 3 - 100, TTL_MS + 1000],
    ['zookeeper', (TTL_MS * 2) / 3 - 100, TTL_MS + 500 + 1000],
  ] as const)('%s sees each killed provider gone within its TTL window', async (backend, min, max) => {
    const results = await measureDetection(backend, { ttlMs: TTL_MS, providers: 2, zookeeperTickMs: 500 })
    expect(results.map(r => r.killed)).toEqual(['provider-1', 'provider-2'])
    for (const { detectedMs } of results) {
      expect(detectedMs).toBeGreaterThanOrEqual(min)
      expect(detectedMs).toBeLessThanOrEqual(max)
    }
  }, 60_000)
})
