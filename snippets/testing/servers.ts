// Real etcd and ZooKeeper servers for integration tests and the latency demo: started on
// loopback with a throwaway data dir and free ports, from Debian's packages.
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import process from 'node:process'

const INSTALL_HINT = 'apt-get install -y etcd-server zookeeper'

export interface TestServer {
  readonly kind: 'etcd' | 'zookeeper'
  readonly host: string
  readonly port: number
  /** `host:port`, what a client connects to. */
  readonly address: string
  readonly running: boolean
  /** Crash (SIGKILL) or shut down (SIGTERM) the server; its data dir is kept for `start()`. */
  stop: (signal?: 'SIGKILL' | 'SIGTERM') => Promise<void>
  /** Start again on the same port and data dir: "the server comes back". */
  start: () => Promise<void>
  /** Stop and delete the data dir. */
  dispose: () => Promise<void>
}

export class ServerUnavailableError extends Error {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function findExecutable(name: string, override?: string): string {
  const candidates = override
    ? [override]
    : (process.env.PATH ?? '').split(delimiter).concat('/usr/bin', '/usr/sbin').map(dir => join(dir, name))
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK)
      return file
    }
    catch {}
  }
  throw new ServerUnavailableError(`${override ?? name} not found: install the servers with \`${INSTALL_HINT}\``)
}

async function waitUntil(what: string, child: ChildProcess, logs: () => string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new ServerUnavailableError(`${what} exited before it was ready (code ${child.exitCode ?? child.signalCode}):\n${logs().slice(-2000)}`)
    if (await ready().catch(() => false))
      return
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new ServerUnavailableError(`${what} not ready after ${timeoutMs} ms:\n${logs().slice(-2000)}`)
}

function stopChild(child: ChildProcess | undefined, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve()
  return new Promise((resolve) => {
    // A JVM can ignore SIGTERM for a while; do not let a test hang on it.
    const force = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill(signal)
  })
}

interface Spec {
  kind: TestServer['kind']
  port: number
  dataDir: string
  command: string
  args: string[]
  ready: () => Promise<boolean>
}

function managed(spec: Spec): TestServer {
  let child: ChildProcess | undefined
  let log = ''
  const server: TestServer = {
    kind: spec.kind,
    host: '127.0.0.1',
    port: spec.port,
    address: `127.0.0.1:${spec.port}`,
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null
    },
    async start() {
      if (server.running)
        return
      log = ''
      const started = spawn(spec.command, spec.args, {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child = started
      const keep = (text: string) => {
        log = (log + text).slice(-20_000)
      }
      started.stdout?.on('data', keep)
      started.stderr?.on('data', keep)
      started.on('error', error => keep(`\n${error.message}`))
      await waitUntil(`${spec.kind} on ${server.address}`, started, () => log, 30_000, spec.ready)
    },
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
    async dispose() {
      await stopChild(child, 'SIGKILL')
      rmSync(spec.dataDir, { recursive: true, force: true })
    },
  }
  return server
}

/** Starts etcd (v3 API) on 127.0.0.1; `ETCD_BIN` overrides the binary. */
export async function startEtcd(): Promise<TestServer> {
  const command = findExecutable('etcd', process.env.ETCD_BIN)
  const dir = mkdtempSync(join(tmpdir(), 'talks-etcd-'))
  const [client, peer] = [await freePort(), await freePort()]
  const clientUrl = `http://127.0.0.1:${client}`
  const peerUrl = `http://127.0.0.1:${peer}`
  const server = managed({
    kind: 'etcd',
    port: client,
    dataDir: dir,
    command,
    args: [
      '--name',
      'test',
      '--data-dir',
      join(dir, 'data'),
      '--listen-client-urls',
      clientUrl,
      '--advertise-client-urls',
      clientUrl,
      '--listen-peer-urls',
      peerUrl,
      '--initial-advertise-peer-urls',
      peerUrl,
      '--initial-cluster',
      `test=${peerUrl}`,
      '--logger',
      'zap',
      '--log-level',
      'error',
    ],
    ready: async () => {
      const response = await fetch(`${clientUrl}/health`, {
        signal: AbortSignal.timeout(1000),
      })
      return response.ok && (await response.json() as { health?: string }).health === 'true'
    },
  })
  await startOrClean(server)
  return server
}

function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')))
    socket.on('connect', () => socket.write(word))
    socket.on('data', (chunk) => {
      answer += chunk
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

export interface ZooKeeperOptions {
  /** ZooKeeper's time unit; sessions expire in buckets of one tick. Debian's default is 2000. */
  tickMs?: number
}

/**
 * Starts a standalone ZooKeeper from the Debian jars. `ZOOKEEPER_CLASSPATH` overrides the
 * classpath (default /usr/share/java/zookeeper.jar, whose manifest lists its dependencies),
 * `JAVA` the java binary.
 */
export async function startZooKeeper(options: ZooKeeperOptions = {}): Promise<TestServer> {
  const java = findExecutable('java', process.env.JAVA)
  const classpath = process.env.ZOOKEEPER_CLASSPATH ?? '/usr/share/java/zookeeper.jar'
  if (!classpath.split(':').some(existsSync))
    throw new ServerUnavailableError(`ZooKeeper jars not found at ${classpath}: install them with \`${INSTALL_HINT}\` or set ZOOKEEPER_CLASSPATH`)
  const tickMs = options.tickMs ?? 2000
  const dir = mkdtempSync(join(tmpdir(), 'talks-zookeeper-'))
  const port = await freePort()
  const config = join(dir, 'zoo.cfg')
  writeFileSync(config, [
    `tickTime=${tickMs}`,
    `dataDir=${join(dir, 'data')}`,
    `clientPort=${port}`,
    'clientPortAddress=127.0.0.1',
    // The admin HTTP server would take port 8080, shared by every test run on the machine.
    'admin.enableServer=false',
    '4lw.commands.whitelist=srvr',
    `minSessionTimeout=${2 * tickMs}`,
    `maxSessionTimeout=${60 * tickMs}`,
    '',
  ].join('\n'))
  const server = managed({
    kind: 'zookeeper',
    port,
    dataDir: dir,
    command: java,
    args: [
      '-Xmx256m',
      '-cp',
      classpath,
      'org.apache.zookeeper.server.ZooKeeperServerMain',
      config,
    ],
    // Not `ruok`: it says imok as soon as the port is open, while the server still refuses
    // sessions ("not currently serving requests") until it has loaded its data.
    ready: async () => /^Mode: /m.test(await fourLetterWord(port, 'srvr')),
  })
  await startOrClean(server)
  return server
}

async function startOrClean(server: TestServer): Promise<void> {
  try {
    await server.start()
  }
  catch (error) {
    await server.dispose()
    throw error
  }
}
