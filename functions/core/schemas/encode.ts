// JSON → registry-framed bytes, for produce: the JSON a person typed (the same shape browse shows
// a decoded record in) is checked against the schema field by field, so a mismatch names its path
// (`value.order.amount: expected int, got "ten"`), then written in the registry's wire format
// (wire.ts): Confluent [0x00][schema id][Protobuf: message-index path][data], or AWS Glue
// [0x03][0x00: not compressed][schema version UUID][Protobuf: message index][data]. Avro with
// avsc, Protobuf with protobufjs, JSON Schema with ajv, each imported on first use.
import { parseProtobuf } from './protobuf-root.ts'
import type { ResolvedSchema, SchemaInfo } from './types.ts'
import { glueCompressionNone, glueHeaderVersion } from './wire.ts'

export interface SchemaIssue {
  /** Where in the payload, e.g. `value.order.amount` or `key.items[2]`. */
  path: string
  message: string
}

/** The payload does not fit the schema; nothing was encoded. */
export class SchemaMismatch extends Error {
  readonly issues: SchemaIssue[]
  constructor(issues: SchemaIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '))
    this.issues = issues
  }
}

export interface CompiledEncoder {
  info: SchemaInfo
  /** The payload as framed bytes; `root` names it in issues (`key`, `value`, `records[3].value`). Throws SchemaMismatch. */
  encode(value: unknown, root: string): Buffer
}

/** More issues than this in one payload say nothing more. */
const maxIssues = 10

type Avsc = typeof import('avsc')
type AvroType = import('avsc').Type
type Protobuf = typeof import('protobufjs')

let avscModule: Promise<Avsc> | undefined
let protobufModule: Promise<Protobuf> | undefined
// CommonJS modules: the namespace's default export is the module.
const loadAvsc = () => (avscModule ??= import('avsc').then((m) => ((m as { default?: Avsc }).default ?? m)))
const loadProtobuf = () => (protobufModule ??= import('protobufjs').then((m) => ((m as { default?: Protobuf }).default ?? m)))

/** Confluent's header: magic byte 0, then the schema id. */
export function confluentHeader(schemaId: number): Buffer {
  const header = Buffer.alloc(5)
  header.writeUInt32BE(schemaId, 1)
  return header
}

function writeUnsignedVarint(value: number, out: number[]): void {
  let rest = value
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  out.push(rest)
}

/** Confluent's Protobuf message-index path: [0] as the single byte 0, else a zig-zag count and zig-zag indexes. */
export function confluentMessageIndexes(path: readonly number[]): Buffer {
  if (path.length === 1 && path[0] === 0) return Buffer.from([0])
  const bytes: number[] = []
  writeUnsignedVarint(path.length * 2, bytes)
  for (const index of path) writeUnsignedVarint(index * 2, bytes)
  return Buffer.from(bytes)
}

/** Glue's header: version 3, no compression, the schema version UUID's 16 bytes. */
export function glueHeader(schemaVersionId: string): Buffer {
  const hex = schemaVersionId.replaceAll('-', '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`'${schemaVersionId}' is not a schema version UUID`)
  return Buffer.concat([Buffer.from([glueHeaderVersion, glueCompressionNone]), Buffer.from(hex, 'hex')])
}

/** Glue's Protobuf message index: one unsigned varint. */
export function glueMessageIndex(index: number): Buffer {
  const bytes: number[] = []
  writeUnsignedVarint(index, bytes)
  return Buffer.from(bytes)
}

function headerOf(info: SchemaInfo): Buffer {
  if (info.registry === 'confluent' && info.id !== undefined) return confluentHeader(info.id)
  if (info.registry === 'glue' && info.versionId !== undefined) return glueHeader(info.versionId)
  throw new Error('the schema has no id to write')
}

export async function compileEncoder(schema: ResolvedSchema, options: { messageType?: string } = {}): Promise<CompiledEncoder> {
  const header = headerOf(schema.info)
  switch (schema.info.type) {
    case 'AVRO': return avroEncoder(schema, header, await loadAvsc())
    case 'PROTOBUF': return protobufEncoder(schema, header, await loadProtobuf(), options.messageType)
    case 'JSON': return jsonSchemaEncoder(schema, header, await import('ajv'))
  }
}

const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const int64Min = -(2n ** 63n)
const int64Max = 2n ** 63n - 1n

/** A 64-bit integer from a JSON number (safe integers) or a string of digits (any int64). */
function toInt64(value: unknown, unsigned = false): bigint | undefined {
  let result: bigint | undefined
  if (typeof value === 'number' && Number.isSafeInteger(value)) result = BigInt(value)
  else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) result = BigInt(value)
  if (result === undefined) return undefined
  if (unsigned ? result < 0n || result > 2n ** 64n - 1n : result < int64Min || result > int64Max) return undefined
  return result
}

