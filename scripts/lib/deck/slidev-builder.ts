// @ts-check
// Runs in a child process started by slidev-process.ts: builds the decks it is sent, one
// after another, with Slidev's own build function. A warm process builds a deck about twice
// as fast as a fresh `slidev build`, which spends seconds loading and compiling its modules.
// Plain JavaScript: a TypeScript loader would hook every one of the thousands of modules
// Slidev and Vite load, which costs more than a second per process.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { resolveOptions } from '@slidev/cli'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * `slidev build`'s function lives in a hashed chunk of @slidev/cli: find it the way its CLI does.
 * @returns {Promise<(options: unknown, viteConfig: object, args: object) => Promise<void>>} Slidev's build function
 */
async function loadBuild() {
  const dist = join(root, 'node_modules/@slidev/cli/dist')
  const chunk = readFileSync(join(dist, 'cli.mjs'), 'utf8').match(/import\("\.\/(build-[\w-]+\.mjs)"\)/)?.[1]
  if (!chunk)
    throw new Error('cannot find `slidev build` in node_modules/@slidev/cli/dist/cli.mjs: this build expects @slidev/cli 53.0.x (see package.json)')
  return (await import(join(dist, chunk))).build
}

const build = loadBuild()

process.on('message', async (/** @type {import('./slidev-process').SlidevJob} */ job) => {
  // vite.config.ts and the components read these while the deck is bundled.
  process.env.TALKS_INPUTS_FILE = job.record
  process.env.VITE_SITE_URL = job.siteUrl
  try {
    const options = await resolveOptions(/** @type {never} */ ({ entry: job.entry, base: job.base }), 'build')
    await (await build)(options, { base: job.base, build: { outDir: job.outDir, emptyOutDir: true }, logLevel: 'warn' }, { entry: job.entry })
    process.send?.({ ok: true })
  }
  catch (error) {
    process.send?.({ ok: false, message: error instanceof Error ? error.message : String(error) })
  }
})
