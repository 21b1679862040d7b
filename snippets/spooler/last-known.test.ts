import { describe, expect, it } from 'vitest'
import { lastKnown } from './last-known'

describe('lastKnown', () => {
  it('serves the last good value, marked stale, while the store fails', async () => {
    const answers: (number | Error)[] = [1, 2, new Error('down'), new Error('down'), 5]
    const read = lastKnown(async () => {
      const answer = answers.shift()!
      if (answer instanceof Error)
        throw answer
      return answer
    })
    const seen = []
    for (let i = 0; i < 5; i++)
      seen.push(await read())
    expect(seen).toEqual([
      { value: 1, stale: false },
      { value: 2, stale: false },
      { value: 2, stale: true },
      { value: 2, stale: true },
      { value: 5, stale: false },
    ])
  })

  it('fails when there is no value yet to fall back on', async () => {
    const read = lastKnown(async () => {
      throw new Error('down')
    })
    await expect(read()).rejects.toThrow('down')
  })
})