class Issues {
  readonly list: SchemaIssue[] = []
  add(path: string, message: string): void {
    if (this.list.length < maxIssues) this.list.push({ path, message })
  }
  get full(): boolean {
    return this.list.length >= maxIssues
  }
}

// ---------------------------------------------------------------------------------------------
// Avro

/** avsc's union buckets (how `wrapUnions: 'auto'`, the decoder's setting, tells branches apart). */
function avroBucket(type: AvroType): string {
  switch (type.typeName) {
    case 'int': case 'long': case 'abstract:long': case 'float': case 'double': return 'number'
    case 'bytes': case 'fixed': return 'buffer'
    case 'enum': return 'string'
    case 'map': case 'record': case 'error': return 'object'
    default: return type.typeName
  }
}

interface AvroUnion { types: AvroType[] }
interface AvroRecord { fields: { name: string; type: AvroType; defaultValue(): unknown }[] }

/**
 * The JSON as avsc's in-memory value (longs as bigint, bytes as Buffer, every union wrapped), or
 * issues. Unions are read as the decoder shows them: a bare value where the branches differ in
 * kind, `{ "<branch>": value }` where they do not.
 */
function toAvro(type: AvroType, value: unknown, path: string, issues: Issues): unknown {
  const expected = (what: string) => { issues.add(path, `expected ${what}, got ${shown(value)}`) }
  switch (type.typeName) {
    case 'null':
      if (value !== null) expected('null')
      return null
    case 'boolean':
      if (typeof value !== 'boolean') expected('boolean')
      return value
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value > 2 ** 31 - 1) expected('int')
      return value
    // The bigint long below reports itself as 'abstract:long'.
    case 'long': case 'abstract:long': {
      const long = toInt64(value)
      if (long === undefined) expected('long (a whole number; beyond 2^53 as a string of digits)')
      return long
    }
    case 'float': case 'double':
      if (typeof value !== 'number') expected(type.typeName)
      return value
    case 'string':
      if (typeof value !== 'string') expected('string')
      return value
    case 'bytes': case 'fixed': {
      if (typeof value !== 'string' || !base64Pattern.test(value)) {
        expected(`${type.typeName} (as base64)`)
        return value
      }
      const bytes = Buffer.from(value, 'base64')
      const size = (type as unknown as { size?: number }).size
      if (type.typeName === 'fixed' && bytes.length !== size) issues.add(path, `expected ${size} bytes (fixed ${type.name ?? ''}), got ${bytes.length}`)
      return bytes
    }
    case 'enum': {
      const symbols = (type as unknown as { symbols: string[] }).symbols
      if (typeof value !== 'string' || !symbols.includes(value)) expected(`one of ${symbols.join(', ')}`)
      return value
    }
    case 'array': {
      if (!Array.isArray(value)) {
        expected('array')
        return value
      }
      const items = (type as unknown as { itemsType: AvroType }).itemsType
      return value.map((item, i) => (issues.full ? item : toAvro(items, item, `${path}[${i}]`, issues)))
    }
    case 'map': {
      if (!isObject(value)) {
        expected('map (an object)')
        return value
      }
      const values = (type as unknown as { valuesType: AvroType }).valuesType
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toAvro(values, v, `${path}.${k}`, issues)]))
    }
    case 'record': case 'error': {
      if (!isObject(value)) {
        expected(`record ${type.name ?? ''}`.trim())
        return value
      }
      const fields = (type as unknown as AvroRecord).fields
      const result: Record<string, unknown> = {}
      for (const field of fields) {
        if (issues.full) break
        const given = value[field.name]
        if (given === undefined) {
          // avsc writes a field's default where the value has none.
          if (field.defaultValue() === undefined) issues.add(`${path}.${field.name}`, 'is required (the field has no default)')
          continue
        }
        result[field.name] = toAvro(field.type, given, `${path}.${field.name}`, issues)
      }
      for (const name of Object.keys(value)) {
        if (!fields.some((f) => f.name === name)) issues.add(`${path}.${name}`, `is not a field of ${type.name ?? 'the record'}`)
      }
      return result
    }
    default:
      if (type.typeName.startsWith('union')) return unionToAvro(type, value, path, issues)
      issues.add(path, `cannot produce Avro type ${type.typeName}`)
      return value
  }
}

