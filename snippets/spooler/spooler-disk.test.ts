import type { Disk } from './spooler'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Spooler } from './spooler'

const down = { incr: async () => {
  throw new Error('store down')
} }

describe('what is on disk before the spooler says so', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talks-spooler-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('fsyncs a record before acknowledging it, and records replay progress only once the store has acknowledged', async () => {
    const spool = join(dir, 'spool')
    const log: string[] = []
    const name = (path: string) => relative(spool, path) || '.'
    // Node's own file operations, each logged once it has completed.
    const disk: Disk = {
      async open(path, flags) {
        const handle = await open(path, flags)
        return {
          write: async (text) => {
            await handle.write(text)
            log.push(`write ${name(path)}`)
          },
          sync: async () => {
            await handle.sync()
            log.push(`sync ${name(path)}`)
          },
          close: async () => {
            await handle.close()
            log.push(`close ${name(path)}`)
          },
        }
      },
      async rename(from, to) {
        await rename(from, to)
        log.push(`rename ${name(from)} ${name(to)}`)
      },
    }
    let acked = 0
    const store = { incr: async () => {
      log.push(`store ack ${++acked}`)
    } }
    let replayed = 0
    const spooler = new Spooler(spool, down, () => log.push(`progress ${++replayed}`), disk)
    for (let i = 0; i < 2; i++)
      log.push(`writer told ${await spooler.write('hits')}`)
    const append = ['write spool.jsonl', 'sync spool.jsonl', 'close spool.jsonl', 'writer told spooled']
    expect(log).toEqual([...append, ...append])

    log.length = 0
    expect(await new Spooler(spool, store, () => log.push(`progress ${++replayed}`), disk).replay()).toBe(2)
    const step = (no: number) => [`store ack ${no}`, 'write replayed.tmp', 'sync replayed.tmp', 'close replayed.tmp', 'rename replayed.tmp replayed', 'sync .', 'close .', `progress ${no}`]
    // The emptied spool's removal is made durable too; every file opened is closed.
    expect(log).toEqual([...step(1), ...step(2), 'sync .', 'close .'])
    expect(existsSync(join(spool, 'spool.jsonl'))).toBe(false)
  })
})
