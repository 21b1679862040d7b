import { format } from 'node:util'
import { vi } from 'vitest'

export interface Printed {
  /** Each console.log line, formatted as Node prints it. */
  lines: string[]
  /** The rows of each console.table, as the demo handed them over. */
  tables: unknown[][]
}

/** Runs a runnable snippet's `main()` and keeps what it prints instead of printing it. */
export async function printed(main: () => Promise<void>): Promise<Printed> {
  const out: Printed = { lines: [], tables: [] }
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.lines.push(format(...args)))
  const table = vi.spyOn(console, 'table').mockImplementation((rows: unknown) => void out.tables.push(rows as unknown[]))
  try {
    await main()
  }
  finally {
    log.mockRestore()
    table.mockRestore()
  }
  return out
}
