import { existsSync } from 'node:fs'
import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { findChromium, launchChromium } from '../scripts/lib/chromium'

describe('the Chromium the build uses', () => {
  it('takes $CHROMIUM_PATH first, and says so', async () => {
    const found = await findChromium({ ...process.env, CHROMIUM_PATH: process.execPath })
    expect(found).toEqual({ path: process.execPath, source: '$CHROMIUM_PATH' })
  })

  it('refuses a $CHROMIUM_PATH that does not exist, naming it and the fix', async () => {
    await expect(findChromium({ ...process.env, CHROMIUM_PATH: '/nowhere/chrome' })).rejects.toThrow(/CHROMIUM_PATH is \/nowhere\/chrome, which does not exist: point it at a Chromium or Chrome binary, or unset it/)
  })

  it('finds one on this platform without any variable, and it prints a PDF', async () => {
    const env = { ...process.env }
    delete env.CHROMIUM_PATH
    const found = await findChromium(env)
    expect(existsSync(found.path)).toBe(true)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent('<h1>Hello</h1>')
      const pdf = await page.pdf()
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    }
    finally {
      await browser.close()
    }
  })
})
