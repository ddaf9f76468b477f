// VRL snippets for the generated Vector config. Values from the plan (keep rules, names) are
// always quoted here, never spliced raw, so a rule cannot change the program. VRL could not be
// compiled in this project (no Vector binary); the forms used follow Vector's documented
// defaults, where event fields are untyped (schema off) and `string(x) ?? ""` is the idiom.
import { parseKeepRule } from '../indexing/keep.ts'
import { maxFieldChars, reservedFields } from '../indexing/document.ts'

/** A VRL string literal: raw `s'…'` when possible, else double-quoted with escapes. */
export function vrlString(text: string): string {
  if (!/['\\\n\r\t]/.test(text)) return `s'${text}'`
  return `"${text.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c)}"`
}

/** A VRL regex literal r'…' for a plan regex; JS flags become Rust inline flags. */
export function vrlRegex(source: string, flags: string): string {
  const inline = flags ? `(?${[...flags].sort().join('')})` : ''
  return `r'${(inline + source).replace(/'/g, "\\'")}'`
}

/**
 * Vector replaces $VAR and ${VAR} anywhere in a config file with environment variables, VRL
 * programs included; $$ is a literal $. Plan-derived text must not be interpolated.
 */
export const escapeInterpolation = (text: string) => text.replaceAll('$', '$$$$')

/** Statements binding the texts keep rules look at: value, key and header values. */
const keepSubjects = [
  'kp_value = string(.message) ?? ""',
  'kp_key = string(.message_key) ?? ""',
  'kp_headers = join(values(object(.headers) ?? {}), "\\n") ?? ""',
]

/** A boolean expression: true when any keep rule matches the key, the value or a header. */
function keepExpression(rules: readonly string[]): string {
  const tests: string[] = []
  for (const text of rules) {
    const { rule } = parseKeepRule(text)
    if (!rule) continue
    for (const subject of ['kp_value', 'kp_key', 'kp_headers']) {
      tests.push(rule.kind === 'substring'
        ? `contains(${subject}, ${vrlString(rule.text)})`
        : `match(${subject}, ${vrlRegex(rule.text, rule.flags)})`)
    }
  }
  return tests.length > 0 ? tests.join(' || ') : 'false'
}

/** The `exclude` condition of the sample transform: matching records bypass sampling. */
export function keepCondition(rules: readonly string[]): string {
  return escapeInterpolation(`${keepSubjects.join('\n')}\n${keepExpression(rules)}\n`)
}

export interface ShapeOptions {
  cluster: string
  sampleRate: number
  keep: readonly string[]
  maxValueBytes: number
  extractFields: number
}

/**
 * The remap program: the same document shape as the built-in indexer (kind, cluster, key,
 * sampleRate, truncated values, top-level JSON fields in sorted order, capped).
 */
export function shapeProgram(o: ShapeOptions): string {
  const lines = [
    '.kind = "messages"',
    `.cluster = ${vrlString(o.cluster)}`,
    '.key = del(.message_key)',
    'if .key == null { del(.key) } else { .keyEncoding = "utf8" }',
    'del(.source_type)',
  ]
  if (o.keep.length > 0 && o.sampleRate < 1) {
    // Records a keep rule matched were all indexed, so they stand for themselves when scaling back.
    lines.push(...keepSubjects.map((s) => s.replace('.message_key', '.key')))
    lines.push(`kp_kept = ${keepExpression(o.keep)}`)
    lines.push(`.sampleRate = if kp_kept { 1 } else { ${o.sampleRate} }`)
  } else {
    lines.push(`.sampleRate = ${o.sampleRate}`)
  }
  lines.push(
    'kp_message = string(.message) ?? ""',
    '.valueEncoding = "utf8"',
    '.valueBytes = length(kp_message)',
    `if length(kp_message) > ${o.maxValueBytes} {`,
    `  .message = truncate(kp_message, ${o.maxValueBytes})`,
    '  .truncated = true',
    '}',
  )
  if (o.extractFields > 0) {
    const reserved = `[${[...reservedFields].sort().map((f) => `"${f}"`).join(', ')}]`
    lines.push(
      'if .truncated != true {',
      '  kp_parsed, kp_err = parse_json(kp_message)',
      '  if kp_err == null && is_object(kp_parsed) {',
      `    kp_fields = filter(object(kp_parsed) ?? {}) -> |k, _v| { !starts_with(k, "_") && !starts_with(k, "headers.") && !includes(${reserved}, k) }`,
      `    kp_names = keys(kp_fields)`,
      `    kp_allowed = slice(kp_names, 0, ${o.extractFields}) ?? kp_names`,
      '    kp_fields = filter(kp_fields) -> |k, _v| { includes(kp_allowed, k) }',
      `    kp_fields = map_values(kp_fields) -> |v| { if is_object(v) || is_array(v) { encode_json(v) } else if is_string(v) { truncate(string(v) ?? "", ${maxFieldChars}) } else { v } }`,
      '    . = merge(kp_fields, .)',
      '  }',
      '}',
    )
  }
  return escapeInterpolation(`${lines.join('\n')}\n`)
}

export const topicCondition = (topic: string) => `.topic == ${vrlString(topic)}`
