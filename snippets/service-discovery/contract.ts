// The integration tests every real backend must pass, against a server the tests start.
import type { TestServer } from '../testing/servers'
import type { RealBackend } from './connect'
import type { Provider, Registry } from './registry'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTs } from '../testing/child'
import { freePort } from '../testing/servers'
import { connect } from './connect'
import { RegistryUnavailableError, sleep } from './registry'

const TTL_MS = 2000
const providerProcess = fileURLToPath(new URL('./provider-process.ts', import.meta.url))

const provider = (id: string): Provider => ({ service: 'api', id, address: `10.0.0.1:${id.replace(/\D/g, '') || '80'}` })
const ids = (providers: Provider[]) => providers.map(p => p.id)

/** Polls until `check` passes; returns how long it took. */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`${what}: not true after ${timeoutMs} ms`)
    await sleep(25)
  }
  return Date.now() - start
}

export function registryContract(backend: RealBackend, start: () => Promise<TestServer>): void {
  describe(`${backend} registry against a real server`, () => {
    let server: TestServer
    const clients: Registry[] = []
    const client = async () => {
      const registry = await connect(backend, server.address, { ttlMs: TTL_MS })
      clients.push(registry)
      return registry
    }

    beforeAll(async () => {
      server = await start()
    })
    afterAll(async () => {
      await Promise.allSettled(clients.map(registry => registry.close()))
      await server?.dispose()
    })

    it('registers a provider that another client discovers, and shares config', async () => {
      const [a, b] = [await client(), await client()]
      await a.register(provider('discover-1'))
      expect(await b.providers('api')).toEqual([
        provider('discover-1'),
      ])
      expect(await b.getConfig('color')).toBeUndefined()
      await a.setConfig('color', 'blue')
      expect(await b.getConfig('color')).toBe('blue')
      await b.setConfig('color', 'red')
      expect(await a.getConfig('color')).toBe('red')
      await a.close()
      expect(await b.providers('api')).toEqual([])
    })

    it('tells a watcher about a join and a leave, in order', async () => {
      const [a, b] = [await client(), await client()]
      const seen: string[][] = []
      const unwatch = await b.watch('api', list => seen.push(ids(list)))
      const registration = await a.register(provider('watch-1'))
      await eventually(() => seen.length === 2, 5000, 'join seen')
      await registration.deregister()
      await eventually(() => seen.length === 3, 5000, 'leave seen')
      expect(seen).toEqual([
        [],
        ['watch-1'],
        [],
      ])
      await unwatch()
    })

    it('drops a provider whose process was killed, after the TTL and not before', async () => {
      const watcher = await client()
      const seen: string[][] = []
      await watcher.watch('api', list => seen.push(ids(list)))
      const child = runTs(providerProcess, [
        JSON.stringify({
          backend,
          hosts: server.address,
          ttlMs: TTL_MS,
          provider: provider('crash-1'),
        }),
      ])
      try {
        await child.waitFor(/registered crash-1/)
        await eventually(() => seen.at(-1)?.includes('crash-1') ?? false, 5000, 'crash-1 listed')
        const killedAt = Date.now()
        await child.kill('SIGKILL')
        // No goodbye was said: only the lease / session timeout can remove it.
        await sleep(300)
        expect(seen.at(-1)).toEqual(['crash-1'])
        await eventually(() => seen.at(-1)?.length === 0, TTL_MS + 4000, 'crash-1 gone')
        expect(Date.now() - killedAt).toBeGreaterThanOrEqual(TTL_MS / 3)
      }
      finally {
        await child.kill('SIGKILL')
      }
    })

    it('re-registers after the server crashed and came back', async () => {
      const [a, b] = [await client(), await client()]
      const seen: string[][] = []
      await b.watch('api', list => seen.push(ids(list)))
      await a.register(provider('survivor-1'))
      await eventually(() => seen.at(-1)?.includes('survivor-1') ?? false, 5000, 'survivor listed')
      await server.stop('SIGKILL')
      // Longer than the TTL: the client must notice and register again, not just resume.
      await sleep(TTL_MS * 2.5)
      await server.start()
      await sleep(TTL_MS * 2)
      // Anything restored from before the crash has expired by now.
      await eventually(async () => ids(await b.providers('api').catch(() => [])).includes('survivor-1'), 15_000, 'survivor back')
      await eventually(() => seen.at(-1)?.includes('survivor-1') ?? false, 10_000, 'watcher sees survivor after the restart')
      const fresh = await client()
      expect(ids(await fresh.providers('api'))).toEqual(['survivor-1'])
    }, 60_000)

    it('fails fast with a clear error on a dead address', async () => {
      const port = await freePort()
      const started = Date.now()
      const error = await connect(backend, `127.0.0.1:${port}`, { timeoutMs: 1500 }).then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(RegistryUnavailableError)
      expect((error as Error).message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*did not answer within 1500 ms`))
      expect(Date.now() - started).toBeLessThan(5000)
    })
  })
}
