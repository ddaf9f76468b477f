// Keep rules: records that match are indexed whatever the sample rate (e.g. every "ERROR").
// A rule is a substring, or /regex/ with optional i, m, s flags. The same rules are rendered
// into VRL for Vector, whose regex engine (Rust `regex`) has no look-around and no
// back-references, so those are refused here: both runners must agree on what a rule keeps.

export interface KeepRule {
  kind: 'substring' | 'regex'
  /** The substring, or the regex source without slashes and flags. */
  text: string
  flags: string
}

const regexForm = /^\/(.+)\/([ims]*)$/s
const unsupported: [RegExp, string][] = [
  [/\(\?<?[=!]/, 'look-ahead and look-behind'],
  [/\\[1-9]|\\k</, 'back-references'],
]

export function parseKeepRule(rule: string): { rule?: KeepRule; error?: string } {
  const match = regexForm.exec(rule)
  if (!match) return { rule: { kind: 'substring', text: rule, flags: '' } }
  const [, source = '', flags = ''] = match
  if (new Set(flags).size !== flags.length) return { error: `keep rule ${rule}: a flag is repeated` }
  for (const [pattern, what] of unsupported) {
    if (pattern.test(source)) return { error: `keep rule ${rule}: ${what} are not supported (Vector's regex engine has none)` }
  }
  try {
    new RegExp(source, flags)
  } catch (error: unknown) {
    return { error: `keep rule ${rule} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` }
  }
  return { rule: { kind: 'regex', text: source, flags } }
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
    const { rule } = parseKeepRule(text)
    if (!rule) return () => false
    if (rule.kind === 'substring') return (s) => s.includes(rule.text)
    const regex = new RegExp(rule.text, rule.flags)
    return (s) => regex.test(s)
  })
  return (subject) => tests.some((test) => test(subject.value) || test(subject.key) || subject.headers.some(test))
}
