// The live-tail filter: a case-insensitive substring, or /regex/, over key, value and header values.
// Regexes run on RE2 (linear time): a viewer's pattern must never stall the shared process.
import { invalidInput } from '../errors.ts'
import type { RawRecord } from '../kafka/index.ts'
import { compileUserRegex } from '../regex/user-regex.ts'
import { NeedleProbe } from '../schemas/text-probe.ts'

/**
 * What a filter reads: the record, with a registry-decoded key or value as its JSON text already
 * (turning that text into bytes only to decode them again cost the decoded tail much of its time).
 */
export type FilterableRecord = Omit<RawRecord, 'key' | 'value'> & { key: Buffer | string | null; value: Buffer | string | null }

export interface RecordFilter {
  (record: FilterableRecord): boolean
  /** A substring filter's needle: a decoder can rule records out on their bytes, before decoding them. */
  readonly probe?: NeedleProbe
}

const text = (payload: Buffer | string | null) => (payload === null ? '' : typeof payload === 'string' ? payload : payload.toString('utf8'))

/** Compiled once per tail request; each field of a record is decoded once and tested once. */
export function compileFilter(query: string | undefined): RecordFilter | undefined {
  if (!query) return undefined
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(query)
  if (regex) {
    // Every tail filter is case-insensitive, the substring form and the /regex/ form alike.
    const flags = [...new Set(`${regex[2] ?? ''}i`)].join('')
    const compiled = compileUserRegex(regex[1] as string, flags)
    if (!compiled.regex) throw invalidInput(`q: ${compiled.error}.`)
    const pattern = compiled.regex
    return (r) => pattern.test(text(r.value)) || pattern.test(text(r.key)) || r.headers.some(([, v]) => pattern.test(text(v)))
  }
  const needle = query.toLowerCase()
  const probe = new NeedleProbe(needle)
  const has = (payload: Buffer | string | null) => payload !== null && (typeof payload === 'string' ? payload.toLowerCase().includes(needle) : probe.inBytes(payload))
  return Object.assign((r: FilterableRecord) => has(r.value) || has(r.key) || r.headers.some(([, v]) => has(v)), { probe })
}
