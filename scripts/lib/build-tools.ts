import type { Browser } from 'playwright-core'
import type { FoundChromium } from './chromium'
import type { Layout } from './layout'
import type { StaticServer } from './serve'
import { readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import process from 'node:process'
import { findChromium, launchChromium } from './chromium'
import { SlidevProcess } from './deck/slidev-process'
import { serveSite } from './serve'

// Chromium runs in a process group of its own, so a build killed with its whole group
// (SIGKILL) leaves it running. The build's browser carries a switch naming the output it
// prints for (Chromium ignores switches it does not know), so the next build can find it.
const browserMark = (layout: Layout) => `--talks-build-output=${layout.distDir}`

/**
 * The one owner of what a build starts: the Slidev builder process, Chromium and the
 * server of the staging folder. Each starts on first use; close() stops them all and
 * removes the staging folder, whatever happened.
 */
export class BuildTools {
  readonly slidev = new SlidevProcess()
  private chromium?: Promise<Browser>
  private server?: Promise<StaticServer>

  constructor(private readonly layout: Layout, private readonly onChromium: (found: FoundChromium) => void = () => {}) {}

  /** Starts Chromium now, without waiting: it is needed as soon as the first deck is built. */
  warmUp(): void {
    this.browser().catch(() => {})
  }

  browser(): Promise<Browser> {
    return this.chromium ??= findChromium().then((found) => {
      this.onChromium(found)
      return launchChromium(found, [browserMark(this.layout)])
    })
  }

  /** The address the staging folder is served at, as a static host would serve dist/. */
  async stageUrl(): Promise<string> {
    return (await (this.server ??= serveSite(this.layout.stageDir, this.layout.base))).url
  }

  private closing?: Promise<void>

  /** Stops everything; called again (a signal, then the end of the build), it waits for the first. */
  close(): Promise<void> {
    return this.closing ??= this.stop()
  }

  private async stop(): Promise<void> {
    this.slidev.close()
    // A browser or server that failed to start has already failed its decks, with its reason.
    await this.chromium?.then(browser => browser.close(), () => {})
    await this.server?.then(server => server.close(), () => {})
    await rm(this.layout.stageDir, { recursive: true, force: true })
  }
}

/** Stops the browser processes (main and helpers) a killed build of the same output left running (Linux: read from /proc); returns how many. */
export function stopLeftoverBrowsers(layout: Layout): number {
  const mark = browserMark(layout)
  let stopped = 0
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter(name => /^\d+$/.test(name))
  }
  catch {
    return 0
  }
  for (const pid of pids) {
    try {
      // Chromium sets its process title, which joins its arguments with spaces.
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)
      if (!args.includes(mark))
        continue
      // The browser's main process leads a group that holds its helpers.
      try {
        process.kill(-Number(pid), 'SIGKILL')
      }
      catch {
        process.kill(Number(pid), 'SIGKILL')
      }
      stopped++
    }
    catch {}
  }
  return stopped
}
