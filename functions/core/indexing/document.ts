// One Kafka record → one VictoriaLogs /insert/jsonline document. Values that are not text
// (binary, invalid UTF-8) are base64-encoded; huge ones are cut; both are flagged, so nothing a
// producer sends can break a batch or be mistaken for what it is not. Values written with a
// registry schema are indexed decoded (their JSON), so their fields become VictoriaLogs fields,
// with the schema id stored beside them.
import { isUtf8 } from 'node:buffer'
import type { RawRecord } from '../kafka/index.ts'
import type { PayloadDecoding } from '../schemas/decoder.ts'
import type { TopicPlan } from './plan.ts'
import { jsonString } from './json-lines.ts'

/** The `kind` stream field of indexed messages; search is scoped to it. */
export const messagesKind = 'messages'
/** Per-batch counters written beside the messages: records seen vs indexed. */
export const statsKind = 'indexstats'
export const streamFields = ['kind', 'cluster', 'topic']

/** Fields the indexer sets itself; extracted JSON fields never overwrite them. */
export const reservedFields = new Set([
  '_time', '_msg', '_stream', '_stream_id', 'kind', 'cluster', 'topic', 'partition', 'offset', 'key',
  'keyEncoding', 'valueEncoding', 'valueBytes', 'truncated', 'sampleRate', 'headers', 'timestamp', 'message',
  'valueSchemaId', 'valueSchemaType', 'valueSchemaError', 'keySchemaId', 'keySchemaType', 'keySchemaError',
])

const maxKeyBytes = 1024
const maxHeaderBytes = 1024
const maxHeaders = 32
const maxNestedJson = 1024
/** Long text is searchable in _msg already; as a field it would only double the index. */
export const maxFieldChars = 256

export type Encoding = 'utf8' | 'base64' | 'null'

export interface DecodedText {
  text: string
  encoding: Encoding
  truncated: boolean
}

/** Text for indexing: UTF-8 when it is, base64 otherwise; cut at `maxBytes` of the original. */
export function decodeBytes(bytes: Buffer | null, maxBytes: number): DecodedText {
  if (bytes === null) return { text: '', encoding: 'null', truncated: false }
  const truncated = bytes.length > maxBytes
  if (isUtf8(bytes)) {
    if (!truncated) return { text: bytes.toString('utf8'), encoding: 'utf8', truncated }
    // Cut on a character boundary: back off over UTF-8 continuation bytes (10xxxxxx).
    let end = maxBytes
    while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--
    return { text: bytes.subarray(0, end).toString('utf8'), encoding: 'utf8', truncated }
  }
  return { text: bytes.subarray(0, maxBytes).toString('base64'), encoding: 'base64', truncated }
}

export function headerTexts(headers: RawRecord['headers']): [string, string][] {
  const out: [string, string][] = []
  for (const [name, value] of headers) {
    if (out.length >= maxHeaders) break
    const nameText = decodeBytes(name, 256)
    const headerName = nameText.encoding === 'utf8' && nameText.text ? nameText.text : `base64:${nameText.text}`
    out.push([headerName, decodeBytes(value, maxHeaderBytes).text])
  }
  return out
}

/**
 * Top-level fields of a JSON object value, in sorted key order (the order Vector's VRL uses),
 * skipping reserved and `_`-prefixed names, at most `max`. Nested values stay JSON text.
 */
export function extractJsonFields(text: string, max: number): Record<string, string | number | boolean> | undefined {
  if (max <= 0) return undefined
  const first = text.charCodeAt(0) === 0x7b ? 0x7b : text.trimStart().charCodeAt(0)
  if (first !== 0x7b) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // Looks like JSON but is not: it is indexed as text, which is what it is.
    return undefined
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
  const object = parsed as Record<string, unknown>
  const fields: Record<string, string | number | boolean> = {}
  let count = 0
  for (const name of Object.keys(object).sort()) {
    if (count >= max) break
    if (name.startsWith('_') || reservedFields.has(name) || name.startsWith('headers.')) continue
    const value = object[name]
    if (value === null || value === undefined) continue
    fields[name] = typeof value === 'object' ? JSON.stringify(value).slice(0, maxNestedJson)
      : typeof value === 'string' ? value.slice(0, maxFieldChars) : (value as number | boolean)
    count++
  }
  return fields
}

/** A decoded payload's JSON as decodeBytes gives its UTF-8 bytes: the text itself when it fits (most do). */
function jsonText(json: string, maxBytes: number): DecodedText {
  if (json.length * 3 <= maxBytes || Buffer.byteLength(json) <= maxBytes) return { text: json, encoding: 'utf8', truncated: false }
  return decodeBytes(Buffer.from(json), maxBytes)
}

/** Registry-framed payloads → their decoded JSON (undefined: not framed, decode as today). */
export interface IndexSchemaDecoder {
  decode(bytes: Buffer | null, topic?: string): PayloadDecoding | undefined
}

