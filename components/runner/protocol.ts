/** Messages between a Runnable slide, its sandbox frame and the worker that runs the snippet. */
export interface RunRequest {
  /** Path under snippets/, without `.ts`, e.g. "consistent-hashing/compare". */
  snippet: string
  /** Edited source to run instead of the file's; its imports still resolve to snippets/. */
  source?: string
}

/** The slide to its sandbox frame: the runner's code (virtual:talks-sandbox) and what to run. */
export interface StartMessage {
  start: { code: string, request: RunRequest }
}

export type Row = Record<string, string>

export type RunEvent
  = | { type: 'log', level: 'log' | 'info' | 'warn' | 'error', text: string }
    | { type: 'table', columns: string[], rows: Row[] }
    | { type: 'done', ms: number }
    | { type: 'error', text: string }
    /** The output reached OUTPUT_LIMIT and the run was stopped. */
    | { type: 'capped' }

/**
 * What one run may print. A flood of output (a `for (;;) console.log()`) costs the page
 * that shows it, so past either limit the run is stopped.
 */
export const OUTPUT_LIMIT = { lines: 1000, bytes: 100_000 }

const LEVELS = new Set(['log', 'info', 'warn', 'error'])
const isText = (value: unknown): value is string => typeof value === 'string'
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The event, if `value` is exactly a well-formed RunEvent. Everything that crosses the
 * sandbox's boundary goes through here: the snippet controls what its worker sends.
 */
export function parseRunEvent(value: unknown): RunEvent | undefined {
  if (!isRecord(value))
    return undefined
  switch (value.type) {
    case 'log':
      return LEVELS.has(value.level as string) && isText(value.text) ? { type: 'log', level: value.level as 'log', text: value.text } : undefined
    case 'table': {
      const { columns, rows } = value
      if (!Array.isArray(columns) || !columns.every(isText) || !Array.isArray(rows))
        return undefined
      if (!rows.every(row => isRecord(row) && Object.values(row).every(isText)))
        return undefined
      return { type: 'table', columns, rows: rows as Row[] }
    }
    case 'done':
      return typeof value.ms === 'number' ? { type: 'done', ms: value.ms } : undefined
    case 'error':
      return isText(value.text) ? { type: 'error', text: value.text } : undefined
    case 'capped':
      return { type: 'capped' }
  }
  return undefined
}

/** The events in a message from the sandbox frame (`{ events: [...] }`), or undefined if any is malformed. */
export function parseEvents(message: unknown): RunEvent[] | undefined {
  if (!isRecord(message) || !Array.isArray(message.events))
    return undefined
  const events = message.events.map(parseRunEvent)
  return events.every(event => event !== undefined) ? events as RunEvent[] : undefined
}

/** Whether the event ends the run. */
export const isLast = (event: RunEvent) => event.type === 'done' || event.type === 'error' || event.type === 'capped'

const encoder = new TextEncoder()
const byteLength = (text: string) => encoder.encode(text).length

/** Counts printed output against OUTPUT_LIMIT: every event at least one line. */
export class OutputBudget {
  private lines = 0
  private bytes = 0

  /** The event as it may be shown, cut to what is left of the budget; undefined once the budget is spent. */
  take(event: RunEvent): RunEvent | undefined {
    if (event.type === 'log') {
      this.lines += event.text.split('\n').length
      this.bytes += byteLength(event.text)
    }
    else if (event.type === 'table') {
      this.lines += event.rows.length + 1
      this.bytes += byteLength(JSON.stringify(event))
    }
    if (this.lines <= OUTPUT_LIMIT.lines && this.bytes <= OUTPUT_LIMIT.bytes)
      return event
    return undefined
  }
}
