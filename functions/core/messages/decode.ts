// Keys, values and headers as a person can read them: JSON, UTF-8 text, or base64 for binary,
// detected per record; values over the cap are cut, with their real size kept. Keys and values
// written with a registry schema are shown decoded, as JSON, with the schema beside them.
import type { RawRecord } from '../kafka/index.ts'
import type { Encoding, MessageItem, SchemaInfo } from '../../contract/messages.ts'
export type { Encoding, MessageItem }
import type { PayloadDecoding } from '../schemas/decoder.ts'
import type { NeedleProbe } from '../schemas/text-probe.ts'
import type { FilterableRecord } from './filter.ts'

export interface DecodedPayload {
  value: string | null
  encoding: Encoding
  size: number
  truncated: boolean
}

/**
 * How browse and tail turn records into items: prepare() once per fetched batch (it loads the
 * schemas the batch needs; never throws), then decode() per record, synchronously.
 */
export interface MessageDecoder {
  prepare(records: readonly RawRecord[]): Promise<void>
  decode(record: RawRecord): DecodedRecord
}

export interface DecodedRecord {
  /** The record as the tail filter sees it: registry-framed key and value as their decoded JSON text. */
  filterable(): FilterableRecord
  item(valueCap: number): MessageItem
  /**
   * False only when no key, value or header can hold the probe's needle, told from the bytes
   * (schema-framed payloads without decoding them); true means: filter the decoded record.
   */
  mayContain?(probe: NeedleProbe): boolean
}

/** Registry-framed payloads decoded per record; the schema decoder is the cluster's. */
export interface PayloadSchemaDecoder {
  decode(bytes: Buffer | null, topic?: string): PayloadDecoding | undefined
  prepare(records: Iterable<RawRecord>): Promise<void>
  mayContain?(bytes: Buffer, probe: NeedleProbe, topic?: string): boolean
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')
// JSON.parse of very large values costs more than it tells; beyond this, shape decides.
const parseLimit = 1024 * 1024

function isMostlyText(text: string): boolean {
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return false
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control++
  }
  return control <= text.length * 0.02
}

function looksLikeJson(text: string, size: number): boolean {
  const trimmed = text.trim()
  const first = trimmed[0]
  const last = trimmed[trimmed.length - 1]
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return false
  if (size > parseLimit) return true
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    return false
  }
}

export function decodePayload(buffer: Buffer | null, cap: number): DecodedPayload {
  if (buffer === null) return { value: null, encoding: 'null', size: 0, truncated: false }
  const size = buffer.length
  const truncated = size > cap
  let text: string | undefined
  try {
    text = strictUtf8.decode(buffer)
  } catch {
    text = undefined
  }
  if (text !== undefined && isMostlyText(text)) {
    const encoding: Encoding = looksLikeJson(text, size) ? 'json' : 'text'
    // Cutting at a byte cap can split a character: the lenient decoder marks it, then it is dropped.
    const value = truncated ? lenientUtf8.decode(buffer.subarray(0, cap)).replace(/\uFFFD$/, '') : text
    return { value, encoding, size, truncated }
  }
  return { value: buffer.subarray(0, cap).toString('base64'), encoding: 'base64', size, truncated }
}

/** A decoded value's JSON as the payload shown; `size` stays the record's own byte count. */
function jsonPayload(json: string, size: number, cap: number): DecodedPayload {
  if (json.length <= cap / 3 || Buffer.byteLength(json) <= cap) return { value: json, encoding: 'json', size, truncated: false }
  return { value: lenientUtf8.decode(Buffer.from(json).subarray(0, cap)).replace(/\uFFFD$/, ''), encoding: 'json', size, truncated: true }
}

interface SchemaOutcome {
  payload: DecodedPayload
  schema?: SchemaInfo
  error?: string
}

function withSchema(bytes: Buffer | null, decoding: PayloadDecoding | undefined, cap: number): SchemaOutcome {
  if (decoding?.ok) return { payload: jsonPayload(decoding.json, bytes?.length ?? 0, cap), schema: decoding.info }
  const payload = decodePayload(bytes, cap)
  return decoding ? { payload, error: decoding.reason } : { payload }
}

export interface RecordSchemas {
  key?: PayloadDecoding
  value?: PayloadDecoding
}

