// Node-only: picks a real backend by name (the memory one lives in the browser too).
import type { Registry, RegistryOptions } from './registry'
import { connectEtcd } from './etcd'
import { connectZooKeeper } from './zookeeper'

export type RealBackend = 'etcd' | 'zookeeper'

export function connect(backend: RealBackend, hosts: string, options: RegistryOptions = {}): Promise<Registry> {
  return backend === 'etcd'
    ? connectEtcd({ hosts, ...options })
    : connectZooKeeper({ hosts, ...options })
}
