import type { ChildProcess } from 'node:child_process'
import type { DeckLinks } from '../layout'
import { fork } from 'node:child_process'
import { once } from 'node:events'
import process from 'node:process'
import { stripVTControlCharacters } from 'node:util'
import { join } from 'pathe'
import { root } from '../paths'

export interface SlidevJob {
  entry: string
  base: string
  outDir: string
  /** Where vite.config.ts records the files the bundle read. */
  record: string
  links: DeckLinks
  /** Leaves the speaker notes out of the bundle (its presenter view): the deck does not publish them. */
  withoutNotes: boolean
}

/**
 * A Slidev builder process (slidev-builder.ts) that builds one deck at a time
 * and stays up for the next. It is started on first use and again after it dies. One is
 * enough: a warm build takes a few seconds, less than printing a deck, and each process
 * holds 1-2 GB.
 */
export class SlidevProcess {
  private child?: ChildProcess
  private log = ''
  private closed = false

  private queue: Promise<unknown> = Promise.resolve()

  /**
   * Builds decks one at a time, in the order asked: callers can print one deck's PDF while
   * the next one builds. Resolves with what Slidev and Vite printed (their warnings).
   */
  build(job: SlidevJob): Promise<string[]> {
    const next = this.queue.then(() => this.run(job))
    this.queue = next.catch(() => {})
    return next
  }

  private async run(job: SlidevJob): Promise<string[]> {
    // A stopped build must not start Slidev again for the decks still queued.
    if (this.closed)
      throw new Error('the build was stopped')
    const child = this.child ??= this.start()
    this.log = ''
    const settled = new AbortController()
    const message = once(child, 'message', { signal: settled.signal }).then(([result]) => result as { ok: boolean, message?: string })
    const exit = once(child, 'exit', { signal: settled.signal }).then(([code, signal]) => ({ ok: false, message: `the Slidev process exited (${signal ?? code})`, exited: true }))
    // The losing promise is rejected when the race is settled.
    message.catch(() => {})
    exit.catch(() => {})
    child.send(job)
    const result = await Promise.race([message, exit]).finally(() => settled.abort())
    if ('exited' in result)
      this.child = undefined
    if (!result.ok)
      throw new Error(failure(`${this.log}\n${result.message ?? ''}`))
    return lines(this.log)
  }

  close(): void {
    this.closed = true
    this.child?.kill()
    this.child = undefined
  }

  private start(): ChildProcess {
    const child = fork(join(root, 'scripts/lib/deck/slidev-builder.ts'), {
      cwd: root,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    })
    const collect = (chunk: string) => {
      this.log += chunk
    }
    child.stdout!.setEncoding('utf8').on('data', collect)
    child.stderr!.setEncoding('utf8').on('data', collect)
    return child
  }
}

function lines(log: string): string[] {
  return stripVTControlCharacters(log).split('\n').map(line => line.trimEnd()).filter(Boolean)
}

/** Every error Vite and Slidev printed, with their code frames, from the first error on; no stack frames, no colour codes. */
function failure(log: string): string {
  const all = lines(log).filter(line => !/^\s+at |^\s+errors: /.test(line))
  const start = all.findIndex(line => /build failed|error/i.test(line))
  return (start >= 0 ? all.slice(start) : all).join('\n  ')
}
