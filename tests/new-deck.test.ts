import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { decksDir, root } from '../scripts/lib/paths'

// `npm run new` checks everything it is given before it makes the deck's folder.
const runNew = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new.ts', ...args], { cwd: root, encoding: 'utf8' })

describe('npm run new', () => {
  it.each([
    [['🎉🎉'], /"🎉🎉" has no letters or digits to name the deck's folder with/],
    [['--lang', 'xx-', 'A title'], /^--lang is invalid: expected a language code/],
    [['--date', '2099-02-30', 'A title'], /^--date is invalid: expected a date .* that exists in the calendar/],
    [['--date', '2099-13-45', 'A title'], /^--date is invalid/],
    [['--kind', 'talk\ninjected: true', 'A title'], /^--kind is invalid: expected one of: talk, interactive, informal/],
    [['-leading dash'], /Unknown option '-l'[\s\S]*A title that starts with "-" goes after a "--"/],
    [['--event', 'Conf"\nx: 1', 'A title'], /^(?!Created)/],
  ])('answers %j with the fix and creates nothing, or makes a valid deck of quoted values', (args, message) => {
    const before = readdirSync(decksDir)
    const result = runNew(...args)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    if (result.status === 0) {
      // A quoted value is data, never YAML: the deck it made is valid; remove it.
      const made = readdirSync(decksDir).filter(name => !before.includes(name))
      expect(made).toHaveLength(1)
      execFileSync('rm', ['-r', `${decksDir}/${made[0]}`])
      return
    }
    expect(result.status).toBe(1)
    expect(readdirSync(decksDir)).toEqual(before)
  })
})
