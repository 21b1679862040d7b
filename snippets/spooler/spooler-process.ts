// Replays a spool directory into the store from its own process, so a test can SIGKILL it
// in the middle, or have it SIGKILL itself at a chosen step of a chosen record.
// Usage: node --import tsx spooler-process.ts <dir> <store port> [delay ms per record] [<step>@<record no>]
// Steps, in the order a record goes through them: before-send, acked (the store has it),
// progress-synced (the progress file's temporary copy is on disk), renamed (it is in place), marked.
import type { Disk } from './spooler'
import { open, rename } from 'node:fs/promises'
import process from 'node:process'
import { Spooler } from './spooler'
import { tcpStore } from './store-client'

type CrashStep = 'before-send' | 'acked' | 'progress-synced' | 'renamed' | 'marked'

const [dir = '.', port = '0', delay = '0', crash = ''] = process.argv.slice(2)
const [crashStep, crashAt] = crash.split('@')
const reached: Record<string, number> = {}
/** Counts the step; dies on the spot, as with a power cut but for the page cache, when it is the chosen one. */
function step(name: CrashStep): void {
  reached[name] = (reached[name] ?? 0) + 1
  if (name === crashStep && reached[name] === Number(crashAt))
    process.kill(process.pid, 'SIGKILL')
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
let count = 0
const store = tcpStore(Number(port))
const slowStore = { incr: async (id: string, counter: string) => {
  await pause(Number(delay))
  step('before-send')
  await store.incr(id, counter)
  step('acked')
} }
const disk: Disk = {
  async open(path, flags) {
    const handle = await open(path, flags)
    return {
      write: text => handle.write(text),
      close: () => handle.close(),
      async sync() {
        await handle.sync()
        if (path.endsWith('.tmp'))
          step('progress-synced')
      },
    }
  },
  async rename(from, to) {
    await rename(from, to)
    step('renamed')
  },
}
const spooler = new Spooler(dir, slowStore, () => {
  step('marked')
  process.stdout.write(`replayed ${++count}\n`)
}, disk)
spooler.replay().then(
  n => process.stdout.write(`replay done ${n}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  },
)
