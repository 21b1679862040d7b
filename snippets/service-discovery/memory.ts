// An in-memory registry "server" with the etcd-style lease semantics, browser-safe: it drives
// the in-slide demo and the topology component through the same Registry interface.
import type { Provider, Registration, Registry, RegistryOptions, Unwatch } from './registry'
import { byId, defaults, layout, onlyChanges } from './registry'

interface Entry {
  provider: Provider
  ttlMs: number
  lastBeat: number
  health: 'passing' | 'critical'
}

/** The shared store: one per "cluster", many clients connect to it. */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>()
  private readonly config = new Map<string, string>()
  private readonly listeners = new Set<(service: string) => void>()
  private sweeper: ReturnType<typeof setInterval> | undefined

  constructor(readonly root = defaults.root, private readonly sweepMs = 100, private readonly now: () => number = () => Date.now()) {}

  put(provider: Provider, ttlMs: number): void {
    this.entries.set(layout.provider(this.root, provider), {
      provider,
      ttlMs,
      lastBeat: this.now(),
      health: 'passing',
    })
    this.sweeper ??= setInterval(() => this.sweep(), this.sweepMs)
    this.changed(provider.service)
  }

  /** A keep-alive; false when the entry already expired (the client must register again). */
  beat(provider: Provider): boolean {
    const entry = this.entries.get(layout.provider(this.root, provider))
    if (!entry)
      return false
    entry.lastBeat = this.now()
    if (entry.health === 'critical') {
      entry.health = 'passing'
      this.changed(provider.service)
    }
    return true
  }

  remove(provider: Provider): void {
    if (this.entries.delete(layout.provider(this.root, provider)))
      this.changed(provider.service)
  }

  list(service: string): Provider[] {
    const prefix = `${layout.service(this.root, service)}/`
    return byId([...this.entries].filter(([key]) => key.startsWith(prefix)).map(([, entry]) => ({ ...entry.provider, health: entry.health })))
  }

  getConfig(key: string): string | undefined {
    return this.config.get(key)
  }

  setConfig(key: string, value: string): void {
    this.config.set(key, value)
  }

  subscribe(listener: (service: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    clearInterval(this.sweeper)
    this.sweeper = undefined
    this.entries.clear()
    this.listeners.clear()
  }

  // #region sweep
  /** A missed heartbeat turns a provider red; a whole TTL without one removes it. */
  sweep(): void {
    // #region sweep-rule
    const now = this.now()
    for (const [key, entry] of this.entries) {
      const silence = now - entry.lastBeat
      if (silence >= entry.ttlMs) {
        this.entries.delete(key)
        this.changed(entry.provider.service)
      }
      else if (silence > entry.ttlMs / 2 && entry.health === 'passing') {
        entry.health = 'critical'
        this.changed(entry.provider.service)
      }
    }
    // #endregion sweep-rule
    if (!this.entries.size) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }
  // #endregion sweep

  private changed(service: string): void {
    for (const listener of this.listeners)
      listener(service)
  }
}

export interface MemoryRegistry extends Registry {
  /** Dies like a SIGKILLed process: no deregistration, heartbeats just stop. */
  crash: () => void
}

export function connectMemory(store: MemoryStore, options: Pick<RegistryOptions, 'ttlMs'> = {}): MemoryRegistry {
  const ttlMs = options.ttlMs ?? defaults.ttlMs
  const heartbeats = new Set<ReturnType<typeof setInterval>>()
  const registered = new Set<Provider>()
  const unwatches = new Set<() => void>()

  const stopAll = () => {
    heartbeats.forEach(clearInterval)
    heartbeats.clear()
    unwatches.forEach(unwatch => unwatch())
    unwatches.clear()
  }

  return {
    backend: 'memory',
    async register(provider): Promise<Registration> {
      const own = { service: provider.service, id: provider.id, address: provider.address }
      store.put(own, ttlMs)
      registered.add(own)
      // Like etcd's keep-alive: three beats per TTL; re-register if the entry expired meanwhile.
      const timer = setInterval(() => store.beat(own) || store.put(own, ttlMs), ttlMs / 3)
      heartbeats.add(timer)
      return {
        async deregister() {
          clearInterval(timer)
          heartbeats.delete(timer)
          registered.delete(own)
          store.remove(own)
        },
      }
    },
    async providers(service) {
      return store.list(service)
    },
    async watch(service, onChange): Promise<Unwatch> {
      const notify = onlyChanges(onChange)
      const unsubscribe = store.subscribe((changed) => {
        if (changed === service)
          notify(store.list(service))
      })
      unwatches.add(unsubscribe)
      notify(store.list(service))
      return async () => {
        unsubscribe()
        unwatches.delete(unsubscribe)
      }
    },
    async getConfig(key) {
      return store.getConfig(key)
    },
    async setConfig(key, value) {
      store.setConfig(key, value)
    },
    async close() {
      stopAll()
      registered.forEach(provider => store.remove(provider))
      registered.clear()
    },
    crash() {
      stopAll()
      registered.clear()
    },
  }
}
