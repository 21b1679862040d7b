// A provider in its own process: registers, says so, then lives until it is killed.
// Usage: node --import tsx provider-process.ts '{"backend":"etcd","hosts":"127.0.0.1:2379","ttlMs":2000,"provider":{...}}'
import type { RealBackend } from './connect'
import type { Provider } from './registry'
import process from 'node:process'
import { connect } from './connect'

interface Args { backend: RealBackend, hosts: string, ttlMs: number, provider: Provider }

async function run(args: Args): Promise<void> {
  const registry = await connect(args.backend, args.hosts, { ttlMs: args.ttlMs })
  await registry.register(args.provider)
  process.stdout.write(`registered ${args.provider.id}\n`)
  // Keep the event loop alive: heartbeats run until SIGKILL.
  setInterval(() => {}, 60_000)
}

run(JSON.parse(process.argv[2] ?? '{}') as Args).catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
