import type { RunResult } from './harness'
import { randomUUID } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import process from 'node:process'
import { join, relative } from 'pathe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../scripts/lib/config'
import { root } from '../scripts/lib/paths'
import { build } from '../scripts/lib/pipeline'
import { runBuild, scratchDecks } from './harness'

// Decks written by someone who wants the site to publish what it should not, built for
// real next to a good deck: each is refused before it is built, naming the file, the line
// and the fix, and nothing of it reaches dist/.

const GOOD = '2099-testconf-pipeline'
const VIDEO = 'video: https://www.youtube.com/watch?v=AIYsV5scL7A'

describe('hostile decks', () => {
  const scratch = scratchDecks([GOOD])
  const env = { TALKS_DECKS_DIR: scratch.decks, TALKS_DIST_DIR: scratch.dist }
  const outside = mkdtempSync(join(tmpdir(), 'talks-outside-'))
  // A secret outside the repository: it must appear in no file of the output.
  const secret = `secret-${randomUUID()}`
  const secretFile = join(outside, 'secret.txt')
  const good = readFileSync(join(scratch.decks, GOOD, 'slides.md'), 'utf8')
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex(line => line.includes(needle)) + 1

  /** A copy of the good deck under another name, its slides.md changed by `edit`. */
  function deck(slug: string, edit: (slides: string) => string, extra?: (dir: string) => void): { slug: string, file: string, text: string } {
    const dir = join(scratch.decks, slug)
    cpSync(join(scratch.decks, GOOD), dir, { recursive: true })
    const text = edit(good)
    writeFileSync(join(dir, 'slides.md'), text)
    extra?.(dir)
    return { slug, file: relative(root, join(dir, 'slides.md')), text }
  }

  const cases = {
    jsVideo: deck('2099-testconf-js-video', text => text.replace(VIDEO, 'video: "javascript:alert(document.domain)"')),
    dataVideo: deck('2099-testconf-data-video', text => text.replace(VIDEO, 'video: "data:text/html,<script>alert(1)</script>"')),
    snippetLink: deck('2099-testconf-snippet-link', text => `${text}\n---\n\n# Leak\n\n<<< ./leak.txt\n`, dir => symlinkSync(secretFile, join(dir, 'leak.txt'))),
    srcLink: deck('2099-testconf-src-link', text => `${text}\n---\nsrc: ./page.md\n---\n`, dir => symlinkSync(join(outside, 'page.md'), join(dir, 'page.md'))),
    slideImport: deck('2099-testconf-slide-import', text => `${text}\n---\n\n# Leak\n\n<script setup>\nimport leak from '${relative(join(scratch.decks, '2099-testconf-slide-import'), secretFile)}?raw'\n</script>\n\n{{ leak }}\n`),
    badDate: deck('2099-testconf-bad-date', text => text.replace('date: 2099-01-02', 'date: 2099-13-45')),
    reversed: deck('2099-testconf-reversed', text => text.replace('date: 2099-01-02', 'date: 2099-07-01\n    until: 2099-06-01')),
    misspelt: deck('2099-testconf-misspelt', text => text.replace('tags: [testing]', 'tags: [testing]\ncoSpeaker: [Ada Lovelace]')),
    scriptTitle: deck('2099-testconf-script-title', text => text.replace('title: Pipeline check', 'title: <script>alert(1)</script>')),
  }
  let result: RunResult
  let componentResult: RunResult['result']['decks'][number]
  // Slidev guards a slide's own imports; a component of the deck is guarded by vite.config.ts.
  // Built on its own: a Slidev process sees a deck's own components/ folder only for its first deck.
  const componentImport = deck('2099-testconf-component-import', text => `${text}\n---\n\n# Leak\n\n<Leak />\n`, (dir) => {
    mkdirSync(join(dir, 'components'))
    writeFileSync(join(dir, 'components/Leak.vue'), `<script setup lang="ts">\nimport leak from '${relative(join(dir, 'components'), secretFile)}?raw'\n</script>\n\n<template>\n  <p>{{ leak }}</p>\n</template>\n`)
  })

  beforeAll(async () => {
    writeFileSync(secretFile, `${secret}\n`)
    writeFileSync(join(outside, 'page.md'), `# ${secret}\n`)
    // A deck folder that is a link to a folder elsewhere.
    cpSync(join(scratch.decks, GOOD), join(outside, 'linked'), { recursive: true })
    symlinkSync(join(outside, 'linked'), join(scratch.decks, '2099-testconf-linked'))
    const alone = await runBuild([componentImport.slug], env)
    componentResult = alone.result.decks[0]!
    result = await runBuild(Object.values(cases).map(deck => deck.slug).concat(GOOD, '2099-testconf-linked'), env)
  })
  afterAll(() => {
    scratch.cleanup()
    rmSync(outside, { recursive: true, force: true })
  })

  const errorOf = (slug: string) => {
    const deck = result.result.decks.find(deck => deck.slug === slug)
    return deck?.status === 'failed' ? deck.error : `not failed: ${deck?.status}`
  }

  it('builds the good deck and refuses every hostile one', () => {
    expect(result.result.decks.find(deck => deck.slug === GOOD)?.status).toBe('built')
    for (const { slug } of Object.values(cases))
      expect(errorOf(slug), slug).not.toMatch(/^not failed/)
    expect(result.result.site).toEqual({ listed: 1 })
  })

  it('takes only https: and http: videos', () => {
    for (const { slug, file, text } of [cases.jsVideo, cases.dataVideo])
      expect(errorOf(slug)).toBe(`${file}:${lineOf(text, 'video:')}: events.0.video is invalid: expected the address of the video, starting with https://`)
  })

  it('reads nothing from outside the repository into a deck: links, src: pages, imports', () => {
    const { snippetLink, srcLink } = cases
    expect(errorOf(snippetLink.slug)).toBe(`${snippetLink.file}:${lineOf(snippetLink.text, '<<< ./leak.txt')}: snippet "./leak.txt" is ${secretFile}, outside the repository: a deck publishes only files of the repository; copy it into the deck's folder`)
    expect(errorOf(srcLink.slug)).toMatch(new RegExp(`^${srcLink.file}:${lineOf(srcLink.text, 'src: ')}: the "src:" page .* is ${join(outside, 'page.md')}, outside the repository`))
    expect(componentResult.status === 'failed' && componentResult.error).toContain(`${secretFile} is outside the repository (imported by ${relative(root, scratch.decks)}/${componentImport.slug}/components/Leak.vue)`)
    expect(errorOf(cases.slideImport.slug)).toContain(`resolves outside of Vite server.fs.allow: ${secretFile}`)
    expect(errorOf('2099-testconf-linked')).toMatch(/2099-testconf-linked:1: is a link to .*linked: a deck is built from a folder of its own/)
    const published = readdirSync(scratch.dist, { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => join(entry.parentPath, entry.name))
    expect(published.length).toBeGreaterThan(10)
    for (const file of published)
      expect(readFileSync(file).includes(secret), file).toBe(false)
  })

  it('checks dates against the calendar, and date ranges', () => {
    const { badDate, reversed } = cases
    expect(errorOf(badDate.slug)).toMatch(new RegExp(`^${badDate.file}:${lineOf(badDate.text, 'date: 2099-13-45')}: events\\.0\\.date is invalid: expected a date .* that exists in the calendar`))
    expect(errorOf(reversed.slug)).toBe(`${reversed.file}:${lineOf(reversed.text, 'until:')}: events.0.until is invalid: expected a last day after the event's date (or no "until" for a one-day event)`)
  })

  it('reports unknown keys with a "did you mean", and markup in a title at its line', () => {
    const { misspelt, scriptTitle } = cases
    expect(errorOf(misspelt.slug)).toBe(`${misspelt.file}:${lineOf(misspelt.text, 'coSpeaker:')}: "coSpeaker" is not a known key: did you mean "coSpeakers"?`)
    expect(errorOf(scriptTitle.slug)).toBe(`${scriptTitle.file}:${lineOf(scriptTitle.text, 'title: <script>')}: title is invalid: expected the talk title as plain text, without HTML tags`)
  })

  it('removes the output of a deck whose folder is gone', async () => {
    const copy = deck('2099-testconf-removed', text => text)
    const built = await runBuild([copy.slug], env)
    expect(built.code, built.stderr).toBe(0)
    expect(existsSync(join(scratch.dist, copy.slug, 'index.html'))).toBe(true)
    rmSync(join(scratch.decks, copy.slug), { recursive: true })
    const next = await runBuild([GOOD], env)
    expect(next.stdout).toContain(`· removed ${copy.slug}`)
    expect(existsSync(join(scratch.dist, copy.slug))).toBe(false)
    expect(existsSync(join(scratch.dist, 'talks', copy.slug))).toBe(false)
    expect(readFileSync(join(scratch.dist, 'index.html'), 'utf8')).not.toContain(copy.slug)
  })

  it('never publishes a build.json that the schema now refuses: the deck is built again', async () => {
    const record = join(scratch.dist, GOOD, 'build.json')
    writeFileSync(record, readFileSync(record, 'utf8').replace('"date": "2099-01-02"', '"date": "2099-13-45"'))
    expect(readFileSync(record, 'utf8')).toContain('2099-13-45')
    const next = await runBuild([GOOD], env)
    expect(next.code, next.stderr).toBe(0)
    expect(next.stdout).toMatch(new RegExp(`✓ ${GOOD}\\s+build`))
    expect(readFileSync(record, 'utf8')).not.toContain('2099-13-45')
  })

  it('checks the site\'s own data before building anything', async () => {
    const entries = join(outside, 'entries.yml')
    writeFileSync(entries, '- title: An award\n  kind: award\n  lang: en\n  year: 2018\n  where: Somewhere\n  description: What it was for.\n  link:\n    label: The announcement\n    url: "javascript:alert(1)"\n')
    const lines: string[] = []
    const stopped = await build({ ...readConfig(['--force'], { ...process.env, ...env }), entriesFile: entries }, { log: line => lines.push(line), error: line => lines.push(line) })
    expect(stopped.ok).toBe(false)
    expect(stopped.decks).toEqual([])
    expect(stopped.error).toContain(`${relative(root, entries)}:9: 0.link.url is invalid: expected a web address starting with https://`)
    expect(stopped.error).toContain('Nothing was built')
  })
})
