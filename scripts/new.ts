import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { join, relative } from 'pathe'
import { checkDeck, publishPath } from './lib/deck/decks'
import { decksDir, root } from './lib/paths'

// `npm run new -- "Talk title" [--event "EuroPython 2019"] [--city Basel] [--date 2019-07-08] [--lang fr]`
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    event: { type: 'string', default: 'Draft' },
    city: { type: 'string', default: 'TBD' },
    date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    lang: { type: 'string', default: 'en' },
    kind: { type: 'string', default: 'talk' },
  },
})
const title = positionals.join(' ').trim()
if (!title) {
  console.error('Usage: npm run new -- "Talk title" [--event "EuroPython 2019"] [--city Basel] [--date 2019-07-08] [--lang en|fr] [--kind talk|interactive|informal]')
  process.exit(1)
}
const event = publishPath(values.event!.replace(/\b\d{4}\b/g, '')) || 'draft'
const topic = publishPath(title).split('-').slice(0, 5).join('-')
const slug = `${values.date!.slice(0, 4)}-${event}-${topic}`
const dir = join(decksDir, slug)
if (existsSync(dir)) {
  console.error(`${relative(root, dir)} already exists.`)
  process.exit(1)
}
const yamlString = (value: string) => JSON.stringify(value)
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'slides.md'), `---
addons:
  - "@/../.."
fonts:
  provider: none
favicon: ../../public/favicon.svg
theme: default
layout: cover
title: ${yamlString(title)}
abstract: >-
  What this talk is about, in two or three sentences.
kind: ${values.kind}
lang: ${values.lang}
coSpeakers: []
tags: [python]
events:
  - name: ${yamlString(values.event!)}
    city: ${yamlString(values.city!)}
    date: ${values.date}
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
`)
try {
  await checkDeck({ slug, dir, entry: join(dir, 'slides.md') })
}
catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
console.log(`Created ${relative(root, join(dir, 'slides.md'))}\nPresent it: npm run dev -- ${slug}\nBuild it:   npm run build -- ${slug}`)