function unionToAvro(type: AvroType, value: unknown, path: string, issues: Issues): unknown {
  const branches = (type as unknown as AvroUnion).types
  const nameOf = (branch: AvroType) => (branch as unknown as { branchName: string }).branchName
  if (value === null) {
    if (!branches.some((b) => b.typeName === 'null')) issues.add(path, `expected one of ${branches.map(nameOf).join(', ')}, got null`)
    return null
  }
  const buckets = branches.map(avroBucket)
  const wrapped = new Set(buckets).size !== buckets.length
  if (wrapped) {
    const entries = isObject(value) ? Object.entries(value) : []
    const branch = entries.length === 1 ? branches.find((b) => nameOf(b) === entries[0]![0]) : undefined
    if (!branch) {
      issues.add(path, `expected { "<branch>": value } with a branch of ${branches.map(nameOf).join(', ')}, got ${shown(value)}`)
      return value
    }
    return { [nameOf(branch)]: toAvro(branch, entries[0]![1], `${path}.${nameOf(branch)}`, issues) }
  }
  for (const branch of branches) {
    if (branch.typeName === 'null') continue
    const trial = new Issues()
    const converted = toAvro(branch, value, path, trial)
    if (trial.list.length === 0) return { [nameOf(branch)]: converted }
  }
  issues.add(path, `expected one of ${branches.map(nameOf).join(', ')}, got ${shown(value)}`)
  return value
}

function avroEncoder(schema: ResolvedSchema, header: Buffer, avro: Avsc): CompiledEncoder {
  const longType = avro.types.LongType.__with({
    fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
    toBuffer: (value: bigint) => {
      const buffer = Buffer.alloc(8)
      buffer.writeBigInt64LE(value)
      return buffer
    },
    fromJSON: (value: unknown) => BigInt(value as string),
    toJSON: (value: bigint) => Number(value),
    isValid: (value: unknown) => typeof value === 'bigint',
    compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
  })
  // Every union wrapped: the branch is then named, never guessed from the value's JS type.
  const registry: Record<string, AvroType> = { long: longType }
  const options = { registry, wrapUnions: true }
  for (const reference of schema.references) {
    if (reference.type === 'AVRO') avro.Type.forSchema(JSON.parse(reference.text) as import('avsc').Schema, options)
  }
  const type = avro.Type.forSchema(JSON.parse(schema.text) as import('avsc').Schema, options)
  const name = type.name ?? undefined
  return {
    info: name ? { ...schema.info, name } : schema.info,
    encode(value, root) {
      const issues = new Issues()
      const converted = toAvro(type, value, root, issues)
      if (issues.list.length > 0) throw new SchemaMismatch(issues.list)
      return Buffer.concat([header, type.toBuffer(converted)])
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Protobuf

type PbType = import('protobufjs').Type
type PbEnum = import('protobufjs').Enum

const int32Range: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1], sint32: [-(2 ** 31), 2 ** 31 - 1], sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1], fixed32: [0, 2 ** 32 - 1],
}

function checkProtoScalar(scalar: string, value: unknown, path: string, issues: Issues): void {
  const expected = (what: string) => { issues.add(path, `expected ${what}, got ${shown(value)}`) }
  const range = int32Range[scalar]
  if (range) {
    const n = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value
    if (typeof n !== 'number' || !Number.isInteger(n) || n < range[0] || n > range[1]) expected(scalar)
    return
  }
  switch (scalar) {
    case 'int64': case 'sint64': case 'sfixed64':
      if (toInt64(value) === undefined) expected(`${scalar} (a whole number; beyond 2^53 as a string of digits)`)
      return
    case 'uint64': case 'fixed64':
      if (toInt64(value, true) === undefined) expected(`${scalar} (a whole number ≥ 0; beyond 2^53 as a string of digits)`)
      return
    case 'double': case 'float':
      if (typeof value !== 'number' && value !== 'NaN' && value !== 'Infinity' && value !== '-Infinity') expected(scalar)
      return
    case 'bool':
      if (typeof value !== 'boolean') expected('bool')
      return
    case 'string':
      if (typeof value !== 'string') expected('string')
      return
    case 'bytes':
      if (typeof value !== 'string' || !base64Pattern.test(value)) expected('bytes (as base64)')
      return
    default:
      issues.add(path, `cannot produce Protobuf type ${scalar}`)
  }
}

