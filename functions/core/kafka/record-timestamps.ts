// The timestamp of the record at a given offset, for thousands of partitions with one Fetch per
// leader and round. A broker returns at most partitionMaxBytes per partition, and (Kafka 4 at
// least) nothing at all for a partition whose first batch is bigger, except for the first
// partition of the response. So round one asks 16 KiB per partition (typical producer batches
// fit, and a whole batch is decoded for the exact time of a record inside it); partitions that
// came back empty although they hold records are asked again with 1 MiB, for a few rounds. What
// fetchRecords() would do with one big limit for all would overflow the response at scale.
// (Brokers that return a cut batch give its header: its first record's time stands in.)
import { createAPI, readRecordsBatch, Reader, Writer, type Callback, type Connection, kGetConnection, kPerformWithRetry } from '@platformatic/kafka'
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { mapKafkaError } from './errors.ts'
import { partitionKey } from './offsets.ts'
import { withKafkaTimeout } from './timeout.ts'

export interface RecordTimestamp {
  /** Epoch ms of the record at (or first after) the offset; null when none could be read. */
  timestamp: number | null
  /** False when the batch was cut short and its first record's time stands in for the record's. */
  exact: boolean
}

interface Position { topic: string; partition: number; offset: string }
interface RequestTopic { name: string; partitions: { partition: number; leaderEpoch: number; offset: bigint }[] }
interface RawPartition { partition: number; errorCode: number; highWatermark: bigint; records: Buffer | null }
interface RawResponse { errorCode: number; topics: { name: string; partitions: RawPartition[] }[] }

const batchHeader = 61
const controlBatch = 0x20
const logAppendTime = 0x08
const readUncommitted = 0

// Fetch v12 names topics (v13+ use ids); every broker from Kafka 3.1 on speaks it.
function createRequest(maxBytes: number, partitionMaxBytes: number, topics: RequestTopic[]) {
  return Writer.create()
    .appendInt32(-1).appendInt32(0).appendInt32(1).appendInt32(maxBytes).appendInt8(readUncommitted).appendInt32(0).appendInt32(-1)
    .appendArray(topics, (w, t) => {
      w.appendString(t.name).appendArray(t.partitions, (pw, p) => {
        pw.appendInt32(p.partition).appendInt32(p.leaderEpoch).appendInt64(p.offset).appendInt32(-1).appendInt64(-1n).appendInt32(partitionMaxBytes)
      })
    })
    .appendArray([], () => {})
    .appendString('')
    .appendTaggedFields()
}

// Parsed by hand: per-partition errors are data here, not a reason to fail the whole request.
function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): RawResponse {
  reader.readInt32()
  const errorCode = reader.readInt16()
  reader.readInt32()
  const topics = reader.readArray((r) => ({
    name: r.readString(),
    partitions: r.readArray((pr): RawPartition => {
      const partition = pr.readInt32()
      const code = pr.readInt16()
      const highWatermark = pr.readInt64()
      pr.readInt64(); pr.readInt64()
      pr.readArray((ar) => { ar.readInt64(); ar.readInt64() })
      pr.readInt32()
      const size = pr.readUnsignedVarInt() - 1
      const records = size > 0 ? pr.buffer.slice(pr.position, pr.position + size) : null
      if (size > 0) pr.skip(size)
      return { partition, errorCode: code, highWatermark, records }
    }),
  }))
  return { errorCode, topics }
}

const fetchV12 = createAPI<[number, number, RequestTopic[]], RawResponse>(1, 12, createRequest, parseResponse)

interface AdminInternals {
  [kPerformWithRetry]<T>(id: string, operation: (callback: Callback<T>) => void, callback: Callback<T>, attempt?: number): void
  [kGetConnection](broker: { host: string; port: number }, callback: Callback<Connection>): void
}

/** Walks the batches from the fetch offset to the one holding `offset`. */
export function timestampAt(records: Buffer, offset: bigint): RecordTimestamp {
  let position = 0
  while (records.length - position >= batchHeader) {
    const base = records.readBigInt64BE(position)
    const size = 12 + records.readInt32BE(position + 8)
    const attributes = records.readInt16BE(position + 21)
    const last = base + BigInt(records.readInt32BE(position + 23))
    const firstTimestamp = Number(records.readBigInt64BE(position + 27))
    const maxTimestamp = Number(records.readBigInt64BE(position + 35))
    const complete = records.length - position >= size
    if (last >= offset && !(attributes & controlBatch)) {
      if (attributes & logAppendTime) return { timestamp: maxTimestamp, exact: true }
      if (base >= offset) return { timestamp: firstTimestamp, exact: true }
      if (!complete) return { timestamp: firstTimestamp, exact: false }
      const batch = readRecordsBatch(Reader.from(records.subarray(position, position + size)))
      const record = batch.records.find((r) => base + BigInt(r.offsetDelta) >= offset)
      if (record) return { timestamp: firstTimestamp + Number(record.timestampDelta), exact: true }
    }
    if (!complete) break
    position += size
  }
  return { timestamp: null, exact: false }
}

