import type { ChildProcess } from 'node:child_process'
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { join } from 'pathe'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { root } from '../scripts/lib/paths'
import { runBuild, scratchDecks } from './harness'

// Builds killed, stopped and starved for real: `npm run build`'s own entry point in a child
// process (its own process group, as a terminal or CI starts it), real signals, a real
// tmpfs. TALKS_STOP_AT (scripts/lib/checkpoint.ts) makes the build stop itself at a chosen
// moment so the test can kill it exactly there.

const GOOD = '2099-testconf-pipeline'
const SECOND = '2099-testconf-second'

interface Child {
  process: ChildProcess
  stdout: () => string
  stderr: () => string
  exit: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

function startBuild(env: Record<string, string>, args: string[] = []): Child {
  let stdout = ''
  let stderr = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts', ...args], { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout += chunk)
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr += chunk)
  const exit = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(resolve => child.on('exit', (code, signal) => resolve({ code, signal })))
  return { process: child, stdout: () => stdout, stderr: () => stderr, exit }
}

/** Waits until the process has stopped itself (SIGSTOP at its checkpoint): its state in /proc is "T". */
async function stopped(child: Child): Promise<void> {
  for (;;) {
    if (child.process.exitCode !== null)
      throw new Error(`the build ended before its checkpoint:\n${child.stdout()}\n${child.stderr()}`)
    const state = readFileSync(`/proc/${child.process.pid}/stat`, 'utf8').split(') ')[1]?.[0]
    if (state === 'T')
      return
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

/** The processes whose command line holds `text`. */
function processesWith(text: string): number[] {
  return readdirSync('/proc').filter(name => /^\d+$/.test(name)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)
    }
    catch {
      return false
    }
  }).map(Number)
}

/** Sends a signal to the build's process group; a group that is gone already is fine. */
function killGroup(child: Child, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.process.pid!, signal)
  }
  catch {}
}

describe.runIf(process.platform === 'linux')('a build that is killed or stopped', () => {
  const scratch = scratchDecks([GOOD])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  const deckDir = join(scratch.dist, GOOD)
  const browserMark = `--talks-build-output=${scratch.dist}`

  beforeAll(async () => {
    cpSync(join(scratch.decks, GOOD), join(scratch.decks, SECOND), { recursive: true })
    const first = await runBuild([], env)
    if (first.code !== 0)
      throw new Error(first.stderr)
  })
  afterAll(() => scratch.cleanup())

  it('loses nothing when killed between the two renames of a swap, and the next build repairs what it left', async () => {
    const slides = join(scratch.decks, GOOD, 'slides.md')
    writeFileSync(slides, readFileSync(slides, 'utf8').replace('# Pipeline check', '# Pipeline check, swapped'))
    const child = startBuild({ ...env, TALKS_STOP_AT: 'swap' }, [GOOD])
    onTestFinished(() => killGroup(child, 'SIGKILL'))
    await stopped(child)
    // The moment of the kill: the old output is aside, the new one not yet in.
    expect(existsSync(deckDir)).toBe(false)
    expect(processesWith(browserMark).length).toBeGreaterThan(0)
    killGroup(child, 'SIGKILL')
    await child.exit
    // Chromium leads a process group of its own: it outlives the build, until it notices that
    // its pipe is closed. Frozen here, as a hung browser would be, it stays for the next build.
    const left = processesWith(browserMark)
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGSTOP')
      }
      catch {}
    }
    const orphaned = processesWith(browserMark).length > 0

    const next = await runBuild([], env)
    expect(next.code, next.stderr).toBe(0)
    if (orphaned)
      expect(next.stdout).toMatch(/· stopped \d+ browser process\(es\) left running by a build that was killed/)
    expect(next.stdout).toContain(`· repaired ${GOOD}: its output was put back after an interrupted build`)
    // The new output was complete: it is the one put in place, and it is up to date.
    expect(next.stdout).toContain(`· ${GOOD}  up to date`)
    expect(readFileSync(join(deckDir, 'build.json'), 'utf8')).toContain('Pipeline check, swapped')
    expect(existsSync(join(scratch.dist, '.stage'))).toBe(false)
    expect(processesWith(browserMark)).toEqual([])
    expect(existsSync(join(root, '.cache/build.lock'))).toBe(false)
  })

  it('runs one build at a time: the second names the one that holds the lock', async () => {
    const child = startBuild({ ...env, TALKS_STOP_AT: 'deck-built' }, ['--force', GOOD])
    try {
      await stopped(child)
      const second = await runBuild([], env)
      expect(second.code).toBe(1)
      expect(second.stderr).toContain(`another build is running in this checkout: process ${child.process.pid}`)
      expect(second.stderr).toContain('.cache/build.lock')
      expect(second.result.decks).toEqual([])
    }
    finally {
      killGroup(child, 'SIGKILL')
      await child.exit
    }
    const next = await runBuild([], env)
    expect(next.code, next.stderr).toBe(0)
  })

  it('records a deck edited while it builds as not built, so the next build builds it again', async () => {
    const slides = join(scratch.decks, GOOD, 'slides.md')
    const child = startBuild({ ...env, TALKS_STOP_AT: 'deck-built' }, ['--force', GOOD])
    onTestFinished(() => killGroup(child, 'SIGKILL'))
    await stopped(child)
    writeFileSync(slides, readFileSync(slides, 'utf8').replace('# Pipeline check', '# Pipeline check, edited'))
    killGroup(child, 'SIGCONT')
    expect((await child.exit).code, child.stderr()).toBe(0)
    const next = await runBuild([GOOD], env)
    expect(next.stdout).toMatch(new RegExp(`✓ ${GOOD}\\s+build`))
    expect(readFileSync(join(deckDir, 'build.json'), 'utf8')).toContain('Pipeline check, edited')
  })

  it('stops at once on SIGTERM, with its browser and Slidev, and reports no false failure', async () => {
    const child = startBuild(env, ['--force'])
    for (let waited = 0; !/✓ 2099-testconf-\w+/.test(child.stdout()); waited += 100) {
      if (child.process.exitCode !== null || waited > 240_000)
        throw new Error(`no deck was built:\n${child.stderr()}`)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    const sent = performance.now()
    process.kill(child.process.pid!, 'SIGTERM')
    const { code } = await child.exit
    const took = performance.now() - sent
    expect(code).toBe(143)
    expect(child.stderr()).toMatch(/Stopped \(SIGTERM\): 1 deck\(s\) built; the others keep their last good output/)
    expect(child.stderr()).not.toMatch(/✗|failed/)
    // Before, Playwright's own handler kept it running for ~47 s and Slidev restarted.
    expect(took).toBeLessThan(10_000)
    expect(processesWith(browserMark)).toEqual([])
    expect(processesWith('slidev-builder.ts').filter(pid => readFileSync(`/proc/${pid}/environ`, 'utf8').includes(scratch.dist))).toEqual([])
    expect(existsSync(join(root, '.cache/build.lock'))).toBe(false)
    expect(existsSync(join(scratch.dist, '.stage'))).toBe(false)
  })
})

