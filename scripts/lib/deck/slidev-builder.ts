// Runs in a child process started by slidev-process.ts: builds the decks it is sent, one
// after another, with Slidev's own build function. A warm process builds a deck about twice
// as fast as a fresh `slidev build`, which spends seconds loading and compiling its modules.
// Run by Node's own type stripping: a TypeScript loader would hook every one of the
// thousands of modules Slidev and Vite load, which costs more than a second per process.
import type { SlidevJob } from './slidev-process'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { resolveOptions } from '@slidev/cli'
import { loadSlidevBuild } from './slidev.ts'

const build = loadSlidevBuild(fileURLToPath(new URL('../../..', import.meta.url)))
build.catch(() => {})

// The build that started this process is gone (killed): so is the reason to run.
process.on('disconnect', () => process.exit(0))

process.on('message', async (job: SlidevJob) => {
  // vite.config.ts records the files the bundle reads there.
  process.env.TALKS_INPUTS_FILE = job.record
  try {
    const options = await resolveOptions({ entry: job.entry, base: job.base, withoutNotes: job.withoutNotes } as never, 'build')
    await (await build)(options, {
      base: job.base,
      build: { outDir: job.outDir, emptyOutDir: true },
      logLevel: 'warn',
      // The closing slide and the PDF button link where the build says (components/deck-links.ts).
      define: { __TALKS_DECK_LINKS__: JSON.stringify(job.links) },
    }, { entry: job.entry })
    process.send?.({ ok: true })
  }
  catch (error) {
    process.send?.({ ok: false, message: error instanceof Error ? error.message : String(error) })
  }
})
