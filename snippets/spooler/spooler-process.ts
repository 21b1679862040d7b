// Replays a spool directory into the store from its own process, so a test can SIGKILL it
// in the middle. Usage: node --import tsx spooler-process.ts <dir> <store port> [delay ms per record]
import process from 'node:process'
import { Spooler } from './spooler'
import { tcpStore } from './store-client'

const [dir = '.', port = '0', delay = '0'] = process.argv.slice(2)
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
let count = 0
const store = tcpStore(Number(port))
const slowStore = { incr: async (id: string, counter: string) => {
  await pause(Number(delay))
  await store.incr(id, counter)
} }
const spooler = new Spooler(dir, slowStore, () => process.stdout.write(`replayed ${++count}\n`))
spooler.replay().then(
  n => process.stdout.write(`replay done ${n}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  },
)