function checkProtoValue(resolved: PbType | PbEnum | null, scalar: string, value: unknown, path: string, issues: Issues, protobuf: Protobuf): void {
  if (resolved instanceof protobuf.Type) return checkProtoMessage(resolved, value, path, issues, protobuf)
  if (resolved instanceof protobuf.Enum) {
    const names = Object.keys(resolved.values)
    const ok = typeof value === 'string' ? names.includes(value) : typeof value === 'number' && Object.values(resolved.values).includes(value)
    if (!ok) issues.add(path, `expected one of ${names.join(', ')}, got ${shown(value)}`)
    return
  }
  checkProtoScalar(scalar, value, path, issues)
}

function checkProtoMessage(type: PbType, value: unknown, path: string, issues: Issues, protobuf: Protobuf): void {
  if (!isObject(value)) {
    issues.add(path, `expected message ${type.name}, got ${shown(value)}`)
    return
  }
  for (const [name, given] of Object.entries(value)) {
    if (issues.full) return
    const field = type.fields[name]
    const at = `${path}.${name}`
    if (!field) {
      issues.add(at, `is not a field of ${type.name}`)
      continue
    }
    // null: not set (proto3 has no null values).
    if (given === null) continue
    field.resolve()
    if ((field as { map?: boolean }).map) {
      if (!isObject(given)) issues.add(at, `expected map (an object), got ${shown(given)}`)
      else for (const [k, v] of Object.entries(given)) checkProtoValue(field.resolvedType as PbType | PbEnum | null, field.type, v, `${at}.${k}`, issues, protobuf)
    } else if (field.repeated) {
      if (!Array.isArray(given)) issues.add(at, `expected array, got ${shown(given)}`)
      else given.forEach((v, i) => checkProtoValue(field.resolvedType as PbType | PbEnum | null, field.type, v, `${at}[${i}]`, issues, protobuf))
    } else {
      checkProtoValue(field.resolvedType as PbType | PbEnum | null, field.type, given, at, issues, protobuf)
    }
  }
}

function protobufEncoder(schema: ResolvedSchema, header: Buffer, protobuf: Protobuf, messageType?: string): CompiledEncoder {
  const isType = (o: unknown): o is PbType => o instanceof protobuf.Type
  const stripDot = (name: string) => name.replace(/^\./, '')
  // The schema's own top-level types (the index paths refer to them) and everything resolved.
  const { topLevel, root } = parseProtobuf(schema, protobuf)


  // The message type to write: the one named, else the file's first (Confluent's default).
  let path: number[] | undefined
  const search = (candidates: PbType[], prefix: number[]) => {
    candidates.forEach((candidate, i) => {
      if (path) return
      const full = stripDot(candidate.fullName)
      if (full === messageType || candidate.name === messageType) path = [...prefix, i]
      else search(candidate.nestedArray.filter(isType), [...prefix, i])
    })
  }
  if (messageType) search(topLevel, [])
  else path = [0]
  if (!path) throw new UnknownMessageType(messageType ?? '', topLevel.map((t) => stripDot(t.fullName)))
  let found = topLevel[path[0]!]!
  for (const index of path.slice(1)) found = found.nestedArray.filter(isType)[index]!
  const type = root.lookupType(stripDot(found.fullName))
  // Glue numbers every message type, nested ones too, in the order of their full names.
  const all: string[] = []
  const queue = [...topLevel]
  for (let next = queue.shift(); next; next = queue.shift()) {
    all.push(stripDot(next.fullName))
    queue.push(...next.nestedArray.filter(isType))
  }
  const indexes = schema.info.registry === 'glue' ? glueMessageIndex(all.sort().indexOf(stripDot(found.fullName))) : confluentMessageIndexes(path)
  return {
    info: { ...schema.info, name: stripDot(type.fullName) },
    encode(value, rootPath) {
      const issues = new Issues()
      checkProtoMessage(type, value, rootPath, issues, protobuf)
      if (issues.list.length > 0) throw new SchemaMismatch(issues.list)
      return Buffer.concat([header, indexes, Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish())])
    },
  }
}

