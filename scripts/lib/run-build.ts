import { spawnSync } from 'node:child_process'
import process from 'node:process'
import { join } from 'pathe'
import { root } from './paths'

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  ms: number
}

/** Runs the build command in its own process, as a user would, with extra environment. */
export function runBuild(args: string[] = [], env: Record<string, string> = {}): RunResult {
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60 * 60_000,
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started }
}
