// Produce: one long-lived Producer per cluster connection (made on first use, closed with the
// connection). Every record arrives here with its partition already chosen, so the answer can
// name each record's partition and offset: the broker answers one base offset per partition, and
// the records of one partition in one request are one batch, numbered on from it.
import { compressionsAlgorithms, ProduceAcks } from './client.ts'
import { compatibilityPartitioner, Producer } from './client-producer.ts'
import { AppError, type ErrorCode } from '../../errors.ts'
import type { ProducedRecord, ProduceCompression, RecordToProduce } from '../types.ts'
import { wireOf, type KafkaCluster } from './connection.ts'

export const produceCompressions: readonly ProduceCompression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd']

/** The compressions this runtime can write (zstd needs Node.js ≥ 22.15). */
export function availableCompressions(): ProduceCompression[] {
  return produceCompressions.filter((name) => compressionsAlgorithms[name].available)
}

/** The Java client's partition for a key (murmur2, sign bit cleared), so keyed records land where other producers put that key. */
export function partitionForKey(key: Buffer, partitions: number): number {
  return compatibilityPartitioner({ topic: '' }, key) % partitions
}

/** Broker refusals of the records themselves: the caller's input, not a broker failure. */
const refusals: Record<string, ErrorCode> = { INVALID_RECORD: 'INVALID_INPUT', MESSAGE_TOO_LARGE: 'RECORD_TOO_LARGE', RECORD_LIST_TOO_LARGE: 'RECORD_TOO_LARGE' }

interface ErrorNode { apiId?: unknown; serverErrorMessage?: unknown; path?: unknown; errors?: ArrayLike<unknown> }

function errorNodes(error: unknown, depth = 0): ErrorNode[] {
  if (typeof error !== 'object' || error === null || depth > 5) return []
  const node = error as ErrorNode
  const inner = node.errors && typeof node.errors === 'object' ? Array.from(node.errors) : []
  return [node, ...inner.flatMap((e) => errorNodes(e, depth + 1))]
}

/**
 * The broker refused a batch for what is in it (no key on a compacted topic, too large): a 400
 * with the broker's reason for the record (its per-record message says it best), else undefined.
 */
function recordRefusal(error: unknown, topic: string): AppError | undefined {
  const nodes = errorNodes(error)
  const refusal = nodes.find((n) => typeof n.apiId === 'string' && n.apiId in refusals)
  if (!refusal) return undefined
  const apiId = refusal.apiId as string
  const perRecord = nodes.find((n) => typeof n.path === 'string' && n.path.includes('/record_errors/') && typeof n.serverErrorMessage === 'string')
  const reason = (perRecord ?? refusal).serverErrorMessage
  return new AppError(refusals[apiId] as ErrorCode, `Kafka refused records for '${topic}' (${apiId}${typeof reason === 'string' && reason ? `: ${reason}` : ''}); the refused partition's records were not written.`, {
    status: 400, cause: error, extra: { kafkaError: apiId },
  })
}

function producerOf(cluster: KafkaCluster): Producer {
  return wireOf(cluster).owned('producer', (options) => new Producer({
    ...options,
    clientId: `${options.clientId}-produce`,
    // Not idempotent: that needs an extra permission (IDEMPOTENT_WRITE, or MSK IAM's
    // WriteDataIdempotently) many operators' roles lack; one retry on a retriable error.
    idempotent: false,
    acks: ProduceAcks.ALL,
    retries: 1,
    retryDelay: 250,
    timeout: 15_000,
    metadataMaxAge: 5_000,
    autocreateTopics: false,
  }))
}

/**
 * Sends `records` (each with its partition) in one request: one batch per partition. Answers
 * each record's partition and offset, in the order given.
 */
export async function produceRecords(cluster: KafkaCluster, topic: string, records: readonly RecordToProduce[], compression: ProduceCompression): Promise<ProducedRecord[]> {
  const wire = wireOf(cluster)
  const result = await wire.call(`Producing to '${topic}'`, (): ReturnType<Producer['send']> => producerOf(cluster).send({
    messages: records.map((record) => ({
      topic,
      partition: record.partition,
      ...(record.key === null ? {} : { key: record.key }),
      ...(record.value === null ? {} : { value: record.value }),
      // Buffer keys: a Map holds a repeated header name as often as it is given.
      headers: new Map(record.headers.map(([name, value]) => [Buffer.from(name, 'utf8'), value])),
    })),
    compression,
    acks: ProduceAcks.ALL,
  }).catch((error: unknown) => { throw recordRefusal(error, topic) ?? error }))
  const base = new Map((result.offsets ?? []).filter((o) => o.topic === topic).map((o) => [o.partition, o.offset]))
  const next = new Map<number, bigint>()
  return records.map((record) => {
    const first = base.get(record.partition)
    if (first === undefined) throw wire.mapError(new Error(`the broker named no offset for partition ${record.partition}`), `Producing to '${topic}'`)
    const offset = next.get(record.partition) ?? first
    next.set(record.partition, offset + 1n)
    return { partition: record.partition, offset: offset.toString() }
  })
}
