// Regular expressions written by users (live-tail filters, indexing keep rules) run on RE2
// (re2js: pure JS, so it works on Lambda): matching time is linear in the input, so no pattern
// can stall the process the way a backtracking engine does on /(a+)+$/. The price is RE2
// syntax: no look-around, no back-references. Patterns are compiled once, with size limits.
import { RE2JS, RE2JSSyntaxException } from 're2js'

export const userRegexLimits = {
  /** Characters of pattern source. */
  maxPatternLength: 500,
  /** RE2's program size, its measure of a pattern's matching cost (x{1000} is ~1,000). */
  maxProgramSize: 2_000,
} as const

/** Flags as written after the closing slash; i, m and s mean what they mean in JavaScript. */
const flagBits: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // RE2 always matches by code point, and a boolean test has no use for g: both change nothing.
  u: 0,
  g: 0,
}

export interface UserRegex {
  test(text: string): boolean
}

export type CompiledUserRegex = { regex: UserRegex; error?: undefined } | { regex?: undefined; error: string }

const lookAround = /^\(\?<?[=!]/
const backReference = /^\\([1-9]|k)/

/** Explains why RE2 refused a pattern, naming the constructs it deliberately lacks. */
function explain(error: unknown): string {
  if (error instanceof RE2JSSyntaxException) {
    const fragment = error.getPattern() ?? ''
    if (lookAround.test(fragment)) return 'look-ahead and look-behind are not supported (patterns run on RE2, a linear-time engine)'
    if (backReference.test(fragment)) return 'back-references are not supported (patterns run on RE2, a linear-time engine)'
    return `not a valid regular expression (RE2 syntax): ${error.getDescription()}${fragment ? ` at \`${fragment.slice(0, 40)}\`` : ''}`
  }
  return `not a valid regular expression (RE2 syntax): ${error instanceof Error ? error.message : String(error)}`
}

/** Compiles `source` with `flags` (any of i, m, s; u and g are accepted and change nothing). */
export function compileUserRegex(source: string, flags = ''): CompiledUserRegex {
  if (source.length > userRegexLimits.maxPatternLength) {
    return { error: `the pattern is too long (${source.length} characters; at most ${userRegexLimits.maxPatternLength})` }
  }
  let bits = 0
  for (const flag of flags) {
    const bit = flagBits[flag]
    if (bit === undefined) return { error: `flag '${flag}' is not supported (use i, m or s)` }
    bits |= bit
  }
  let compiled: RE2JS
  try {
    compiled = RE2JS.compile(source, bits)
  } catch (error: unknown) {
    return { error: explain(error) }
  }
  const size = compiled.programSize()
  if (size > userRegexLimits.maxProgramSize) {
    return { error: `the pattern is too complex (RE2 program size ${size}; at most ${userRegexLimits.maxProgramSize}): use smaller repetition counts` }
  }
  return { regex: { test: (text) => compiled.test(text) } }
}
