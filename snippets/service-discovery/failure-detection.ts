// Node-only demo: real etcd and ZooKeeper servers, providers in real processes, SIGKILL one
// and time how long a watcher takes to see it gone: the talk's failure-detection latency.
import type { Child } from '../testing/child'
import type { TestServer } from '../testing/servers'
import type { RealBackend } from './connect'
import type { Provider } from './registry'
import { fileURLToPath } from 'node:url'
import { runTs } from '../testing/child'
import { startEtcd, startZooKeeper } from '../testing/servers'
import { connect } from './connect'
import { sleep } from './registry'

export interface DetectionOptions {
  /** Lease TTL (etcd) or session timeout (ZooKeeper), 5 s in the 2016 demo. */
  ttlMs: number
  providers: number
  /** ZooKeeper's tick; Debian's default is 2000 ms. */
  zookeeperTickMs?: number
}

export interface Detection {
  backend: RealBackend
  ttlMs: number
  killed: string
  detectedMs: number
}

const providerProcess = fileURLToPath(new URL('./provider-process.ts', import.meta.url))
function startServer(backend: RealBackend, options: DetectionOptions): Promise<TestServer> {
  return backend === 'etcd' ? startEtcd() : startZooKeeper({ tickMs: options.zookeeperTickMs })
}

// #region measure
/** Kills the providers one by one; each kill lands at a random point of the heartbeat cycle. */
export async function measureDetection(backend: RealBackend, options: DetectionOptions): Promise<Detection[]> {
  const server = await startServer(backend, options)
  const children: Child[] = []
  const watcher = await connect(backend, server.address, { ttlMs: options.ttlMs })
  try {
    let current: string[] = []
    let changed = () => {}
    await watcher.watch('api', (list) => {
      current = list.map(p => p.id)
      changed()
    })
    // #region measure-gone
    const gone = (id: string) => new Promise<number>((resolve) => {
      changed = () => !current.includes(id) && resolve(performance.now())
    })
    // #endregion measure-gone

    for (let i = 1; i <= options.providers; i++) {
      const provider: Provider = { service: 'api', id: `provider-${i}`, address: `127.0.0.1:${2000 + i}` }
      const child = runTs(providerProcess, [JSON.stringify({ backend, hosts: server.address, ttlMs: options.ttlMs, provider })])
      children.push(child)
    }
    await Promise.all(children.map((child, i) => child.waitFor(new RegExp(`registered provider-${i + 1}$`))))

    const results: Detection[] = []
    for (const [i, child] of children.entries()) {
      // #region measure-kill
      const id = `provider-${i + 1}`
      await sleep(Math.random() * options.ttlMs)
      const seen = gone(id)
      const killedAt = performance.now()
      await child.kill('SIGKILL')
      // #endregion measure-kill
      results.push({ backend, ttlMs: options.ttlMs, killed: id, detectedMs: Math.round(await seen - killedAt) })
    }
    return results
  }
  finally {
    await Promise.all(children.map(child => child.kill('SIGKILL')))
    await watcher.close()
    await server.dispose()
  }
}
// #endregion measure

// #region main
export default async function main(): Promise<void> {
  const options: DetectionOptions = { ttlMs: 5000, providers: 3, zookeeperTickMs: 2000 }
  console.log(`${options.providers} providers per backend, TTL / session timeout ${options.ttlMs} ms, SIGKILL one at a time`)
  const rows: Detection[] = []
  for (const backend of ['etcd', 'zookeeper'] as const)
    rows.push(...await measureDetection(backend, options))
  console.table(rows)
  for (const backend of ['etcd', 'zookeeper'] as const) {
    const times = rows.filter(row => row.backend === backend).map(row => row.detectedMs)
    console.log(`${backend}: detected in ${Math.min(...times)}–${Math.max(...times)} ms`)
  }
}
// #endregion main
