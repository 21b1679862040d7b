import type { Browser } from 'playwright-core'
import type { FoundChromium } from './chromium'
import type { Layout } from './layout'
import type { StaticServer } from './serve'
import { rm } from 'node:fs/promises'
import { findChromium, launchChromium } from './chromium'
import { SlidevProcess } from './deck/slidev-process'
import { serveSite } from './serve'

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
      return launchChromium(found)
    })
  }

  /** The address the staging folder is served at, as a static host would serve dist/. */
  async stageUrl(): Promise<string> {
    return (await (this.server ??= serveSite(this.layout.stageDir, this.layout.base))).url
  }

  async close(): Promise<void> {
    this.slidev.close()
    // A browser or server that failed to start has already failed its decks, with its reason.
    await this.chromium?.then(browser => browser.close(), () => {})
    await this.server?.then(server => server.close(), () => {})
    await rm(this.layout.stageDir, { recursive: true, force: true })
  }
}
