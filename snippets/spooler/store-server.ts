// A tiny durable counter store in its own process, standing in for MongoDB so tests can
// SIGKILL it. Line protocol: `INCR <id> <counter>` -> `OK applied|duplicate`,
// `LOG` -> the applied ids in order, `STATS` -> JSON {applied, duplicates}.
// Usage: node --import tsx store-server.ts <port> <data file>
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import process from 'node:process'

const [port = '0', file = 'store.jsonl'] = process.argv.slice(2)
const applied: string[] = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => (JSON.parse(line) as { id: string }).id) : []
const seen = new Set(applied)
let duplicates = 0

// Writes are idempotent by id, like an upsert on `_id`: a replayed record is not counted twice.
function incr(id: string, counter: string): string {
  if (seen.has(id)) {
    duplicates++
    return 'OK duplicate'
  }
  const fd = openSync(file, 'a')
  appendFileSync(fd, `${JSON.stringify({ id, counter })}\n`)
  fsyncSync(fd)
  closeSync(fd)
  seen.add(id)
  applied.push(id)
  return 'OK applied'
}

const server = createServer((socket) => {
  let buffer = ''
  socket.on('data', (chunk) => {
    buffer += chunk
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const [command, ...args] = buffer.slice(0, end).trim().split(' ')
      buffer = buffer.slice(end + 1)
      if (command === 'INCR' && args.length === 2)
        socket.write(`${incr(args[0]!, args[1]!)}\n`)
      else if (command === 'LOG')
        socket.write(`${JSON.stringify(applied)}\n`)
      else if (command === 'STATS')
        socket.write(`${JSON.stringify({ applied: applied.length, duplicates })}\n`)
      else
        socket.write('ERR unknown command\n')
    }
  })
  socket.on('error', () => {})
})
server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`)
})
