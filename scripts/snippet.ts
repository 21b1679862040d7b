import { existsSync } from 'node:fs'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { join, relative } from 'pathe'
import { snippetsDir } from './lib/paths'

// `npm run snippet -- consistent-hashing/compare` runs a snippet's main(), the same
// code the slide shows and runs in the browser.
const name = process.argv[2]?.replace(/\.ts$/, '')
const file = name && join(snippetsDir, `${name}.ts`)
if (!file || !existsSync(file)) {
  console.error(name ? `No snippet at ${relative(process.cwd(), file!)}.` : 'Usage: npm run snippet -- <topic>/<name>   (e.g. consistent-hashing/compare)')
  process.exit(1)
}
const module = await import(pathToFileURL(file).href) as { default?: () => unknown }
if (typeof module.default !== 'function') {
  console.error(`${relative(process.cwd(), file)} is not runnable: it has no \`export default async function main()\`.`)
  process.exit(1)
}
await module.default()