function ask(cluster: KafkaCluster, broker: { host: string; port: number }, topics: RequestTopic[], partitionMaxBytes: number): Promise<RawResponse> {
  // The response is bounded (64 MiB): partitions beyond it come back empty and wait for the next round.
  const internals = cluster.admin() as unknown as AdminInternals
  return new Promise((resolve, reject) => {
    internals[kGetConnection](broker, (connectionError, connection) => {
      if (connectionError || !connection) return reject(connectionError ?? new Error('no connection'))
      internals[kPerformWithRetry]<RawResponse>('kafka-plus:fetch-headers', (retry) => {
        fetchV12(connection, 64 * 1024 * 1024, partitionMaxBytes, topics, retry)
      }, (error, response) => (error ? reject(error) : resolve(response as RawResponse)), 0)
    })
  })
}

export interface RecordTimestampOptions {
  metadata?: MetadataResponse
  timeoutMs?: number
  /** Bytes per partition in each round (default 16 KiB, then 1 MiB × 3). */
  rounds?: number[]
}

export interface RecordTimestamps {
  /** Keyed by partitionKey(topic, partition). */
  timestamps: Map<string, RecordTimestamp>
  /** Leaders that failed or timed out: their partitions are unknown, the others still answer. */
  failures: { broker: number; code: string; message: string }[]
}

/** Timestamps of the records at the given positions, one Fetch per leader and round, leaders in parallel. */
export async function recordTimestamps(cluster: KafkaCluster, positions: Position[], options: RecordTimestampOptions = {}): Promise<RecordTimestamps> {
  const result = new Map<string, RecordTimestamp>()
  const failures: RecordTimestamps['failures'] = []
  if (positions.length === 0) return { timestamps: result, failures }
  const metadata = options.metadata ?? await cluster.fullMetadata()
  const partitions = new Map(metadata.topics.flatMap((t) => t.partitions.map((p) => [partitionKey(t.name ?? '', p.partitionIndex), p] as const)))
  const brokers = new Map(metadata.brokers.map((b) => [b.nodeId, b]))
  const byLeader = new Map<number, Map<string, { position: Position; leaderEpoch: number }>>()
  for (const position of positions) {
    const key = partitionKey(position.topic, position.partition)
    const partition = partitions.get(key)
    if (!partition || !brokers.has(partition.leaderId)) continue
    const pending = byLeader.get(partition.leaderId) ?? new Map<string, { position: Position; leaderEpoch: number }>()
    byLeader.set(partition.leaderId, pending)
    pending.set(key, { position, leaderEpoch: partition.leaderEpoch })
  }
  const timeoutMs = options.timeoutMs ?? 10_000
  const rounds = options.rounds ?? [16 * 1024, 1024 * 1024, 1024 * 1024, 1024 * 1024]
  await Promise.all([...byLeader].map(async ([leader, pending]) => {
    const broker = brokers.get(leader) as { host: string; port: number }
    for (const partitionMaxBytes of rounds) {
      if (pending.size === 0) return
      const topics = new Map<string, RequestTopic>()
      for (const { position, leaderEpoch } of pending.values()) {
        const topic = topics.get(position.topic) ?? { name: position.topic, partitions: [] }
        topics.set(position.topic, topic)
        topic.partitions.push({ partition: position.partition, leaderEpoch, offset: BigInt(position.offset) })
      }
      let response: RawResponse
      try {
        response = await withKafkaTimeout(ask(cluster, broker, [...topics.values()], partitionMaxBytes), timeoutMs, `Broker ${leader} did not answer Fetch within ${timeoutMs} ms.`)
      } catch (error: unknown) {
        const mapped = mapKafkaError(error, `Reading record timestamps from broker ${leader}`, cluster.id)
        failures.push({ broker: leader, code: mapped.code, message: mapped.message })
        return
      }
      for (const topic of response.topics) {
        for (const p of topic.partitions) {
          const key = partitionKey(topic.name, p.partition)
          const entry = pending.get(key)
          if (!entry) continue
          const offset = BigInt(entry.position.offset)
          // Empty although records exist from the offset on: the batch was too big for this round.
          if (p.errorCode === 0 && !p.records && p.highWatermark > offset) continue
          pending.delete(key)
          if (p.errorCode !== 0 || !p.records) continue
          result.set(key, timestampAt(p.records, offset))
        }
      }
    }
  }))
  return { timestamps: result, failures }
}
