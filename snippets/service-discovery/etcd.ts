// etcd v3 backend: a provider is a key attached to a lease that the client keeps alive;
// when the process dies the keep-alives stop and etcd deletes the key after the TTL.
import type { Lease } from 'etcd3'
import type { Provider, Registration, Registry, RegistryOptions, Unwatch } from './registry'
import { Etcd3 } from 'etcd3'
import { defaults, layout, onlyChanges, parseProvider, RegistryUnavailableError, sleep } from './registry'

export interface EtcdOptions extends RegistryOptions {
  /** `host:port` or URLs; several hosts are tried in turn. */
  hosts: string | string[]
}

export async function connectEtcd(options: EtcdOptions): Promise<Registry> {
  const hosts = [options.hosts].flat().map(host => host.includes('://')
    ? host
    : `http://${host}`)
  const { root, timeoutMs } = {
    ...defaults,
    ...options,
  }
  // etcd leases count in whole seconds.
  const ttlSeconds = Math.max(1, Math.round((options.ttlMs ?? defaults.ttlMs) / 1000))
  const client = new Etcd3({
    hosts,
    dialTimeout: timeoutMs,
    defaultCallOptions: call => call.isStream
      ? {}
      : { deadline: Date.now() + timeoutMs },
  })
  try {
    await client.maintenance.status()
  }
  catch (error) {
    client.close()
    throw new RegistryUnavailableError(`etcd at ${hosts.join(', ')} did not answer within ${timeoutMs} ms: ${(error as Error).message}`)
  }

  const registrations = new Set<Registration>()
  const watchers = new Set<Unwatch>()
  let closed = false

  const providers = async (service: string): Promise<Provider[]> => {
    const values = await client.getAll().prefix(`${layout.service(root, service)}/`).strings()
    return Object.values(values).map(parseProvider).filter(provider => !!provider)
  }

  // #region register
  async function register(provider: Provider): Promise<Registration> {
    const key = layout.provider(root, provider)
    const value = JSON.stringify({ service: provider.service, id: provider.id, address: provider.address })
    let lease: Lease | undefined
    let left = false

    const active = () => !left && !closed
    // #region lease
    // #region lease-grant
    async function grant(): Promise<void> {
      const next = client.lease(ttlSeconds)
      next.on('lost', () => next === lease && regrant())
      try {
        await next.put(key).value(value)
      }
      catch (error) {
        next.release()
        throw error
      }
      lease = next
    }
    // #endregion lease-grant
    // The lease is lost when etcd stayed unreachable longer than the TTL: once it is back,
    // register again under a new lease, retrying until it works.
    // #region lease-regrant
    async function regrant(): Promise<void> {
      for (let delay = 200; active(); delay = Math.min(delay * 2, 2000)) {
        try {
          return await grant()
        }
        catch {
          await sleep(delay)
        }
      }
    }
    // #endregion lease-regrant
    // #endregion lease

    await grant()
    const registration: Registration = {
      async deregister() {
        left = true
        registrations.delete(registration)
        await lease?.revoke().catch(() => client.delete().key(key))
      },
    }
    registrations.add(registration)
    return registration
  }
  // #endregion register

  // #region watch
  async function watch(service: string, onChange: (providers: Provider[]) => void): Promise<Unwatch> {
    const notify = onlyChanges(onChange)
    let queue = Promise.resolve()
    // Re-list on every event, and on reconnect to catch up with what was missed.
    const refresh = () => {
      queue = queue.then(async () => notify(await providers(service))).catch(() => {})
    }
    const watcher = await client.watch().prefix(`${layout.service(root, service)}/`).create()
    watcher.on('put', refresh).on('delete', refresh).on('connected', refresh).on('error', () => {})
    refresh()
    await queue
    const unwatch = async () => {
      watchers.delete(unwatch)
      await watcher.cancel().catch(() => {})
    }
    watchers.add(unwatch)
    return unwatch
  }
  // #endregion watch

  return {
    backend: 'etcd',
    register,
    providers,
    watch,
    async getConfig(key) {
      return (await client.get(layout.config(root, key)).string()) ?? undefined
    },
    async setConfig(key, value) {
      await client.put(layout.config(root, key)).value(value)
    },
    async close() {
      await Promise.allSettled([
        ...watchers,
        ...[...registrations].map(r => r.deregister),
      ].map(stop => stop()))
      closed = true
      client.close()
    },
  }
}
