import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'pathe'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDeck } from '../scripts/lib/deck/decks'
import { root } from '../scripts/lib/paths'

// Decks written the way Slidev users write them, checked before anything is built.
const scratch = mkdtempSync(join(root, '.test-decks-'))
const fixture = readFileSync(join(root, 'tests/fixtures/2099-testconf-pipeline/slides.md'), 'utf8')
let count = 0

/** A deck whose slides.md is the fixture's, changed by `edit`, with extra files beside it. */
function deck(edit: (source: string) => string, files: Record<string, string> = {}) {
  const slug = `2099-check-deck${++count}`
  const dir = join(scratch, slug)
  mkdirSync(join(dir, 'pages'), { recursive: true })
  writeFileSync(join(dir, 'slides.md'), edit(fixture))
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), content)
  return { slug, dir, entry: join(dir, 'slides.md'), file: `${dir.slice(root.length + 1)}/slides.md` }
}

const lineOf = (source: string, text: string) => source.split('\n').findIndex(line => line.includes(text)) + 1

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('a deck is read the way Slidev reads it', () => {
  it('follows a quoted src: and records the page it imports', async () => {
    const d = deck(source => `${source}\n---\nsrc: './pages/01-cover.md'\n---\n`, { 'pages/01-cover.md': '# From a page\n' })
    await expect(checkDeck(d)).resolves.toMatchObject({ slug: d.slug })
  })

  it('names the file and line of a src: that does not exist', async () => {
    const d = deck(source => `${source}\n---\nsrc: ./pages/nowhere.md\n---\n`)
    const source = readFileSync(d.entry, 'utf8')
    await expect(checkDeck(d)).rejects.toThrow(`${d.file}:${lineOf(source, 'src: ./pages/nowhere.md') - 1}: Imported markdown file not found`)
  })

  it('takes any BCP 47 language tag', async () => {
    for (const lang of ['ja', 'pt-BR', 'zh-Hant']) {
      const d = deck(source => source.replace('lang: en', `lang: ${lang}`))
      await expect(checkDeck(d)).resolves.toMatchObject({ talk: { lang } })
    }
  })

  it('names a theme that is not installed, and the command that installs it', async () => {
    const d = deck(source => source.replace('layout: cover', 'theme: no-such-theme-xyz\nlayout: cover'))
    const source = readFileSync(d.entry, 'utf8')
    await expect(checkDeck(d)).rejects.toThrow(`${d.file}:${lineOf(source, 'theme:')}: theme "no-such-theme-xyz" is not installed: add it to the repository with \`npm install -D @slidev/theme-no-such-theme-xyz\` (or slidev-theme-no-such-theme-xyz, no-such-theme-xyz)`)
  })

  it.each([
    ['an image', '![A chart](https://example.com/chart.png)', 'an image from another host (https://example.com/chart.png)'],
    ['a frame', '<iframe src="https://example.com/embed" />', 'an element that loads from another host (https://example.com/embed)'],
    ['a tweet', '<Tweet id="20" />', 'an embed from another host'],
    ['a background', '---\nlayout: cover\nbackground: https://example.com/bg.jpg\n---\n\n# Cover', 'a background or image setting from another host (https://example.com/bg.jpg)'],
    ['PlantUML', '```plantuml\n@startuml\nA -> B\n@enduml\n```', 'a PlantUML diagram (drawn by a remote server) from another host'],
  ])('refuses %s that a viewer\'s browser would fetch from another host, with its line', async (_, markdown, message) => {
    const d = deck(source => `${source}\n---\n\n# Remote\n\n${markdown}\n`)
    const source = readFileSync(d.entry, 'utf8')
    const line = lineOf(source, markdown.split('\n').find(text => /https|Tweet|plantuml/.test(text))!)
    await expect(checkDeck(d)).rejects.toThrow(`${d.file}:${line}: ${message}: the decks load nothing from elsewhere`)
  })

  it.each([
    ['a Twoslash code block', '```ts twoslash\nconst ring = new Map<string, number>()\n```', '```ts twoslash', 'a `twoslash` code block needs Twoslash\'s pop-ups'],
    ['v-mark', '<span v-mark.red="1">the ring</span>', 'v-mark', '`v-mark` needs rough-notation'],
    ['v-motion', '<div\n  v-motion\n  :initial="{ x: -80 }"\n>Node A</div>', 'v-motion', '`v-motion` needs @vueuse/motion'],
  ])('refuses %s, which the built decks leave out, with its line', async (_, markdown, marker, message) => {
    const d = deck(source => `${source}\n---\n\n# Unbuilt\n\n${markdown}\n`)
    const source = readFileSync(d.entry, 'utf8')
    await expect(checkDeck(d)).rejects.toThrow(`${d.file}:${lineOf(source, marker)}: ${message}, which the decks are built without`)
  })

  it('leaves those words alone in code blocks and prose', async () => {
    const d = deck(source => `${source}\n---\n\n# Words\n\nThe v-mark idea, twoslash too.\n\n\`\`\`html\n<span v-mark="1">x</span>\n\`\`\`\n`)
    await expect(checkDeck(d)).resolves.toMatchObject({ slug: d.slug })
  })

  it('leaves links to other hosts, and URLs shown as code, alone', async () => {
    const d = deck(source => `${source}\n---\n\n# Links\n\n[A page](https://example.com/)\n\n\`\`\`html\n<img src="https://example.com/x.png">\n\`\`\`\n`)
    await expect(checkDeck(d)).resolves.toMatchObject({ slug: d.slug })
  })
})