/** A payload's text for indexing: the decoded JSON of a registry-framed one, the bytes otherwise. */
export function decodeForIndex(bytes: Buffer | null, maxBytes: number, decoder: IndexSchemaDecoder | undefined, topic: string): { text: DecodedText; schema?: PayloadDecoding } {
  const schema = decoder?.decode(bytes, topic)
  if (schema?.ok) return { text: jsonText(schema.json, maxBytes), schema }
  if (!schema || bytes === null) return { text: decodeBytes(bytes, maxBytes) }
  // Framed but not decodable: binary by definition, even where its bytes happen to be valid UTF-8.
  return { text: { text: bytes.subarray(0, maxBytes).toString('base64'), encoding: 'base64', truncated: bytes.length > maxBytes }, schema }
}

/** The schema fields beside a decoded key or value: its id (Glue: the version UUID), type, or why it was not decoded. */
function schemaFields(prefix: 'key' | 'value', schema: PayloadDecoding | undefined, into: MessageDocument): void {
  if (!schema) return
  const info = schema.info
  const id = info?.id ?? info?.versionId
  if (id !== undefined) into[`${prefix}SchemaId`] = String(id)
  if (info?.type) into[`${prefix}SchemaType`] = info.type
  if (!schema.ok) into[`${prefix}SchemaError`] = schema.reason.slice(0, maxFieldChars)
}

export interface RecordSchemas {
  key?: PayloadDecoding
  value?: PayloadDecoding
}

export interface MessageDocument {
  [field: string]: string | number | boolean
}

/** The last date in ECMAScript's range: later Kafka timestamps (int64) have no ISO form. */
const maxDateMs = 8.64e15

/**
 * Writes records as VictoriaLogs documents, one JSON line each, for one batch. The line is put
 * together here rather than by JSON.stringify of an object: same fields, same order, same bytes,
 * at about half the cost (see jsonString), and the parts every record of a topic shares are
 * encoded once.
 */
export class DocumentWriter {
  readonly #cluster: string
  readonly #streams = new Map<string, string>()
  #second = Number.NaN
  #secondText = ''

  constructor(cluster: string) {
    this.#cluster = cluster
  }

  /** `value` is the record's decoded value, already computed by the caller for the keep rules. */
  line(record: RawRecord, plan: TopicPlan, sampleRate: number, value: DecodedText, key: DecodedText, headers: [string, string][], schemas: RecordSchemas = {}): string {
    let line = '{'
    let parsedAsJson = false
    if (value.encoding === 'utf8' && !value.truncated) {
      const fields = extractJsonFields(value.text, plan.extractFields)
      if (fields) {
        parsedAsJson = true
        line = JSON.stringify(fields)
        line = line.length > 2 ? `${line.slice(0, -1)},` : '{'
      }
    }
    if (headers.length > 0) {
      // An object, so a header sent twice is one field (the last value), as before.
      const named: MessageDocument = {}
      for (const [name, text] of headers) named[`headers.${name}`] = text
      line += `${JSON.stringify(named).slice(1, -1)},`
    }
    line += `"_time":"${this.#isoTime(record.timestamp)}","_msg":${value.encoding === 'base64' ? `"${value.text}"` : jsonString(value.text, parsedAsJson)},`
    line += `${this.#stream(record.topic)},"partition":${jsonNumber(record.partition)},"offset":${JSON.stringify(record.offset)},`
    line += `"valueEncoding":"${value.encoding}","valueBytes":${record.value?.length ?? 0},"sampleRate":${jsonNumber(sampleRate)}`
    if (key.encoding !== 'null') line += `,"key":${key.encoding === 'base64' ? `"${key.text}"` : jsonString(key.text)},"keyEncoding":"${key.encoding}"`
    if (value.truncated) line += ',"truncated":true'
    if (schemas.key || schemas.value) {
      const fields: MessageDocument = {}
      schemaFields('key', schemas.key, fields)
      schemaFields('value', schemas.value, fields)
      const text = JSON.stringify(fields)
      if (text.length > 2) line += `,${text.slice(1, -1)}`
    }
    return `${line}}`
  }

  /** `"kind":…,"cluster":…,"topic":…`, encoded once per topic. */
  #stream(topic: string): string {
    let text = this.#streams.get(topic)
    if (text === undefined) {
      text = `"kind":${JSON.stringify(messagesKind)},"cluster":${JSON.stringify(this.#cluster)},"topic":${JSON.stringify(topic)}`
      this.#streams.set(topic, text)
    }
    return text
  }

  /** new Date(ms).toISOString(), with the part up to the second reused: a batch's records share it. */
  #isoTime(timestamp: number): string {
    const ms = Number.isFinite(timestamp) && timestamp > 0 && timestamp < maxDateMs ? Math.floor(timestamp) : Date.now()
    const second = Math.floor(ms / 1000)
    if (second !== this.#second) {
      this.#second = second
      this.#secondText = new Date(second * 1000).toISOString().slice(0, -4)
    }
    const millis = ms - second * 1000
    return `${this.#secondText}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`
  }
}

const jsonNumber = (n: number) => (Number.isFinite(n) ? String(n) : 'null')

export const decodeKey = (key: Buffer | null) => decodeBytes(key, maxKeyBytes)
export const decodeKeyForIndex = (key: Buffer | null, decoder: IndexSchemaDecoder | undefined, topic: string) => decodeForIndex(key, maxKeyBytes, decoder, topic)
