// What the tests need from the system, installed when it is missing and the user may install
// it; otherwise the test run stops before any test with the one command to run. `npm test`
// runs this first (pretest), and Vitest runs it too (globalSetup), for a bare `vitest run`.
// Chromium is not on the list: the build and the browser tests find their own
// (scripts/lib/chromium.ts).
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import process from 'node:process'
import { pathToFileURL } from 'node:url'

interface Need {
  /** The Debian package that provides it. */
  debian: string
  what: string
  present: (env: NodeJS.ProcessEnv) => boolean
}

// snippets/testing/servers.ts starts these; the overrides are the ones it honours.
const NEEDS: Need[] = [
  { debian: 'etcd-server', what: 'etcd (service-discovery tests)', present: env => !!env.ETCD_BIN || onPath('etcd') },
  { debian: 'zookeeper', what: 'ZooKeeper\'s jars (service-discovery tests)', present: env => !!env.ZOOKEEPER_CLASSPATH || existsSync('/usr/share/java/zookeeper.jar') },
  { debian: 'default-jre-headless', what: 'a Java runtime for ZooKeeper', present: env => !!env.JAVA || onPath('java') },
]

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).concat('/usr/sbin', '/usr/bin').some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    }
    catch {
      return false
    }
  })
}

export function missingPackages(env: NodeJS.ProcessEnv = process.env): Need[] {
  return NEEDS.filter(need => !need.present(env))
}

/** How this user may install Debian packages: as root, with password-less sudo, or not at all. */
function installer(): string[] | undefined {
  if (process.platform !== 'linux' || !onPath('apt-get'))
    return undefined
  if (process.getuid?.() === 0)
    return []
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined
}

export function ensureTestSystem(): void {
  const missing = missingPackages()
  if (!missing.length)
    return
  const packages = missing.map(need => need.debian)
  const command = `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
  const prefix = installer()
  if (!prefix) {
    throw new Error([
      `The tests need ${missing.map(need => need.what).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed, and this user cannot install packages.`,
      `Run: ${command}`,
      'Or point ETCD_BIN, ZOOKEEPER_CLASSPATH and JAVA at your own (see README, "Snippets").',
    ].join('\n'))
  }
  console.log(`Installing what the tests need from Debian: ${packages.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const run = (args: string[]) => {
    const [bin, ...rest] = [...prefix, ...args] as [string, ...string[]]
    execFileSync(bin, rest, { stdio: 'inherit', env })
  }
  run(['apt-get', 'update', '-qq'])
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])
  // Debian's packages may start system services; the tests start servers of their own.
  for (const service of ['etcd', 'zookeeper']) {
    for (const stop of [['systemctl', 'stop', service], ['service', service, 'stop']]) {
      const [bin, ...rest] = [...prefix, ...stop] as [string, ...string[]]
      spawnSync(bin, rest, { stdio: 'ignore', env })
    }
  }
  const still = missingPackages()
  if (still.length)
    throw new Error(`Installed ${packages.join(' ')}, yet ${still.map(need => need.what).join(', ')} still cannot be found.`)
}

/** Vitest's globalSetup. */
export default function setup(): void {
  ensureTestSystem()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureTestSystem()
  }
  catch (error) {
    console.error((error as Error).message)
    process.exitCode = 1
  }
}
