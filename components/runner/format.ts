/** Turns console arguments into plain text, as a terminal would print them. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string')
    return value
  if (typeof value === 'bigint')
    return `${value}n`
  if (value instanceof Error)
    return value.stack ?? `${value.name}: ${value.message}`
  if (value === undefined || typeof value === 'number' || typeof value === 'boolean' || value === null || typeof value === 'symbol' || typeof value === 'function')
    return String(value)
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v), 2)
  }
  catch {
    return String(value)
  }
}

export function formatArgs(args: unknown[]): string {
  return args.map(formatValue).join(' ')
}

/** console.table's data as columns and rows of text, index column first like Node prints it. */
export function toTable(data: unknown): { columns: string[], rows: Record<string, string>[] } {
  const entries = Array.isArray(data) ? data.map((row, index) => [String(index), row] as const) : Object.entries(data ?? {})
  const columns = ['(index)']
  const rows = entries.map(([index, row]) => {
    const out: Record<string, string> = { '(index)': index }
    if (row && typeof row === 'object') {
      for (const [key, value] of Object.entries(row)) {
        if (!columns.includes(key))
          columns.push(key)
        out[key] = formatValue(value)
      }
    }
    else {
      if (!columns.includes('Values'))
        columns.push('Values')
      out.Values = formatValue(row)
    }
    return out
  })
  return { columns, rows }
}
