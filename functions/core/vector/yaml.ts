// A small YAML writer for generated configs: block mappings and sequences, every string
// double-quoted with JSON escapes (valid YAML), multi-line strings as literal blocks so VRL
// programs stay readable. Enough for Vector configs, and no dependency in the Lambda bundle.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined }

export interface YamlComment {
  /** Comment lines written above a mapping key, keyed by the key's path ("sources.kafka"). */
  [path: string]: string[]
}

const plainKey = /^[A-Za-z_][A-Za-z0-9_.-]*$/

const key = (k: string) => (plainKey.test(k) ? k : JSON.stringify(k))

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`)
    return String(value)
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return JSON.stringify(value)
}

/** A literal block keeps text as-is; it cannot hold trailing spaces on lines or tabs reliably. */
const fitsLiteralBlock = (s: string) => s.includes('\n') && !/[ \t]\n|\t|\r/.test(s) && !/^\s/.test(s)

function literalBlock(s: string, indent: string): string {
  const body = s.endsWith('\n') ? s.slice(0, -1) : s
  const chomp = s.endsWith('\n') ? '' : '-'
  return `|${chomp}\n${body.split('\n').map((line) => (line ? `${indent}${line}` : '')).join('\n')}`
}

function writeValue(value: YamlValue, depth: number, path: string, comments: YamlComment, out: string[], prefix: string): void {
  const indent = '  '.repeat(depth)
  if (Array.isArray(value)) {
    if (value.length === 0) { out.push(`${prefix} []`); return }
    out.push(prefix)
    for (const item of value) {
      if (item !== null && typeof item === 'object') {
        // Items that are collections start on their own line under the dash.
        writeValue(item, depth + 1, path, comments, out, `${indent}-`)
      } else {
        out.push(`${indent}- ${scalarOrBlock(item, `${indent}  `)}`)
      }
    }
    return
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter((e): e is [string, YamlValue] => e[1] !== undefined)
    if (entries.length === 0) { out.push(prefix ? `${prefix} {}` : '{}'); return }
    if (prefix) out.push(prefix)
    for (const [k, v] of entries) {
      const childPath = path ? `${path}.${k}` : k
      for (const line of comments[childPath] ?? []) out.push(`${indent}# ${line}`)
      const head = `${indent}${key(k)}:`
      if (v !== null && typeof v === 'object') writeValue(v, depth + 1, childPath, comments, out, head)
      else out.push(`${head} ${scalarOrBlock(v, `${indent}  `)}`)
    }
    return
  }
  out.push(`${prefix} ${scalarOrBlock(value, indent)}`)
}

function scalarOrBlock(value: string | number | boolean | null, indent: string): string {
  return typeof value === 'string' && fitsLiteralBlock(value) ? literalBlock(value, indent) : scalar(value)
}

export function toYaml(document: { [key: string]: YamlValue | undefined }, options: { header?: string[]; comments?: YamlComment } = {}): string {
  const out: string[] = (options.header ?? []).map((line) => (line ? `# ${line}` : '#'))
  writeValue(document, 0, '', options.comments ?? {}, out, '')
  return `${out.join('\n')}\n`
}