// Another filesystem than the repository's: /dev/shm is a tmpfs on Linux.
const shm = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(root).dev
describe.runIf(shm)('dist/ on another filesystem', () => {
  const scratch = scratchDecks([GOOD])
  const dist = mkdtempSync('/dev/shm/talks-dist-')
  afterAll(() => {
    scratch.cleanup()
    rmSync(dist, { recursive: true, force: true })
  })

  it('builds there: decks are staged inside dist/, so the swap never crosses disks', async () => {
    const result = await runBuild([], { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: dist })
    expect(result.code, result.stderr).toBe(0)
    expect(existsSync(join(dist, GOOD, 'index.html'))).toBe(true)
  })
})

/** A tmpfs of `size` mounted at a new folder, when this user may mount one (root); else undefined. */
function smallDisk(size: string): { dir: string, unmount: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return undefined
  const dir = mkdtempSync(join(root, '.test-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
  }
  catch {
    rmSync(dir, { recursive: true, force: true })
    return undefined
  }
  return { dir, unmount: () => {
    execFileSync('umount', [dir])
    rmSync(dir, { recursive: true, force: true })
  } }
}

const disk = smallDisk('64m')
describe.runIf(disk)('a full disk', () => {
  const scratch = scratchDecks([GOOD])
  const dist = join(disk?.dir ?? '', 'dist')
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: dist }
  afterAll(() => {
    scratch.cleanup()
    disk?.unmount()
  })

  it('fails the deck with the cause, keeps its last good output and leaves no partial file', async () => {
    mkdirSync(dist)
    const first = await runBuild([], env)
    expect(first.code, first.stderr).toBe(0)
    const page = readFileSync(join(dist, GOOD, 'index.html'), 'utf8')
    // Fill the disk, leaving 20 KB.
    const free = Number(execFileSync('df', ['--output=avail', '-B1', disk!.dir], { encoding: 'utf8' }).split('\n')[1])
    execFileSync('fallocate', ['-l', String(free - 20 * 1024), join(disk!.dir, 'filler')])
    const slides = join(scratch.decks, GOOD, 'slides.md')
    writeFileSync(slides, readFileSync(slides, 'utf8').replace('# Pipeline check', '# Pipeline check, again'))

    const full = await runBuild([], env)
    expect(full.code).toBe(1)
    expect(full.stderr).toContain(`the disk that holds ${dist} is full (ENOSPC): free some space and build again`)
    expect(readFileSync(join(dist, GOOD, 'index.html'), 'utf8')).toBe(page)
    const left = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    expect(left.filter(path => /\.tmp$|^\.stage/.test(path))).toEqual([])

    rmSync(join(disk!.dir, 'filler'))
    const again = await runBuild([], env)
    expect(again.code, again.stderr).toBe(0)
    expect(readFileSync(join(dist, GOOD, 'build.json'), 'utf8')).toContain('Pipeline check, again')
  }, 600_000)
})
