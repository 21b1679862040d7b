import type { RunEvent, StartMessage } from './protocol'
import { isLast, OutputBudget, parseRunEvent } from './protocol'

/**
 * Runs in the sandbox frame (an opaque origin, see sandbox.ts): starts the snippet's worker
 * from the runner's own code and passes its output on to the slide in batches, checked
 * and counted here, where the snippet cannot reach. The slide's pings get an empty batch,
 * which is how it knows the frame is still alive.
 */
export function startFrame(window: Window) {
  const slide = window.parent
  const budget = new OutputBudget()
  const batch: RunEvent[] = []
  let worker: Worker | undefined
  let ended = false
  // A message to ourselves lands after the worker's messages already queued: one batch per burst.
  const tick = new MessageChannel()
  let flushing = false
  const flush = () => {
    flushing = false
    slide.postMessage({ events: batch.splice(0) }, '*')
  }
  tick.port1.onmessage = flush
  const emit = (event: RunEvent) => {
    if (ended)
      return
    batch.push(event)
    if (isLast(event)) {
      ended = true
      worker?.terminate()
      return flush()
    }
    if (!flushing) {
      flushing = true
      tick.port2.postMessage(null)
    }
  }

  window.addEventListener('message', ({ source, data }: MessageEvent<Partial<StartMessage> | undefined>) => {
    if (source !== slide)
      return
    if (!data?.start || worker)
      return flush()
    const url = URL.createObjectURL(new Blob([data.start.code], { type: 'text/javascript' }))
    worker = new Worker(url, { name: 'snippet' })
    worker.onmessage = ({ data: message }) => {
      const event = parseRunEvent(message)
      if (!event)
        return emit({ type: 'error', text: 'The snippet sent something that is not output' })
      emit(budget.take(event) ?? { type: 'capped' })
    }
    worker.onerror = (error) => {
      error.preventDefault()
      emit({ type: 'error', text: error.message || 'The snippet could not start' })
    }
    worker.postMessage(data.start.request)
  })
  // The first answer tells the slide the frame runs.
  flush()
}
