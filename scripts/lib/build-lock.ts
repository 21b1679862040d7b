import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import process from 'node:process'
import { dirname, join } from 'pathe'

/** Who holds a checkout's build lock. */
interface Holder {
  pid: number
  command: string
  started: string
}

export class BuildLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder
  }
  catch {
    return undefined
  }
}

/**
 * Takes the checkout's build lock (`.cache/build.lock`): two builds at once would swap the
 * same folders under each other. A lock whose process is gone was left by a killed build
 * and is taken over (`stale` says so: what that build left needs repairing). Throws a
 * BuildLockedError naming the build that holds it.
 */
export function takeBuildLock(root: string): { stale: boolean, release: () => void } {
  const file = join(root, '.cache', 'build.lock')
  mkdirSync(dirname(file), { recursive: true })
  const me: Holder = { pid: process.pid, command: process.argv.slice(1).join(' '), started: new Date().toISOString() }
  let stale = false
  for (let attempt = 0; ; attempt++) {
    let fd: number
    try {
      fd = openSync(file, 'wx')
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1)
        throw error
      const holder = readHolder(file)
      if (holder && alive(holder.pid))
        throw new BuildLockedError(`another build is running in this checkout: process ${holder.pid} (${holder.command}), started ${holder.started}. Wait for it to finish, or stop it; the lock is ${file}`)
      rmSync(file, { force: true })
      stale = true
      continue
    }
    writeSync(fd, `${JSON.stringify(me)}\n`)
    closeSync(fd)
    break
  }
  return {
    stale,
    release: () => {
      if (readHolder(file)?.pid === process.pid)
        rmSync(file, { force: true })
    },
  }
}
