// Talks to the store over TCP with a deadline: a dead store fails fast instead of hanging.
import { connect } from 'node:net'

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
}

export function request(port: number, line: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    const fail = (why: string) => {
      socket.destroy()
      reject(new StoreUnavailableError(`store on 127.0.0.1:${port}: ${why}`))
    }
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`))
    socket.on('connect', () => socket.write(`${line}\n`))
    socket.on('data', (chunk) => {
      answer += chunk
      const end = answer.indexOf('\n')
      if (end >= 0) {
        socket.end()
        resolve(answer.slice(0, end))
      }
    })
    socket.on('error', error => fail(error.message))
  })
}

export interface Store {
  incr: (id: string, counter: string) => Promise<void>
}

export function tcpStore(port: number): Store {
  return {
    async incr(id, counter) {
      const answer = await request(port, `INCR ${id} ${counter}`)
      if (!answer.startsWith('OK'))
        throw new StoreUnavailableError(`store refused INCR ${id}: ${answer}`)
    },
  }
}
