import { spawn } from 'node:child_process'
import process from 'node:process'
import { join } from 'pathe'
import prompts from 'prompts'
import { findDecks, SLUG_PATTERN } from './lib/deck/decks'
import { decksDir, root } from './lib/paths'

// `npm run dev -- <slug>` presents one deck with hot reload; presenter mode is at /presenter.
// Every other argument goes to Slidev as given, values included (`--port 3031`).
const decks = findDecks(decksDir)
const args = process.argv.slice(2)
const at = args.findIndex(arg => decks.some(deck => deck.slug === arg) || SLUG_PATTERN.test(arg))
let slug = at >= 0 ? args[at] : undefined
const extra = args.filter((_, index) => index !== at)
if (!slug) {
  if (!process.stdin.isTTY) {
    console.error(`Usage: npm run dev -- <slug>\nDecks: ${decks.map(deck => deck.slug).join(', ')}`)
    process.exit(1)
  }
  const answer = await prompts({
    type: 'autocomplete',
    name: 'slug',
    message: 'Which deck?',
    choices: decks.map(deck => ({ title: deck.slug, value: deck.slug })).reverse(),
  })
  slug = answer.slug as string | undefined
  if (!slug)
    process.exit(1)
}
const deck = decks.find(candidate => candidate.slug === slug)
if (!deck) {
  console.error(`No deck "${slug}". Decks: ${decks.map(d => d.slug).join(', ')}`)
  process.exit(1)
}
const child = spawn(process.execPath, [join(root, 'node_modules/@slidev/cli/bin/slidev.mjs'), deck.entry, ...extra], { stdio: 'inherit', cwd: root })
child.on('exit', code => process.exit(code ?? 0))
