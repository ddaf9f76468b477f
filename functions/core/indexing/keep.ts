// Keep rules: records that match are indexed whatever the sample rate (e.g. every "ERROR").
// A rule is a substring, or /regex/ with optional i, m, s flags. Regexes run on RE2 (linear time,
// see core/regex), so an operator's rule cannot stall the indexer. The same rules are rendered
// into VRL for Vector, whose engine (Rust `regex`) shares RE2's syntax and its lack of
// look-around and back-references: both runners agree on what a rule keeps.
import { compileUserRegex, type UserRegex } from '../regex/user-regex.ts'

export interface KeepRule {
  kind: 'substring' | 'regex'
  /** The substring, or the regex source without slashes and flags. */
  text: string
  flags: string
}

const regexForm = /^\/(.+)\/([ims]*)$/s

function parse(rule: string): { rule?: KeepRule; regex?: UserRegex; error?: string } {
  const match = regexForm.exec(rule)
  if (!match) return { rule: { kind: 'substring', text: rule, flags: '' } }
  const [, source = '', flags = ''] = match
  if (new Set(flags).size !== flags.length) return { error: `keep rule ${rule}: a flag is repeated` }
  const compiled = compileUserRegex(source, flags)
  if (!compiled.regex) return { error: `keep rule ${rule}: ${compiled.error}` }
  return { rule: { kind: 'regex', text: source, flags }, regex: compiled.regex }
}

export function parseKeepRule(rule: string): { rule?: KeepRule; error?: string } {
  const { rule: parsed, error } = parse(rule)
  return parsed ? { rule: parsed } : { error: error as string }
}

/** The texts of one record a rule looks at: key, value and every header value. */
export interface KeepSubject {
  key: string
  value: string
  headers: string[]
}

export type KeepMatcher = (subject: KeepSubject) => boolean

const never: KeepMatcher = () => false

/** Compiles the rules once per plan; rules are validated when the plan is saved. */
export function compileKeepRules(rules: readonly string[]): KeepMatcher {
  if (rules.length === 0) return never
  const tests = rules.map((text): ((s: string) => boolean) => {
    const { rule, regex } = parse(text)
    // A stored rule that no longer compiles (e.g. saved before a limit existed) keeps nothing.
    if (!rule) return () => false
    if (rule.kind === 'substring') return (s) => s.includes(rule.text)
    return (s) => (regex as UserRegex).test(s)
  })
  return (subject) => tests.some((test) => test(subject.value) || test(subject.key) || subject.headers.some(test))
}
