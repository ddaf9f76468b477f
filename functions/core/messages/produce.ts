// Produce: records written to a topic through the API. In two steps, so that bad input sends
// nothing and the audit record is stored before anything is written: prepareProduce() checks and
// encodes every record (partitions exist, keys and values fit their schemas, each record fits the
// topic's max.message.bytes) and chooses each one's partition; sendProduce() writes them.
import { AppError, invalidInput, recordTooLarge, schemaMismatch, schemaRegistryNotConfigured } from '../errors.ts'
import {
  describeTopicConfigs, findTopic, producePartitioning, produceRecords,
  type KafkaCluster, type ProduceCompression, type RecordToProduce,
} from '../kafka/index.ts'
import { SchemaMismatch, UnknownMessageType, type SchemaEncoder, type SchemaIssue } from '../schemas/encode.ts'
import type { ProducedMessage, ProducePayload, ProduceRecordInput, ProduceRequest, ProduceResult } from '../../contract/produce.ts'
import type { SchemaInfo } from '../../contract/messages.ts'

export type { ProducePayload, ProduceRecordInput, ProduceRequest, ProduceResult }

/** Kafka's default max.message.bytes, for a topic whose config cannot be read (it is read first). */
const defaultMaxMessageBytes = 1_048_588
/** A record batch's header (magic v2): what one batch adds to its records. */
export const batchOverheadBytes = 61

export interface ProduceOptions {
  /** The cluster's registry encoder; undefined when it has none. */
  encoder: SchemaEncoder | undefined
  /** Why schema encoding is unavailable when `encoder` is undefined. */
  noEncoder: () => AppError
  /** For keyless records without a partition (tests pin it). */
  random?: () => number
}

export interface PreparedRecord extends RecordToProduce {
  keySchema?: SchemaInfo
  valueSchema?: SchemaInfo
  /** Bytes this record takes in a batch (uncompressed). */
  bytes: number
}

export interface ProducePlan {
  topic: string
  compression: ProduceCompression
  maxMessageBytes: number
  records: PreparedRecord[]
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const varintBytes = (value: number) => {
  let bytes = 1
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 128)) bytes++
  return bytes
}
/** Kafka's record fields are zig-zag varints; lengths are never negative but -1 (null). */
const zigZagBytes = (value: number) => varintBytes(value < 0 ? -2 * value - 1 : 2 * value)
const lengthBytes = (bytes: Buffer | null) => (bytes === null ? zigZagBytes(-1) : zigZagBytes(bytes.length) + bytes.length)

/** A record's size inside a v2 record batch, uncompressed; timestamp and offset deltas counted at their largest. */
export function recordBytes(record: Pick<RecordToProduce, 'key' | 'value' | 'headers'>): number {
  let body = 1 + 10 + 5 + lengthBytes(record.key) + lengthBytes(record.value) + zigZagBytes(record.headers.length)
  for (const [name, value] of record.headers) body += lengthBytes(Buffer.from(name, 'utf8')) + lengthBytes(value)
  return zigZagBytes(body) + body
}

const describeChoice = (payload: Extract<ProducePayload, { format: 'schema' }>) => `subject '${payload.subject}' version ${payload.version ?? 'latest'}`

/** Encoders by subject, version and message type, for one request: its records share lookups. */
type EncoderMemo = Map<string, ReturnType<SchemaEncoder['encoderFor']>>

async function encodePayload(payload: ProducePayload | null | undefined, where: string, options: ProduceOptions, issues: SchemaIssue[], memo: EncoderMemo): Promise<{ bytes: Buffer | null; schema?: SchemaInfo }> {
  if (payload === null || payload === undefined) return { bytes: null }
  switch (payload.format) {
    case 'text': return { bytes: Buffer.from(payload.data, 'utf8') }
    case 'json': return { bytes: Buffer.from(JSON.stringify(payload.data) ?? 'null', 'utf8') }
    case 'base64':
      if (!base64Pattern.test(payload.data)) throw invalidInput(`${where}: not valid base64.`, [{ path: where, message: 'not valid base64' }])
      return { bytes: Buffer.from(payload.data, 'base64') }
    case 'schema': {
      if (!options.encoder) throw options.noEncoder()
      const choice = { subject: payload.subject, version: payload.version ?? 'latest', ...(payload.messageType === undefined ? {} : { messageType: payload.messageType }) }
      const memoKey = JSON.stringify([choice.subject, choice.version, choice.messageType])
      let lookup = memo.get(memoKey)
      if (!lookup) memo.set(memoKey, lookup = options.encoder.encoderFor(choice))
      let encoder
      try {
        encoder = await lookup
      } catch (error: unknown) {
        if (error instanceof UnknownMessageType) throw invalidInput(`${where}.messageType: ${error.message}.`, [{ path: `${where}.messageType`, message: error.message }])
        if (error instanceof AppError) throw error
        throw invalidInput(`${where}: the schema of ${describeChoice(payload)} cannot be used to write (${error instanceof Error ? error.message : String(error)}).`)
      }
      try {
        return { bytes: encoder.encode(payload.data, where), schema: encoder.info }
      } catch (error: unknown) {
        if (!(error instanceof SchemaMismatch)) throw error
        issues.push(...error.issues)
        return { bytes: null, schema: encoder.info }
      }
    }
  }
}

/**
 * Checks and encodes every record, choosing its partition; throws (and nothing is sent) on the
 * first kind of problem found: unknown partitions, schema mismatches (all of them, by path),
 * records too large for the topic.
 */
