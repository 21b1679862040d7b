import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The Python shown on slides that needs only the standard library lives here and runs
// with the machine's python3: a slide cannot show Python that does not run.
const dir = import.meta.dirname

function runPython(file: string, env: Record<string, string> = {}): string {
  return execFileSync('python3', [join(dir, file)], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
}

/** The lines between `# region name` and `# endregion name`, as Slidev shows them. */
function region(file: string, name: string): string {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n')
  const start = lines.findIndex(line => line.trim() === `# region ${name}`)
  const end = lines.findIndex(line => line.trim() === `# endregion ${name}`)
  expect(start, `# region ${name} in ${file}`).toBeGreaterThanOrEqual(0)
  expect(end).toBeGreaterThan(start)
  return lines.slice(start + 1, end).join('\n')
}

const tested = ['dict-slots.py']

describe('python snippets', () => {
  it('runs every .py file of snippets/python in this test', () => {
    expect(readdirSync(dir).filter(f => f.endsWith('.py')).sort()).toEqual(tested)
  })
})

describe('dict-slots.py (2017 consistent hashing: a dict is a hash table)', () => {
  it('shows the dict literal of the slide in its region', () => {
    expect(region('dict-slots.py', 'dict')).toBe(`d = {'timmy': 'red', 'barry': 'green', 'guido': 'blue'}`)
  })

  it('prints the value, the slots of int keys and the resize points', () => {
    expect(runPython('dict-slots.py').trimEnd().split('\n')).toEqual([
      `d['guido'] = blue`,
      'mask == modulo for 3 keys',
      // An int hashes to itself: 42 = 0b101010, 2017 = 8 * 252 + 1, 1000 = 8 * 125.
      'hash(42) & 7 = 2',
      'hash(2017) & 7 = 1',
      'hash(1000) & 7 = 0',
      // Resizes when 5 of 8, 10 of 16, 21 of 32, 42 of 64 slots are used: 2/3 full.
      'resizes at keys 6, 11, 22, 43',
    ])
  })

  it('prints the same whatever the string hash seed', () => {
    expect(runPython('dict-slots.py', { PYTHONHASHSEED: '1' }))
      .toBe(runPython('dict-slots.py', { PYTHONHASHSEED: '12345' }))
  })
})
