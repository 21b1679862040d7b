import type { z } from 'zod'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'

export class InputError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`)
  }
}

/**
 * Parses YAML and checks it against a schema; the error names the file, the line
 * of the offending field and what is expected there.
 */
export function checkYaml<T extends z.ZodType>(schema: T, source: string, file: string, firstLine = 1): z.infer<T> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter, prettyErrors: false })
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1
  if (doc.errors.length) {
    const error = doc.errors[0]
    throw new InputError(file, lineOf(error.pos[0]), `invalid YAML: ${error.message.split('\n')[0]}`)
  }
  const result = schema.safeParse(doc.toJS())
  if (result.success)
    return result.data
  const issue = result.error.issues[0]
  const path = issue.path.map(String)
  let node: unknown = doc.contents
  let offset = 0
  for (const key of path) {
    if (!isMap(node) && !isSeq(node))
      break
    offset = (node as { range?: [number] }).range?.[0] ?? offset
    const next = (node as { get: (k: unknown, keep: true) => unknown }).get(isSeq(node) ? Number(key) : key, true)
    if (next === undefined)
      break
    node = next
  }
  offset = (node as { range?: [number] } | null)?.range?.[0] ?? offset
  const field = path.length ? path.join('.') : '(top level)'
  // Issues that say the whole thing themselves, such as an unknown key's "did you mean".
  if (issue.code === 'custom' && issue.params?.plain)
    throw new InputError(file, lineOf(offset), issue.message)
  const got = valueAt(doc.toJS(), path) === undefined ? 'missing' : 'invalid'
  throw new InputError(file, lineOf(offset), `${field} is ${got}: expected ${issue.message}`)
}

function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === 'object') ? (value as Record<string, unknown>)[key] : undefined, data)
}
