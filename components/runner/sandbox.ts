import type { RunEvent, RunRequest, StartMessage } from './protocol'
import { isLast, OutputBudget, parseEvents } from './protocol'

// No network at all (default-src), no remote script or import: the frame's own script by
// its nonce, eval for the compiled snippets (new Function), and the worker from a blob.
const policy = (nonce: string) => `default-src 'none'; script-src 'nonce-${nonce}' 'unsafe-eval'; worker-src blob:`
// A frame that answers no ping for this long is gone: in a browser that gives the sandbox
// its own process (Chrome's site isolation), a snippet that exhausts memory takes only that
// process down. One that never answered did not start (a page CSP without 'unsafe-eval', say).
const PING_MS = 500
const GONE_MS = 3000

/**
 * Runs a snippet in a sandboxed frame with an opaque origin: it cannot reach the deck's
 * origin (its storage, its BroadcastChannels, the page) nor the network. `code` is the
 * runner's script (virtual:talks-sandbox). Returns a function that stops the run.
 */
export function runInSandbox(code: string, request: RunRequest, on: { events: (events: RunEvent[]) => void, lost: (started: boolean) => void }): () => void {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), byte => byte.toString(16).padStart(2, '0')).join('')
  const frame = document.createElement('iframe')
  frame.sandbox.value = 'allow-scripts'
  // Out of sight but not display:none, which a browser may treat as a background frame.
  frame.style.cssText = 'position: fixed; left: 0; top: 0; width: 1px; height: 1px; border: 0; opacity: 0; pointer-events: none'
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  // The code goes in as a JSON string: `<` escaped, it cannot close the script element.
  frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy(nonce)}"><script nonce="${nonce}">(0, eval)(${JSON.stringify(code).replace(/</g, '\\u003c')})</script>`
  const budget = new OutputBudget()
  let lastSeen = performance.now()
  let started = false
  let watchdog: ReturnType<typeof setInterval> | undefined

  const stop = () => {
    clearInterval(watchdog)
    removeEventListener('message', receive)
    frame.remove()
  }
  function receive({ source, data }: MessageEvent) {
    if (source !== frame.contentWindow || !source)
      return
    const events = parseEvents(data)
    if (!events)
      return
    lastSeen = performance.now()
    started = true
    const shown: RunEvent[] = []
    for (const event of events) {
      const allowed = budget.take(event) ?? { type: 'capped' }
      shown.push(allowed)
      if (isLast(allowed)) {
        stop()
        break
      }
    }
    if (shown.length)
      on.events(shown)
  }
  addEventListener('message', receive)
  frame.addEventListener('load', () => {
    const start: StartMessage = { start: { code, request } }
    frame.contentWindow?.postMessage(start, '*')
    lastSeen = performance.now()
    watchdog = setInterval(() => {
      if (performance.now() - lastSeen > GONE_MS) {
        stop()
        on.lost(started)
      }
      else {
        frame.contentWindow?.postMessage({ ping: true }, '*')
      }
    }, PING_MS)
  }, { once: true })
  document.body.append(frame)
  return stop
}
