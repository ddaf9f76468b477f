// Browse filters, applied on the server while it scans: on the key, the value, a header (one by
// name, or any) or all of them; as a case-insensitive substring, an RE2 regex (linear time, see
// core/regex/user-regex.ts), or a JSON path condition such as `$.order.status == "paid"`.
import { invalidInput } from '../errors.ts'
import type { RawRecord } from '../kafka/index.ts'
import { compileUserRegex } from '../regex/user-regex.ts'

export type FilterField = 'any' | 'key' | 'value' | 'header'
export type FilterKind = 'text' | 'regex' | 'jsonPath'

export interface BrowseFilterSpec {
  text: string
  field: FilterField
  kind: FilterKind
  /** With field "header": only the header of this name (any header when absent). */
  header?: string | undefined
}

export type BrowsePredicate = (record: RawRecord) => boolean

const utf8 = (buffer: Buffer | null) => (buffer ? buffer.toString('utf8') : null)

type Step = string | number
type Operator = '==' | '!=' | '>' | '>=' | '<' | '<='

export interface JsonPathCondition {
  path: Step[]
  /** Absent: the path must exist (and not be null). */
  operator?: Operator
  expected?: unknown
}

const maxConditionLength = 500

/** `$.a.b[0]["c d"] == "x"`, `$.total >= 10`, `$.flag` (exists). The right side is a JSON literal. */
export function parseJsonPathCondition(source: string): JsonPathCondition {
  const text = source.trim()
  if (text.length > maxConditionLength) throw invalidInput(`filter: the JSON path condition is too long (at most ${maxConditionLength} characters).`)
  if (!text.startsWith('$')) throw invalidInput('filter: a JSON path starts with $, e.g. $.order.status == "paid".')
  const path: Step[] = []
  let i = 1
  for (;;) {
    const rest = text.slice(i)
    const name = /^\.([A-Za-z_$][\w$-]*)/.exec(rest)
    const index = /^\[(\d{1,9})\]/.exec(rest)
    const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest)
    if (name) path.push(name[1] as string)
    else if (index) path.push(Number(index[1]))
    else if (quoted) path.push(JSON.parse(quoted[1] as string) as string)
    else break
    i += (name ?? index ?? quoted)?.[0].length ?? 0
  }
  const rest = text.slice(i).trim()
  if (rest === '') return { path }
  const comparison = /^(==|!=|>=|<=|>|<)\s*([\s\S]+)$/.exec(rest)
  if (!comparison) throw invalidInput(`filter: cannot read the JSON path condition at \`${rest.slice(0, 40)}\`; write e.g. $.order.status == "paid".`)
  let expected: unknown
  try {
    expected = JSON.parse(comparison[2] as string)
  } catch {
    throw invalidInput(`filter: the value to compare with must be JSON (a "quoted string", a number, true, false or null), not \`${(comparison[2] as string).slice(0, 40)}\`.`)
  }
  return { path, operator: comparison[1] as Operator, expected }
}

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b))

export function matchesCondition(document: unknown, condition: JsonPathCondition): boolean {
  let at: unknown = document
  for (const step of condition.path) {
    if (typeof step === 'number' ? !Array.isArray(at) : typeof at !== 'object' || at === null || Array.isArray(at)) return false
    at = (at as Record<string | number, unknown>)[step]
    if (at === undefined) return false
  }
  const { operator, expected } = condition
  if (operator === undefined) return at !== null
  if (operator === '==') return same(at, expected)
  if (operator === '!=') return !same(at, expected)
  // Order comparisons only between two numbers or two strings.
  const comparable = (typeof at === 'number' && typeof expected === 'number') || (typeof at === 'string' && typeof expected === 'string')
  if (!comparable) return false
  const [x, y] = [at as number | string, expected as number | string]
  return operator === '>' ? x > y : operator === '>=' ? x >= y : operator === '<' ? x < y : x <= y
}

/** A matcher over one field's text (null: the field is absent). */
function textMatcher(spec: BrowseFilterSpec): (text: string | null) => boolean {
  if (spec.kind === 'regex') {
    const compiled = compileUserRegex(spec.text, 'i')
    if (!compiled.regex) throw invalidInput(`filter: ${compiled.error}.`)
    const pattern = compiled.regex
    return (text) => text !== null && pattern.test(text)
  }
  if (spec.kind === 'jsonPath') {
    const condition = parseJsonPathCondition(spec.text)
    return (text) => {
      if (text === null) return false
      try {
        return matchesCondition(JSON.parse(text), condition)
      } catch {
        return false // not JSON: no match
      }
    }
  }
  const needle = spec.text.toLowerCase()
  return (text) => text !== null && text.toLowerCase().includes(needle)
}

/** Compiled once per request; undefined when there is nothing to filter on. */
export function compileBrowseFilter(spec: BrowseFilterSpec | undefined): BrowsePredicate | undefined {
  if (!spec || spec.text === '') return undefined
  const test = textMatcher(spec)
  const headerName = spec.header?.trim() || undefined
  const headers = (r: RawRecord) => r.headers.some(([name, value]) => (headerName === undefined || utf8(name) === headerName) && test(utf8(value)))
  switch (spec.field) {
    case 'key': return (r) => test(utf8(r.key))
    case 'value': return (r) => test(utf8(r.value))
    case 'header': return headers
    default: return (r) => test(utf8(r.value)) || test(utf8(r.key)) || headers(r)
  }
}
