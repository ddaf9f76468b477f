// Records and search rows as export rows. Decoded: as browse shows them (JSON, text, base64 for
// binary; registry payloads as their JSON), but never cut. Raw: every key, value and header as
// base64 of its bytes (for search, of the text that was indexed).
import type { ExportMode, ExportRow } from '../../contract/export.ts'
import type { Encoding, MessageHeader, SchemaInfo } from '../../contract/messages.ts'
import type { RawRecord } from '../kafka/index.ts'
import { decodePayload, type MessageDecoder } from '../messages/decode.ts'

const lenientUtf8 = new TextDecoder('utf-8')
const base64 = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString('base64'))
const rawEncoding = (bytes: Buffer | null): Encoding => (bytes === null ? 'null' : 'base64')

function rawHeaders(record: RawRecord): MessageHeader[] {
  return record.headers.map(([k, v]) => ({ key: k ? lenientUtf8.decode(k) : '', value: base64(v), encoding: rawEncoding(v) }))
}

/** Nothing cut: an export carries whole values, whatever the screen's cap. */
const uncut = Number.POSITIVE_INFINITY

export function rawRow(record: RawRecord): ExportRow {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: new Date(record.timestamp).toISOString(),
    key: base64(record.key),
    keyEncoding: rawEncoding(record.key),
    value: base64(record.value),
    valueEncoding: rawEncoding(record.value),
    headers: rawHeaders(record),
  }
}

/** A batch's rows; the decoder loads the schemas the batch needs first (it never throws). */
export async function recordRows(records: readonly RawRecord[], mode: ExportMode, decoder: MessageDecoder): Promise<ExportRow[]> {
  if (mode === 'raw') return records.map(rawRow)
  await decoder.prepare(records)
  return records.map((record) => {
    const decoded = decoder.decode(record)
    // The item caps keys and headers at 4 KiB for the screen: those are taken from the bytes again.
    const item = decoded.item(uncut)
    const key = item.keySchema
      ? { value: decoded.filterable().key as string, encoding: 'json' as const }
      : decodePayload(record.key, uncut)
    return {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: item.timestamp,
      key: key.value,
      keyEncoding: key.encoding,
      value: item.value,
      valueEncoding: item.valueEncoding,
      headers: record.headers.map(([k, v]) => {
        const header = decodePayload(v, uncut)
        return { key: k ? lenientUtf8.decode(k) : '', value: header.value, encoding: header.encoding }
      }),
      ...(item.keySchema ? { keySchema: item.keySchema } : {}),
      ...(item.valueSchema ? { valueSchema: item.valueSchema } : {}),
      ...(item.keySchemaError ? { keySchemaError: item.keySchemaError } : {}),
      ...(item.valueSchemaError ? { valueSchemaError: item.valueSchemaError } : {}),
    }
  })
}

/** An indexed text's encoding as browse would name it: the indexer marks only base64 (binary) and utf8. */
function textEncoding(text: string, indexed: string | undefined): Encoding {
  if (indexed === 'base64') return 'base64'
  const first = text.trimStart()[0]
  if (first === '{' || first === '[') {
    try {
      JSON.parse(text)
      return 'json'
    } catch {
      return 'text'
    }
  }
  return 'text'
}

function searchPayload(text: string | undefined, indexed: string | undefined, mode: ExportMode): { value: string | null; encoding: Encoding } {
  if (text === undefined || indexed === undefined || indexed === 'null') return { value: null, encoding: 'null' }
  if (mode === 'decoded') return { value: text, encoding: textEncoding(text, indexed) }
  return { value: indexed === 'base64' ? text : Buffer.from(text, 'utf8').toString('base64'), encoding: 'base64' }
}

function searchSchema(row: Record<string, unknown>, prefix: 'key' | 'value'): SchemaInfo | undefined {
  const id = row[`${prefix}SchemaId`]
  const type = row[`${prefix}SchemaType`]
  if (typeof id !== 'string' || (type !== 'AVRO' && type !== 'PROTOBUF' && type !== 'JSON')) return undefined
  // The indexer stores Confluent's numeric id, or Glue's schema version UUID.
  return /^\d+$/.test(id) ? { registry: 'confluent', type, id: Number(id) } : { registry: 'glue', type, versionId: id }
}

const headerPrefix = 'headers.'

/** One VictoriaLogs row of an indexed message (core/indexing/document.ts wrote it) as an export row. */
export function searchRow(row: Record<string, unknown>, mode: ExportMode): ExportRow {
  const field = (name: string) => (typeof row[name] === 'string' ? row[name] : row[name] === undefined ? undefined : String(row[name]))
  const key = searchPayload(field('key'), field('keyEncoding'), mode)
  const value = searchPayload(field('_msg') ?? '', field('valueEncoding') ?? 'utf8', mode)
  const headers: MessageHeader[] = []
  for (const name of Object.keys(row)) {
    if (!name.startsWith(headerPrefix)) continue
    const text = field(name) ?? ''
    headers.push(mode === 'raw'
      ? { key: name.slice(headerPrefix.length), value: Buffer.from(text, 'utf8').toString('base64'), encoding: 'base64' }
      : { key: name.slice(headerPrefix.length), value: text, encoding: 'text' })
  }
  const keySchema = searchSchema(row, 'key')
  const valueSchema = searchSchema(row, 'value')
  const keySchemaError = field('keySchemaError')
  const valueSchemaError = field('valueSchemaError')
  return {
    topic: field('topic') ?? '',
    partition: Number(field('partition') ?? -1),
    offset: field('offset') ?? '',
    timestamp: field('_time') ?? '',
    key: key.value,
    keyEncoding: key.encoding,
    value: value.value,
    valueEncoding: value.encoding,
    headers,
    ...(keySchema ? { keySchema } : {}),
    ...(valueSchema ? { valueSchema } : {}),
    ...(keySchemaError ? { keySchemaError } : {}),
    ...(valueSchemaError ? { valueSchemaError } : {}),
    ...(field('truncated') === 'true' ? { truncated: true } : {}),
  }
}
