// Reading records by partition and offset with plain Fetch requests: no consumer group is
// joined or created, so looking at a topic leaves no trace on the cluster.
import { kGetApi, kGetConnection, kPerformWithRetry, type Callback, type Connection } from '@platformatic/kafka'
import { topicNotFound } from '../errors.ts'
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { mapKafkaError } from './errors.ts'

export interface FetchPosition {
  topic: string
  partition: number
  /** Decimal string (int64). */
  offset: string
}

export interface RawRecord {
  topic: string
  partition: number
  offset: string
  /** Epoch milliseconds. */
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}

export interface PartitionFetch {
  topic: string
  partition: number
  records: RawRecord[]
  highWatermark: string
  logStartOffset: string
  /** Where the next fetch of this partition should start. */
  nextOffset: string
  error: string | null
}

interface RawBatch {
  firstOffset: bigint; attributes: number; firstTimestamp: bigint; maxTimestamp: bigint
  records: { timestampDelta: bigint; offsetDelta: number; key: Buffer | null; value: Buffer | null; headers: [Buffer | null, Buffer | null][] }[]
}
interface RawFetchResponse {
  responses: { topicId: string; partitions: { partitionIndex: number; errorCode: number; highWatermark: bigint; logStartOffset: bigint; records?: RawBatch[] }[] }[]
}
type FetchTopic = { topicId: string; partitions: { partition: number; currentLeaderEpoch: number; fetchOffset: bigint; lastFetchedEpoch: number; partitionMaxBytes: number }[] }
type FetchApi = (connection: Connection, maxWaitMs: number, minBytes: number, maxBytes: number, isolationLevel: number,
  sessionId: number, sessionEpoch: number, topics: FetchTopic[], forgotten: [], rackId: string, callback: Callback<RawFetchResponse>) => void
interface AdminInternals {
  [kPerformWithRetry]<T>(id: string, operation: (callback: Callback<T>) => void, callback: Callback<T>, attempt?: number): void
  [kGetConnection](broker: { host: string; port: number }, callback: Callback<Connection>): void
  [kGetApi](name: string, callback: Callback<FetchApi>): void
}

const READ_COMMITTED = 1
const CONTROL_BATCH = 0x20
const LOG_APPEND_TIME = 0x08

export interface FetchOptions {
  maxWaitMs?: number
  partitionMaxBytes?: number
  /** Metadata to reuse (a tail refreshes it only when leaders change). */
  metadata?: MetadataResponse
}

function decode(topic: string, partition: number, from: bigint, batches: RawBatch[]): RawRecord[] {
  const records: RawRecord[] = []
  for (const batch of batches) {
    if (batch.attributes & CONTROL_BATCH) continue
    const appendTime = (batch.attributes & LOG_APPEND_TIME) !== 0
    for (const r of batch.records) {
      const offset = batch.firstOffset + BigInt(r.offsetDelta)
      // A batch may start before the requested offset: skip what was not asked for.
      if (offset < from) continue
      const timestamp = appendTime ? batch.maxTimestamp : batch.firstTimestamp + r.timestampDelta
      records.push({ topic, partition, offset: offset.toString(), timestamp: Number(timestamp), key: r.key, value: r.value, headers: r.headers })
    }
  }
  return records
}

function fetchFromBroker(cluster: KafkaCluster, broker: { host: string; port: number }, topics: FetchTopic[], maxWaitMs: number): Promise<RawFetchResponse> {
  const internals = cluster.admin() as unknown as AdminInternals
  return new Promise((resolve, reject) => {
    internals[kGetConnection](broker, (connectionError, connection) => {
      if (connectionError || !connection) return reject(connectionError ?? new Error('no connection'))
      internals[kPerformWithRetry]<RawFetchResponse>('kafka-plus:fetch', (retry) => {
        internals[kGetApi]('Fetch', (apiError, api) => {
          if (apiError || !api) return retry(apiError ?? new Error('Fetch unavailable'))
          api(connection, maxWaitMs, 1, 50 * 1024 * 1024, READ_COMMITTED, 0, -1, topics, [], '', retry)
        })
      }, (error, response) => (error ? reject(error) : resolve(response as RawFetchResponse)), 0)
    })
  })
}

/** One Fetch per leader broker, in parallel; each partition reports its own error, if any. */
export async function fetchRecords(cluster: KafkaCluster, positions: FetchPosition[], options: FetchOptions = {}): Promise<PartitionFetch[]> {
  const metadata = options.metadata ?? await cluster.fullMetadata()
  const topicsByName = new Map(metadata.topics.filter((t) => t.name).map((t) => [t.name as string, t]))
  const brokers = new Map(metadata.brokers.map((b) => [b.nodeId, b]))
  const byLeader = new Map<number, Map<string, FetchTopic>>()
  const names = new Map<string, string>()
  for (const position of positions) {
    const topic = topicsByName.get(position.topic)
    if (!topic) throw topicNotFound(position.topic)
    const partition = topic.partitions.find((p) => p.partitionIndex === position.partition)
    if (!partition) throw topicNotFound(`${position.topic}-${position.partition}`)
    names.set(topic.topicId, position.topic)
    const perTopic = byLeader.get(partition.leaderId) ?? new Map<string, FetchTopic>()
    byLeader.set(partition.leaderId, perTopic)
    const entry = perTopic.get(topic.topicId) ?? { topicId: topic.topicId, partitions: [] }
    perTopic.set(topic.topicId, entry)
    entry.partitions.push({
      partition: position.partition, currentLeaderEpoch: partition.leaderEpoch ?? -1, fetchOffset: BigInt(position.offset),
      lastFetchedEpoch: -1, partitionMaxBytes: options.partitionMaxBytes ?? 1024 * 1024,
    })
  }
  const results = await Promise.all([...byLeader].map(async ([leader, topics]) => {
    const broker = brokers.get(leader)
    const requested = [...topics.values()]
    if (!broker) {
      return requested.flatMap((t) => t.partitions.map((p): PartitionFetch => ({
        topic: names.get(t.topicId) ?? '', partition: p.partition, records: [], highWatermark: '-1', logStartOffset: '-1',
        nextOffset: p.fetchOffset.toString(), error: 'LEADER_NOT_AVAILABLE',
      })))
    }
    let response: RawFetchResponse
    try {
      response = await fetchFromBroker(cluster, broker, requested, options.maxWaitMs ?? 0)
    } catch (error: unknown) {
      throw mapKafkaError(error, 'Fetching records', cluster.id)
    }
    const from = new Map(requested.flatMap((t) => t.partitions.map((p) => [`${t.topicId}:${p.partition}`, p.fetchOffset] as const)))
    return response.responses.flatMap((t) => t.partitions.map((p): PartitionFetch => {
      const topic = names.get(t.topicId) ?? ''
      const start = from.get(`${t.topicId}:${p.partitionIndex}`) ?? 0n
      const records = p.errorCode === 0 ? decode(topic, p.partitionIndex, start, p.records ?? []) : []
      const last = records.at(-1)
      return {
        topic, partition: p.partitionIndex, records,
        highWatermark: p.highWatermark.toString(), logStartOffset: p.logStartOffset.toString(),
        nextOffset: last ? (BigInt(last.offset) + 1n).toString() : start.toString(),
        error: p.errorCode === 0 ? null : `KAFKA_ERROR_${p.errorCode}`,
      }
    }))
  }))
  return results.flat()
}
