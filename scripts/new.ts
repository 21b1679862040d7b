import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { join, relative } from 'pathe'
import { checkDeck, publishPath, SLUG_PATTERN } from './lib/deck/decks'
import { decksDir, root } from './lib/paths'
import { talkSchema } from './lib/schema'
import { checkYaml } from './lib/yaml-check'

// `npm run new -- "Talk title" [--event "EuroPython 2019"] [--city Basel] [--date 2019-07-08] [--lang fr] [--kind talk]`
// Everything is checked before the folder is made: an error creates nothing.
const USAGE = 'Usage: npm run new -- "Talk title" [--event "EuroPython 2019"] [--city Basel] [--date 2019-07-08] [--lang en|fr|…] [--kind talk|interactive|informal]'

/** The new deck's slides.md, with every value quoted for YAML. */
function slidesFile(title: string, values: Record<string, string>): string {
  const yaml = (value: string) => JSON.stringify(value)
  return `---
addons:
  - "@/../.."
fonts:
  provider: none
favicon: ../../public/favicon.svg
theme: default
layout: cover
title: ${yaml(title)}
abstract: >-
  What this talk is about, in two or three sentences.
kind: ${yaml(values.kind!)}
lang: ${yaml(values.lang!)}
coSpeakers: []
tags: [python]
events:
  - name: ${yaml(values.event!)}
    city: ${yaml(values.city!)}
    date: ${yaml(values.date!)}
---

# ${title}

<Speaker />

<!--
Speaker notes for the cover.
-->

---

# First point

- …

<!--
What to say on this slide.
-->

---
layout: closing
---
`
}

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        event: { type: 'string', default: 'Draft' },
        city: { type: 'string', default: 'TBD' },
        date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
        lang: { type: 'string', default: 'en' },
        kind: { type: 'string', default: 'talk' },
      },
    })
  }
  catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}\nA title that starts with "-" goes after a "--": npm run new -- -- "-1 is a number"`)
    return 1
  }
  const { values, positionals } = parsed
  const title = positionals.join(' ').trim()
  if (!title) {
    console.error(USAGE)
    return 1
  }
  const content = slidesFile(title, values)
  try {
    checkYaml(talkSchema, content.split('---\n')[1]!, '(the new deck\'s headmatter)', 2)
  }
  catch (error) {
    // The message names a headmatter field: say which option set it.
    const options: Record<string, string> = { 'events.0.date': '--date', 'events.0.name': '--event', 'events.0.city': '--city', 'lang': '--lang', 'kind': '--kind', 'title': 'the title' }
    const message = (error as Error).message.replace(/^\(the new deck's headmatter\):\d+: /, '').replace(/^[\w.]+/, field => options[field] ?? field)
    console.error(`${message}\n${USAGE}`)
    return 1
  }
  const event = publishPath(values.event.replace(/\b\d{4}\b/g, '')) || 'draft'
  const topic = publishPath(title).split('-').slice(0, 5).join('-')
  const slug = `${values.date.slice(0, 4)}-${event}-${topic}`
  if (!topic || !SLUG_PATTERN.test(slug)) {
    console.error(`"${title}" has no letters or digits to name the deck's folder with (${slug}): give a title with words in it`)
    return 1
  }
  const dir = join(decksDir, slug)
  if (existsSync(dir)) {
    console.error(`${relative(root, dir)} already exists.`)
    return 1
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'slides.md'), content)
  try {
    await checkDeck({ slug, dir, entry: join(dir, 'slides.md') })
  }
  catch (error) {
    rmSync(dir, { recursive: true, force: true })
    console.error((error as Error).message)
    return 1
  }
  console.log(`Created ${relative(root, join(dir, 'slides.md'))}\nPresent it: npm run dev -- ${slug}\nBuild it:   npm run build -- ${slug}`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