/** The message type asked for is not in the Protobuf schema. */
export class UnknownMessageType extends Error {
  constructor(readonly messageType: string, readonly available: string[]) {
    super(`the Protobuf schema has no message type '${messageType}' (top-level: ${available.join(', ')})`)
  }
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

type AjvClass = new (options: Record<string, unknown>) => import('ajv').default

async function ajvFor(schemaText: unknown, ajv: unknown): Promise<AjvClass> {
  const draft = isObject(schemaText) && typeof schemaText.$schema === 'string' ? schemaText.$schema : ''
  const pick = (m: unknown) => ((m as { default?: AjvClass }).default ?? m) as AjvClass
  if (draft.includes('2020-12')) return pick(await import('ajv/dist/2020.js'))
  if (draft.includes('2019-09')) return pick(await import('ajv/dist/2019.js'))
  return pick(ajv)
}

async function jsonSchemaEncoder(schema: ResolvedSchema, header: Buffer, ajvModule: unknown): Promise<CompiledEncoder> {
  const parsed = JSON.parse(schema.text) as unknown
  const Ajv = await ajvFor(parsed, ajvModule)
  // Formats are annotations here: the registry's own serializers do not check them either.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })
  for (const reference of schema.references) {
    if (reference.type === 'JSON') ajv.addSchema(JSON.parse(reference.text) as object, reference.name)
  }
  const validate = ajv.compile(parsed as object)
  return {
    info: schema.info,
    encode(value, root) {
      if (!validate(value)) {
        const issues = new Issues()
        for (const error of validate.errors ?? []) {
          const at = root + error.instancePath.split('/').slice(1).map((p) => `.${p.replaceAll('~1', '/').replaceAll('~0', '~')}`).join('')
          const params = error.params as { additionalProperty?: string; missingProperty?: string }
          if (params.missingProperty !== undefined) issues.add(`${at}.${params.missingProperty}`, 'is required')
          else if (params.additionalProperty !== undefined) issues.add(`${at}.${params.additionalProperty}`, 'is not allowed by the schema')
          else issues.add(at, error.message ?? 'does not match the schema')
        }
        throw new SchemaMismatch(issues.list)
      }
      return Buffer.concat([header, Buffer.from(JSON.stringify(value), 'utf8')])
    },
  }
}

// ---------------------------------------------------------------------------------------------
// A cluster registry's encoders

/** Which registered schema to write with: a subject's version (or its latest), and for Protobuf the message type. */
export interface SchemaChoice {
  subject: string
  version: number | 'latest'
  messageType?: string
}

export interface SchemaVersionLookup {
  /** Confluent: the schema `id`; Glue: the schema `versionId` (UUID). */
  version(subject: string, version: number | 'latest'): Promise<{ id?: number; versionId?: string; version: number }>
}

export interface SchemaLookup {
  resolve(id: number | string): Promise<ResolvedSchema>
}

/**
 * Encoders of one cluster's registry, compiled once per schema id (and message type): the
 * subject's version is looked up per call (`latest` moves), the schema itself is not.
 */
export class SchemaEncoder {
  readonly #catalog: SchemaVersionLookup
  readonly #resolver: SchemaLookup
  readonly #compiled = new Map<string, Promise<CompiledEncoder>>()

  constructor(catalog: SchemaVersionLookup, resolver: SchemaLookup) {
    this.#catalog = catalog
    this.#resolver = resolver
  }

  /** Registry failures come back as they are (SUBJECT_NOT_FOUND, SCHEMA_NOT_FOUND, unavailable). */
  async encoderFor(choice: SchemaChoice): Promise<CompiledEncoder> {
    const found = await this.#catalog.version(choice.subject, choice.version)
    const id = found.id ?? found.versionId
    const version = found.version
    if (id === undefined) throw new Error(`subject '${choice.subject}' has no schema id`)
    const key = `${id}:${choice.messageType ?? ''}`
    let compiled = this.#compiled.get(key)
    if (!compiled) {
      compiled = this.#resolver.resolve(id).then((resolved) => compileEncoder(resolved, choice.messageType === undefined ? {} : { messageType: choice.messageType }))
      this.#compiled.set(key, compiled)
      // A failure (registry down) is not remembered: the next call tries again.
      compiled.catch(() => this.#compiled.delete(key))
    }
    const encoder = await compiled
    // Named as asked for: the same id may be registered under several subjects.
    return { ...encoder, info: { ...encoder.info, subject: choice.subject, version } }
  }
}