export async function prepareProduce(cluster: KafkaCluster, topic: string, request: ProduceRequest, options: ProduceOptions): Promise<ProducePlan> {
  const compression = request.compression ?? 'none'
  const { availableCompressions, partitionForKey } = await producePartitioning()
  if (!availableCompressions.includes(compression)) {
    throw invalidInput(`compression: ${compression} is not available in this runtime (available: ${availableCompressions.join(', ')}).`)
  }
  const partitions = findTopic(await cluster.metadata(), topic).partitions.map((p) => p.partition).sort((a, b) => a - b)
  const several = request.records.length > 1
  const at = (i: number) => (several ? `records[${i}].` : '')

  const unknown = request.records.flatMap((r, i) => (r.partition === undefined || partitions.includes(r.partition) ? [] : [{ path: `${at(i)}partition`, message: `'${topic}' has no partition ${r.partition} (it has ${partitions.length === 1 ? 'partition 0' : `partitions 0–${partitions.length - 1}`})` }]))
  if (unknown.length > 0) throw invalidInput(unknown.map((u) => `${u.path}: ${u.message}`).join('; ') + '. Nothing was sent.', unknown)

  const issues: SchemaIssue[] = []
  const encoded = []
  const memo: EncoderMemo = new Map()
  for (const [i, record] of request.records.entries()) {
    const key = await encodePayload(record.key, `${at(i)}key`, options, issues, memo)
    const value = await encodePayload(record.value, `${at(i)}value`, options, issues, memo)
    encoded.push({ record, key, value })
  }
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`).join('; ')
    throw schemaMismatch(`Does not match the schema: ${shown}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}. Nothing was sent.`, issues)
  }

  const configs = await describeTopicConfigs(cluster, [topic], ['max.message.bytes'])
  const configured = Number(configs.get(topic)?.find((c) => c.name === 'max.message.bytes')?.value)
  const maxMessageBytes = Number.isFinite(configured) && configured > 0 ? configured : defaultMaxMessageBytes

  // Keyless records without a partition share one, like the Java client's sticky partitioner.
  const random = options.random ?? Math.random
  const sticky = partitions[Math.floor(random() * partitions.length)] ?? 0
  const records: PreparedRecord[] = encoded.map(({ record, key, value }) => {
    const headers = (record.headers ?? []).map((h): [string, Buffer] => [h.key, Buffer.from(h.value, 'utf8')])
    const partition = record.partition ?? (key.bytes === null ? sticky : partitionForKey(key.bytes, partitions.length))
    return {
      partition, key: key.bytes, value: value.bytes, headers, bytes: recordBytes({ key: key.bytes, value: value.bytes, headers }),
      ...(key.schema ? { keySchema: key.schema } : {}), ...(value.schema ? { valueSchema: value.schema } : {}),
    }
  })
  const tooLarge = records.flatMap((r, i) => (r.bytes + batchOverheadBytes > maxMessageBytes ? [i] : []))
  if (tooLarge.length > 0) {
    const which = several ? `Record${tooLarge.length > 1 ? 's' : ''} ${tooLarge.map((i) => `records[${i}] (${records[i]!.bytes + batchOverheadBytes} bytes)`).join(', ')}` : `The record (${records[0]!.bytes + batchOverheadBytes} bytes)`
    throw recordTooLarge(`${which} ${tooLarge.length > 1 ? 'are' : 'is'} larger than topic '${topic}' accepts (max.message.bytes = ${maxMessageBytes}). Nothing was sent.`, maxMessageBytes)
  }
  return { topic, compression, maxMessageBytes, records }
}

/**
 * Groups of records sent one after the other, so that no partition's batch in a request passes
 * max.message.bytes (the broker refuses a whole batch that does).
 */
export function sendGroups(records: readonly PreparedRecord[], maxMessageBytes: number): number[][] {
  const groups: number[][] = []
  let current: number[] = []
  let sizes = new Map<number, number>()
  records.forEach((record, i) => {
    const size = (sizes.get(record.partition) ?? batchOverheadBytes) + record.bytes
    if (size > maxMessageBytes && current.length > 0) {
      groups.push(current)
      current = []
      sizes = new Map()
    }
    sizes.set(record.partition, (sizes.get(record.partition) ?? batchOverheadBytes) + record.bytes)
    current.push(i)
  })
  if (current.length > 0) groups.push(current)
  return groups
}

export async function sendProduce(cluster: KafkaCluster, plan: ProducePlan): Promise<ProduceResult> {
  const produced: ProducedMessage[] = []
  for (const group of sendGroups(plan.records, plan.maxMessageBytes)) {
    const records = group.map((i) => plan.records[i]!)
    const answers = await produceRecords(cluster, plan.topic, records, plan.compression)
    answers.forEach((answer, j) => {
      const record = records[j]!
      produced.push({
        partition: answer.partition, offset: answer.offset, keySize: record.key?.length ?? 0, size: record.value?.length ?? 0,
        ...(record.keySchema ? { keySchema: record.keySchema } : {}), ...(record.valueSchema ? { valueSchema: record.valueSchema } : {}),
      })
    })
  }
  return { topic: plan.topic, records: produced }
}

/** The cluster's registry encoder, or why schema-encoded payloads are refused (no registry). */
export function produceEncoding(cluster: string, registry: { encoder: SchemaEncoder } | undefined): Pick<ProduceOptions, 'encoder' | 'noEncoder'> {
  return { encoder: registry?.encoder, noEncoder: () => schemaRegistryNotConfigured(cluster) }
}
