// Runs a TypeScript file in its own Node process, so that a test can really kill it.
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import process from 'node:process'

export interface Child {
  readonly process: ChildProcess
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>
  output: () => string
  /** Resolves once the process has exited. */
  kill: (signal?: NodeJS.Signals) => Promise<void>
}

export function runTs(file: string, args: string[] = [], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env,
    },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk) => {
    out += chunk
  })
  child.stderr.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  return {
    process: child,
    output: () => out + err,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs)
        function check() {
          const line = out.split('\n').find(text => pattern.test(text))
          if (line !== undefined) {
            done()
            resolve(line)
          }
        }
        function onExit() {
          check()
          fail(`exited (code ${child.exitCode ?? child.signalCode})`)
        }
        function fail(why: string) {
          done()
          reject(new Error(`${file}: ${why} waiting for ${pattern}; output:\n${out}${err}`))
        }
        function done() {
          clearTimeout(timer)
          child.stdout.off('data', check)
          child.off('exit', onExit)
        }
        child.stdout.on('data', check)
        child.once('exit', onExit)
        check()
      })
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(signal)
      await exited
    },
  }
}
