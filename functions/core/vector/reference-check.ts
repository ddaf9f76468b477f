// Offline validation of a Vector config (already parsed from YAML) against the machine-readable
// option reference in ../shared/vector-reference/: every option name, type, enum, required key,
// relevant_when, required_one_of, plus the wiring (every input exists). Vector itself cannot be
// installed here, so this is what stands in for `vector validate` in the tests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

interface OptionSpec {
  type: string
  required?: boolean
  default?: unknown
  enum?: string[]
  options?: Record<string, OptionSpec>
  items?: OptionSpec
  relevant_when?: string
  required_when?: string
  required_one_of?: string[]
  also_accepts?: string[]
  deprecated?: boolean
  added_after?: string
  required_in_variant?: unknown
}

interface ComponentSpec {
  component: string
  kind: string
  unknown_keys_rejected?: boolean
  outputs?: unknown
  options: Record<string, OptionSpec>
}

export interface Reference {
  global: ComponentSpec
  component(kind: 'source' | 'transform' | 'sink', type: string): ComponentSpec | undefined
}

export function loadReference(dir: string): Reference {
  const read = (file: string): ComponentSpec => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ComponentSpec
  const cache = new Map<string, ComponentSpec | undefined>()
  return {
    global: read('global.json'),
    component(kind, type) {
      const file = `${kind}s-${type}.json`
      if (!cache.has(file)) {
        try {
          cache.set(file, read(file))
        } catch {
          cache.set(file, undefined)
        }
      }
      return cache.get(file)
    },
  }
}

type Obj = Record<string, unknown>
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `codec = "avro"` or `type = "file" or type = "directory"`, against the siblings (or their defaults). */
function conditionHolds(condition: string, siblings: Obj, specs: Record<string, OptionSpec>): boolean {
  return condition.split(/\s+or\s+/).some((part) => {
    const match = /^(\w+)\s*=\s*"([^"]*)"$/.exec(part.trim())
    if (!match) throw new Error(`unsupported condition in the reference: ${condition}`)
    const [, key = '', value] = match
    const actual = key in siblings ? siblings[key] : specs[key]?.default
    return actual === value
  })
}

function checkCondition(value: unknown, path: string, errors: string[]) {
  if (typeof value === 'string') return
  if (!isObject(value)) return void errors.push(`${path}: a condition is a VRL string or {type, source}`)
  const type = value.type ?? 'vrl'
  if (!['vrl', 'datadog_search', 'is_log', 'is_metric', 'is_trace'].includes(String(type))) errors.push(`${path}.type: unknown condition type ${String(type)}`)
  for (const key of Object.keys(value)) if (!['type', 'source'].includes(key)) errors.push(`${path}.${key}: not a condition option`)
  if ((type === 'vrl' || type === 'datadog_search') && typeof value.source !== 'string') errors.push(`${path}.source: required string`)
}

function matchesShape(shape: string, value: unknown, spec: OptionSpec): boolean {
  switch (shape) {
    case 'string': return typeof value === 'string'
    case 'uint': return Number.isInteger(value) && (value as number) >= 0
    case 'int': return Number.isInteger(value)
    case 'float': return typeof value === 'number' && Number.isFinite(value)
    case 'bool': return typeof value === 'boolean'
    case 'enum': return typeof value === 'string' && (spec.enum ?? []).includes(value)
    case 'array': return Array.isArray(value)
    case 'object': return isObject(value)
    case 'ascii_char': return typeof value === 'string' && value.length === 1 && value.charCodeAt(0) < 128
    case 'condition': return typeof value === 'string' || isObject(value)
    case 'any': return true
    default: throw new Error(`unknown type ${shape} in the reference`)
  }
}

function checkValue(value: unknown, spec: OptionSpec, path: string, errors: string[]): void {
  if (spec.deprecated) errors.push(`${path}: deprecated option`)
  if (spec.added_after) errors.push(`${path}: added after Vector ${spec.added_after}, not in the released version`)
  const shapes = [...spec.type.split('|'), ...(spec.also_accepts ?? [])]
  const shape = shapes.find((s) => matchesShape(s, value, spec))
  if (!shape) {
    const enumNote = spec.enum ? ` (one of ${spec.enum.join(', ')})` : ''
    return void errors.push(`${path}: expected ${shapes.join(' or ')}${enumNote}, got ${JSON.stringify(value)}`)
  }
  if (shape === 'condition') return checkCondition(value, path, errors)
  if (shape === 'array' && spec.items) {
    (value as unknown[]).forEach((item, i) => checkValue(item, spec.items as OptionSpec, `${path}[${i}]`, errors))
  }
  // A bare bool standing for {enabled} has no members to check.
  if (shape === 'object' && spec.options) checkOptions(value as Obj, spec.options, path, errors)
}

