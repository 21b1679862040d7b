// The one small interface every backend implements: the slides, the topology component and
// the tests talk to etcd, ZooKeeper, Consul or the in-memory store through it alone.

// #region registry
export interface Provider {
  service: string
  /** Unique within the service, e.g. `host:port`. */
  id: string
  address: string
  /** Only backends that run checks know it (memory: missed heartbeats, Consul: checks). */
  health?: 'passing' | 'critical'
}

export interface Registration {
  /** Leave on purpose; a crash instead leaves it to the TTL / session timeout. */
  deregister: () => Promise<void>
}

export type Unwatch = () => Promise<void>

// #region interface
export interface Registry {
  readonly backend: 'memory' | 'etcd' | 'zookeeper' | 'consul'
  /** Lives as long as this client keeps it alive (lease keep-alive, session, heartbeat). */
  register: (provider: Provider) => Promise<Registration>
  providers: (service: string) => Promise<Provider[]>
  /** Called with the current list, then again each time the list changes. */
  watch: (service: string, onChange: (providers: Provider[]) => void) => Promise<Unwatch>
  getConfig: (key: string) => Promise<string | undefined>
  setConfig: (key: string, value: string) => Promise<void>
  /** Deregisters what this client registered, stops its watches, disconnects. */
  close: () => Promise<void>
}
// #endregion interface
// #endregion registry

export interface RegistryOptions {
  /** How long a provider outlives its last sign of life (lease TTL, session timeout). */
  ttlMs?: number
  /** Root of the key layout, as in the talk's `/ep2016/providers/host:port`. */
  root?: string
  /** Bound on connecting and on each call: a dead address fails instead of hanging. */
  timeoutMs?: number
}

export const defaults = { ttlMs: 5000, root: 'ep2016', timeoutMs: 3000 }

export class RegistryUnavailableError extends Error {
  override name = 'RegistryUnavailableError'
}

// #region layout
/** "Service discovery" on a key/value store is a naming convention. */
export const layout = {
  service: (root: string, service: string) => `/${root}/providers/${service}`,
  provider: (root: string, provider: Provider) => `/${root}/providers/${provider.service}/${provider.id}`,
  config: (root: string, key: string) => `/${root}/config/${key}`,
}
// #endregion layout

export function byId(providers: Provider[]): Provider[] {
  return [...providers].sort((a, b) => a.id.localeCompare(b.id))
}

/** Wraps a watch callback so it only fires when the list really changed. */
export function onlyChanges(onChange: (providers: Provider[]) => void): (providers: Provider[]) => void {
  let last: string | undefined
  return (providers) => {
    const sorted = byId(providers)
    const signature = JSON.stringify(sorted)
    if (signature === last)
      return
    last = signature
    onChange(sorted)
  }
}

export function parseProvider(text: string): Provider | undefined {
  try {
    const value = JSON.parse(text) as Partial<Provider>
    if (typeof value.service === 'string' && typeof value.id === 'string' && typeof value.address === 'string')
      return { service: value.service, id: value.id, address: value.address }
  }
  catch {}
  return undefined
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

export function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RegistryUnavailableError(message())), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
