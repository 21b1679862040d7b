/** Messages between a Runnable slide and the worker that runs its snippet. */
export interface RunRequest {
  /** Path under snippets/, without `.ts`, e.g. "consistent-hashing/compare". */
  snippet: string
  /** Edited source to run instead of the file's; its imports still resolve to snippets/. */
  source?: string
}

export type Row = Record<string, string>

export type RunEvent
  = | { type: 'log', level: 'log' | 'info' | 'warn' | 'error', text: string }
    | { type: 'table', columns: string[], rows: Row[] }
    | { type: 'done', ms: number }
    | { type: 'error', text: string }
