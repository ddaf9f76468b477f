// The live-tail filter: a case-insensitive substring, or /regex/, over key, value and header values.
import { invalidInput } from '../errors.ts'
import type { RawRecord } from '../kafka/index.ts'

export type RecordFilter = (record: RawRecord) => boolean

const text = (buffer: Buffer | null) => (buffer ? buffer.toString('utf8') : '')

export function compileFilter(query: string | undefined): RecordFilter | undefined {
  if (!query) return undefined
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(query)
  if (regex) {
    let pattern: RegExp
    try {
      pattern = new RegExp(regex[1] as string, [...new Set(`${regex[2] ?? ''}i`.replaceAll('g', ''))].join(''))
    } catch (error: unknown) {
      throw invalidInput(`q: not a valid regular expression (${error instanceof Error ? error.message : String(error)}).`)
    }
    return (r) => pattern.test(text(r.value)) || pattern.test(text(r.key)) || r.headers.some(([, v]) => pattern.test(text(v)))
  }
  const needle = query.toLowerCase()
  const has = (buffer: Buffer | null) => buffer !== null && buffer.length >= needle.length && text(buffer).toLowerCase().includes(needle)
  return (r) => has(r.value) || has(r.key) || r.headers.some(([, v]) => has(v))
}