function checkOptions(value: Obj, specs: Record<string, OptionSpec>, path: string, errors: string[]): void {
  const wildcard = specs['*']
  for (const [key, item] of Object.entries(value)) {
    const spec = specs[key] ?? wildcard
    const at = path ? `${path}.${key}` : key
    if (!spec) { errors.push(`${at}: unknown option`); continue }
    if (spec.relevant_when && specs[key] && !conditionHolds(spec.relevant_when, value, specs)) {
      errors.push(`${at}: only relevant when ${spec.relevant_when}`)
    }
    checkValue(item, spec, at, errors)
  }
  const oneOfGroups = new Map<string, string[]>()
  for (const [key, spec] of Object.entries(specs)) {
    if (key === '*') continue
    const at = path ? `${path}.${key}` : key
    if (spec.required_one_of) oneOfGroups.set(spec.required_one_of.join(','), spec.required_one_of)
    // AWS credential keys are alternatives (required_in_variant), not all required.
    const required = spec.required_when ? conditionHolds(spec.required_when, value, specs)
      : spec.required === true && !spec.required_in_variant && (!spec.relevant_when || conditionHolds(spec.relevant_when, value, specs))
    if (required && !(key in value)) errors.push(`${at}: required option missing`)
  }
  for (const group of oneOfGroups.values()) {
    const present = group.filter((k) => k in value)
    if (present.length !== 1) errors.push(`${path || '(root)'}: exactly one of ${group.join(', ')} must be set (found ${present.length})`)
  }
}

/** Rules the JSON states only in prose (its `constraints`), for the components generated here. */
function checkConstraints(type: string, component: Obj, path: string, errors: string[]) {
  if (type === 'sample') {
    if ('key_field' in component && ('rate_field' in component || 'ratio_field' in component)) errors.push(`${path}: key_field cannot be combined with rate_field or ratio_field`)
    if ('rate_field' in component && 'ratio_field' in component) errors.push(`${path}: rate_field and ratio_field cannot both be set`)
    const ratio = component.ratio
    if (typeof ratio === 'number' && !(ratio > 0 && ratio <= 1)) errors.push(`${path}.ratio: must be in (0, 1]`)
  }
  if (type === 'elasticsearch' && isObject(component.data_stream) && isObject(component.bulk) && component.bulk.action !== 'create') {
    errors.push(`${path}: data streams require bulk.action = create`)
  }
}

/** Every error found, as "path: problem"; empty when the config agrees with the reference. */
export function checkVectorConfig(config: unknown, reference: Reference): string[] {
  const errors: string[] = []
  if (config === null || config === undefined) return errors
  if (!isObject(config)) return ['(root): a Vector config is a mapping']
  const kinds = { sources: 'source', transforms: 'transform', sinks: 'sink' } as const
  // Top level: only global options, component sections checked per component below.
  const globals = Object.fromEntries(Object.entries(config).filter(([k]) => !(k in kinds)))
  checkOptions(globals, Object.fromEntries(Object.entries(reference.global.options).filter(([k]) => !(k in kinds))), '', errors)
  const outputs = new Set<string>()
  const wiring: [string, unknown][] = []
  for (const [section, kind] of Object.entries(kinds)) {
    const components = config[section]
    if (components === undefined || components === null) continue
    if (!isObject(components)) { errors.push(`${section}: must be a mapping of component ids`); continue }
    for (const [id, component] of Object.entries(components)) {
      const path = `${section}.${id}`
      if (!/^[A-Za-z0-9_-]+$/.test(id)) errors.push(`${path}: component ids are letters, digits, _ and -`)
      if (!isObject(component)) { errors.push(`${path}: must be a mapping`); continue }
      const type = component.type
      const spec = typeof type === 'string' ? reference.component(kind, type) : undefined
      if (!spec) { errors.push(`${path}.type: no reference for ${kind} type ${JSON.stringify(type)}`); continue }
      checkOptions(component, spec.options, path, errors)
      checkConstraints(String(type), component, path, errors)
      if (kind !== 'sink') {
        outputs.add(id)
        // The route transform has one named output per route, plus _unmatched.
        if (type === 'route' && isObject(component.route)) {
          for (const name of [...Object.keys(component.route), '_unmatched']) outputs.add(`${id}.${name}`)
        }
      }
      if (kind !== 'source') wiring.push([path, component.inputs])
    }
  }
  for (const [path, inputs] of wiring) {
    if (!Array.isArray(inputs)) continue
    for (const input of inputs) {
      if (typeof input === 'string' && !input.includes('*') && !outputs.has(input)) errors.push(`${path}.inputs: no component or output named ${input}`)
    }
  }
  return errors
}
