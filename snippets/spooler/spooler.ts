// The 2013 spooler: a write the store cannot take goes to an append-only file on disk,
// fsync'd, and is replayed in order once the store is back. Replay progress is recorded
// durably and each record carries an id the store deduplicates on, so a crash in the middle
// of a replay neither loses nor duplicates a write.
import type { Store } from './store-client'
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

export interface SpoolRecord {
  id: string
  counter: string
}

export type WriteResult = 'stored' | 'spooled'

/** The file operations the spool's durability rests on. Node's by default; a test passes its own to see their order. */
export interface Disk {
  open: (path: string, flags: 'a' | 'w' | 'r') => Promise<{ write: (text: string) => Promise<unknown>, sync: () => Promise<void>, close: () => Promise<void> }>
  rename: (from: string, to: string) => Promise<void>
}

const nodeDisk: Disk = { open, rename }

async function syncWrite(disk: Disk, file: string, text: string, flags: 'a' | 'w'): Promise<void> {
  const handle = await disk.open(file, flags)
  try {
    await handle.write(text)
    await handle.sync()
  }
  finally {
    await handle.close()
  }
}

async function syncDir(disk: Disk, dir: string): Promise<void> {
  const handle = await disk.open(dir, 'r')
  await handle.sync().finally(() => handle.close())
}

export class Spooler {
  private readonly spoolFile: string
  private readonly progressFile: string
  // One operation at a time on the files: appends, replay steps and truncation.
  private lock: Promise<unknown> = Promise.resolve()

  constructor(private readonly dir: string, private readonly store: Store, private readonly onReplayed: (record: SpoolRecord) => void = () => {}, private readonly disk: Disk = nodeDisk) {
    this.spoolFile = join(dir, 'spool.jsonl')
    this.progressFile = join(dir, 'replayed')
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lock.then(task)
    this.lock = run.catch(() => {})
    return run
  }

  // #region write
  /** Straight to the store when nothing is waiting; otherwise behind the queue, in order. */
  // #region write-body
  async write(counter: string): Promise<WriteResult> {
    // #region write-steps
    const record: SpoolRecord = { id: randomUUID(), counter }
    if (!(await this.pending()).length) {
      try {
        await this.store.incr(record.id, record.counter)
        return 'stored'
      }
      catch {}
    }
    await this.serial(async () => {
      await mkdir(this.dir, { recursive: true })
      await this.append(`${JSON.stringify(record)}\n`)
    })
    return 'spooled'
    // #endregion write-steps
  }
  // #endregion write-body
  // #endregion write

  /** Records still to replay, oldest first. */
  async pending(): Promise<SpoolRecord[]> {
    const records = await this.readSpool()
    const done = await readFile(this.progressFile, 'utf8').catch(() => '')
    // The progress file names the last record the store acknowledged.
    const position = done ? records.findIndex(record => record.id === done) : -1
    return records.slice(position + 1)
  }

  // #region replay
  /** Replays until the spool is empty; stops at the first failure, to resume later. */
  // #region replay-send
  async replay(): Promise<number> {
    let replayed = 0
    for (;;) {
      const [next] = await this.serial(() => this.pending())
      if (!next)
        break
      await this.store.incr(next.id, next.counter)
      // #endregion replay-send
      // Crash here: the store has it, the progress file does not; the store drops the resend.
      // #region replay-mark
      await this.serial(() => this.markReplayed(next.id))
      this.onReplayed(next)
      replayed++
    }
    await this.serial(() => this.truncateIfDone())
    return replayed
  }
  // #endregion replay-mark
  // #endregion replay

  /** Appends to the spool and fsyncs it before the write is acknowledged. */
  private append(text: string): Promise<void> {
    // A crash mid-append leaves a torn line with no newline: a record glued to it would be
    // skipped with it, though acknowledged. Starting on a fresh line costs one byte.
    return syncWrite(this.disk, this.spoolFile, `\n${text}`, 'a')
  }

  private async markReplayed(id: string): Promise<void> {
    const temporary = `${this.progressFile}.tmp`
    await syncWrite(this.disk, temporary, id, 'w')
    await this.disk.rename(temporary, this.progressFile)
    await syncDir(this.disk, this.dir)
  }

  // Truncating first is safe: a progress id that is no longer in the spool means "start over".
  private async truncateIfDone(): Promise<void> {
    if ((await this.pending()).length)
      return
    await rm(this.spoolFile, { force: true })
    await rm(this.progressFile, { force: true })
    await syncDir(this.disk, this.dir).catch(() => {})
  }

  private async readSpool(): Promise<SpoolRecord[]> {
    const text = await readFile(this.spoolFile, 'utf8').catch(() => '')
    const records: SpoolRecord[] = []
    for (const line of text.split('\n').filter(Boolean)) {
      try {
        records.push(JSON.parse(line) as SpoolRecord)
      }
      catch {
        // A line torn by a crash mid-append was never acknowledged to its writer.
      }
    }
    return records
  }
}
