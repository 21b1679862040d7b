// ZooKeeper backend: a provider is an ephemeral znode owned by the client's session; when the
// process dies the session times out and ZooKeeper deletes the znode and fires the watches.
import type { Client, Exception } from 'node-zookeeper-client'
import type { Provider, Registration, Registry, RegistryOptions, Unwatch } from './registry'
import { Buffer } from 'node:buffer'
import zookeeper from 'node-zookeeper-client'
import { defaults, layout, onlyChanges, parseProvider, RegistryUnavailableError, sleep, withTimeout } from './registry'

export interface ZooKeeperOptions extends RegistryOptions {
  /** `host:port`, or several: the client picks one and fails over to the others. */
  hosts: string | string[]
}

type Callback<T> = (error: Error | Exception | null, result: T) => void
const { CreateMode, Exception: Codes, State } = zookeeper

function call<T>(operation: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => operation((error, result) => error
    ? reject(error)
    : resolve(result)))
}
const hasCode = (error: unknown, code: number) => (error as Exception).getCode?.() === code

export async function connectZooKeeper(options: ZooKeeperOptions): Promise<Registry> {
  const hosts = [options.hosts].flat().join(',')
  const { root, timeoutMs, ttlMs } = {
    ...defaults,
    ...options,
  }
  const sessionHooks = new Set<() => Promise<void>>()
  const registrations = new Set<Registration>()
  const watchers = new Set<Unwatch>()
  let closed = false
  let client: Client
  let unfollow = () => {}
  const open = () => !closed

  // #region session
  function openSession(): Promise<Client> {
    const session = zookeeper.createClient(hosts, { sessionTimeout: ttlMs, spinDelay: 200 })
    const connected = new Promise<Client>(resolve => session.once('connected', () => resolve(session)))
    session.connect()
    return withTimeout(connected, timeoutMs, () => `ZooKeeper at ${hosts} did not answer within ${timeoutMs} ms`)
      .catch((error) => {
        discard(session)
        throw error
      })
  }

  // The session is gone for good once it has EXPIRED, and as good as gone once it has not
  // reached the server for a whole session timeout: a running server expires it after that
  // long. Waiting for the server to say so can take forever: node-zookeeper-client stops timing
  // a connection once TCP connects, and ZooKeeper accepts connections while it starts up
  // without always answering them. (Curator also expires a session locally like this.)
  function follow(session: Client): void {
    unfollow()
    client = session
    let lost: ReturnType<typeof setTimeout> | undefined
    const giveUp = () => {
      unfollow()
      discard(session)
      void renew(session)
    }
    const onState = (state: unknown) => {
      if (state === State.SYNC_CONNECTED) {
        clearTimeout(lost)
        lost = undefined
      }
      else if (state === State.EXPIRED) {
        giveUp()
      }
      else if (state === State.DISCONNECTED && !lost) {
        lost = setTimeout(giveUp, session.getSessionTimeout() || ttlMs)
      }
    }
    session.on('state', onState)
    unfollow = () => {
      clearTimeout(lost)
      session.off('state', onState)
    }
  }

  /** Gives up on a session whose connection may be stuck halfway through the handshake. */
  function discard(session: Client): void {
    session.close()
    // close() only queues a goodbye, which a connection stuck in the handshake never sends.
    ;(session as unknown as { connectionManager?: { socket?: { destroy: () => void } } }).connectionManager?.socket?.destroy()
  }

  // A lost session took its ephemeral znodes and watches with it: open a new one, then
  // register and watch again.
  async function renew(lost: Client): Promise<void> {
    for (let delay = 200; open() && client === lost; delay = Math.min(delay * 2, 2000)) {
      try {
        const session = await openSession()
        if (!open()) {
          session.close()
          return
        }
        follow(session)
        // Stops early if this session is lost too: the next renew() takes over.
        await Promise.all([...sessionHooks].map(hook => retry(hook, () => open() && client === session && sessionHooks.has(hook))))
        return
      }
      catch {
        await sleep(delay)
      }
    }
  }
  async function retry(task: () => Promise<void>, wanted: () => boolean): Promise<void> {
    for (let delay = 200; wanted(); delay = Math.min(delay * 2, 2000)) {
      try {
        return await task()
      }
      catch {
        await sleep(delay)
      }
    }
  }
  // #endregion session

  try {
    follow(await openSession())
  }
  catch (error) {
    throw new RegistryUnavailableError((error as Error).message)
  }

  const bounded = <T>(what: string, operation: (done: Callback<T>) => void) =>
    withTimeout(call(operation), timeoutMs, () => `ZooKeeper at ${hosts}: ${what} got no answer within ${timeoutMs} ms`)

  const mkdirp = (path: string) => bounded<string>(`mkdir ${path}`, done => client.mkdirp(path, done))

  async function list(service: string, watcher?: () => void): Promise<Provider[]> {
    const dir = layout.service(root, service)
    await mkdirp(dir)
    const children = await bounded<string[]>(`list ${dir}`, done => watcher
      ? client.getChildren(dir, watcher, done)
      : client.getChildren(dir, done))
    const values = await Promise.all(children.map(child =>
      bounded<Buffer>(`read ${dir}/${child}`, done => client.getData(`${dir}/${child}`, done)).catch(() => undefined),
    ))
    return values.map(value => value && parseProvider(value.toString('utf8'))).filter(provider => !!provider)
  }

  // #region register
  async function register(provider: Provider): Promise<Registration> {
    const path = layout.provider(root, provider)
    const data = Buffer.from(JSON.stringify({ service: provider.service, id: provider.id, address: provider.address }))
    // #region ephemeral
    const create = async () => {
      await mkdirp(layout.service(root, provider.service))
      try {
        await bounded<string>(`create ${path}`, done => client.create(path, data, CreateMode.EPHEMERAL, done))
      }
      catch (error) {
        if (!hasCode(error, Codes.NODE_EXISTS))
          throw error
        // Left by a previous session of the same provider that has not expired yet.
        await bounded<void>(`remove ${path}`, done => client.remove(path, -1, done as Callback<void>))
        await bounded<string>(`create ${path}`, done => client.create(path, data, CreateMode.EPHEMERAL, done))
      }
    }
    // #endregion ephemeral
    await create()
    sessionHooks.add(create)
    const registration: Registration = {
      async deregister() {
        sessionHooks.delete(create)
        registrations.delete(registration)
        await bounded<void>(`remove ${path}`, done => client.remove(path, -1, done as Callback<void>)).catch(() => {})
      },
    }
    registrations.add(registration)
    return registration
  }
  // #endregion register

  // #region watch
  async function watch(service: string, onChange: (providers: Provider[]) => void): Promise<Unwatch> {
    const notify = onlyChanges(onChange)
    let active = true
    // ZooKeeper watches fire once: each event re-reads the list and sets the next watch.
    // #region watch-arm
    const arm = async (): Promise<void> => {
      if (active)
        notify(await list(service, () => void arm().catch(() => {})))
    }
    await arm()
    sessionHooks.add(arm)
    // #endregion watch-arm
    const unwatch = async () => {
      active = false
      sessionHooks.delete(arm)
      watchers.delete(unwatch)
    }
    watchers.add(unwatch)
    return unwatch
  }
  // #endregion watch

  return {
    backend: 'zookeeper',
    register,
    providers: service => list(service),
    watch,
    async getConfig(key) {
      const path = layout.config(root, key)
      try {
        return (await bounded<Buffer>(`read ${path}`, done => client.getData(path, done)))?.toString('utf8')
      }
      catch (error) {
        if (hasCode(error, Codes.NO_NODE))
          return undefined
        throw error
      }
    },
    async setConfig(key, value) {
      const path = layout.config(root, key)
      await mkdirp(path)
      await bounded(`write ${path}`, done => client.setData(path, Buffer.from(value), -1, done))
    },
    async close() {
      await Promise.allSettled([
        ...watchers,
        ...[...registrations].map(r => r.deregister),
      ].map(stop => stop()))
      closed = true
      unfollow()
      client.close()
    },
  }
}