export function toMessageItem(record: RawRecord, valueCap: number, schemas: RecordSchemas = {}): MessageItem {
  const keyOutcome = withSchema(record.key, schemas.key, Math.min(valueCap, 4096))
  const valueOutcome = withSchema(record.value, schemas.value, valueCap)
  const key = keyOutcome.payload
  const value = valueOutcome.payload
  return {
    partition: record.partition,
    offset: record.offset,
    timestamp: new Date(record.timestamp).toISOString(),
    key: key.value,
    keyEncoding: key.encoding,
    keySize: key.size,
    value: value.value,
    valueEncoding: value.encoding,
    size: value.size,
    truncated: value.truncated,
    headers: record.headers.map(([k, v]) => {
      const decoded = decodePayload(v, 4096)
      return { key: k ? lenientUtf8.decode(k) : '', value: decoded.value, encoding: decoded.encoding }
    }),
    ...(keyOutcome.schema ? { keySchema: keyOutcome.schema } : {}),
    ...(valueOutcome.schema ? { valueSchema: valueOutcome.schema } : {}),
    ...(keyOutcome.error ? { keySchemaError: keyOutcome.error } : {}),
    ...(valueOutcome.error ? { valueSchemaError: valueOutcome.error } : {}),
  }
}

/** Today's decoding: no registry. */
export const plainDecoder: MessageDecoder = {
  prepare: () => Promise.resolve(),
  decode: (record) => ({ filterable: () => record, item: (valueCap) => toMessageItem(record, valueCap) }),
}

/** Decoding through a cluster's schema registry; records without registry framing decode as today. */
export function registryDecoder(schemas: PayloadSchemaDecoder): MessageDecoder {
  return {
    prepare: (records) => schemas.prepare(records),
    decode: (record) => (mayBeFramed(record.key) || mayBeFramed(record.value) ? new RegistryDecodedRecord(schemas, record) : plainDecoder.decode(record)),
  }
}

/** The first byte of the Confluent (0x00) or Glue (0x03) wire format: anything else is not framed. */
const mayBeFramed = (bytes: Buffer | null): bytes is Buffer => bytes !== null && (bytes[0] === 0x00 || bytes[0] === 0x03)

/**
 * A record whose key or value may be schema-framed, decoded when first asked for: a filtered
 * tail decodes only what its needle may be in. A class: one shape for every record.
 */
class RegistryDecodedRecord implements DecodedRecord {
  readonly #schemas: PayloadSchemaDecoder
  readonly #record: RawRecord
  #decoded = false
  #key: PayloadDecoding | undefined
  #value: PayloadDecoding | undefined
  #filterable: FilterableRecord | undefined

  constructor(schemas: PayloadSchemaDecoder, record: RawRecord) {
    this.#schemas = schemas
    this.#record = record
  }

  #decode(): void {
    if (this.#decoded) return
    this.#key = this.#schemas.decode(this.#record.key, this.#record.topic)
    this.#value = this.#schemas.decode(this.#record.value, this.#record.topic)
    this.#decoded = true
  }

  filterable(): FilterableRecord {
    if (this.#filterable) return this.#filterable
    this.#decode()
    const key = this.#key
    const value = this.#value
    this.#filterable = !key && !value ? this.#record : {
      ...this.#record,
      key: key?.ok ? key.json : this.#record.key,
      value: value?.ok ? value.json : this.#record.value,
    }
    return this.#filterable
  }

  item(valueCap: number): MessageItem {
    this.#decode()
    return toMessageItem(this.#record, valueCap, { ...(this.#key ? { key: this.#key } : {}), ...(this.#value ? { value: this.#value } : {}) })
  }

  mayContain(probe: NeedleProbe): boolean {
    const { key, value, headers } = this.#record
    // A framed payload is the decoder's to judge (a field name is in its JSON, never in its bytes); without a judge, it may.
    const mayHold = (bytes: Buffer | null) => bytes !== null && (mayBeFramed(bytes) ? this.#schemas.mayContain?.(bytes, probe, this.#record.topic) ?? true : probe.inBytes(bytes))
    return mayHold(value) || mayHold(key) || headers.some(([, v]) => v !== null && probe.inBytes(v))
  }
}
