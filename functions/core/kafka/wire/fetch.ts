// Reading records by partition and offset with plain Fetch requests: no consumer group is
// joined or created, so looking at a topic leaves no trace on the cluster. The client's own
// Fetch (the newest version both sides speak) encodes the request and decodes the record batches.
// Fetches travel on fetch lanes, never on the Admin's connections (fetch-lanes.ts): a long-poll
// loop holds a session (its own lane), everything else shares the cluster's short-reads lane.
import { topicNotFound } from '../../errors.ts'
import type { ClusterSnapshot } from '../snapshot.ts'
import type { FetchPosition, PartitionFetch, RawRecord } from '../types.ts'
import { wireOf, type BrokerConnection, type KafkaCluster } from './connection.ts'
import { errorName } from './errors.ts'
import type { FetchLane, FetchLanes } from './fetch-lanes.ts'

/** A record batch as the client decodes it. */
export interface DecodedBatch {
  firstOffset: bigint; lastOffsetDelta: number; attributes: number; firstTimestamp: bigint; maxTimestamp: bigint
  records: { timestampDelta: bigint; offsetDelta: number; key: Buffer | null; value: Buffer | null; headers: [Buffer | null, Buffer | null][] }[]
}
export interface FetchResponse {
  responses: { topicId: string; partitions: { partitionIndex: number; errorCode: number; highWatermark: bigint; logStartOffset: bigint; records?: DecodedBatch[] }[] }[]
}
type FetchTopic = { topicId: string; partitions: { partition: number; currentLeaderEpoch: number; fetchOffset: bigint; lastFetchedEpoch: number; partitionMaxBytes: number }[] }
type FetchApi = (connection: BrokerConnection, maxWaitMs: number, minBytes: number, maxBytes: number, isolationLevel: number,
  sessionId: number, sessionEpoch: number, topics: FetchTopic[], forgotten: [], rackId: string, callback: (error: Error | null, response?: FetchResponse) => void) => void

const readCommitted = 1
const controlBatch = 0x20
const logAppendTime = 0x08

export interface FetchOptions {
  maxWaitMs?: number
  partitionMaxBytes?: number
  /** Metadata to reuse (a tail refreshes it only when leaders change). */
  metadata?: ClusterSnapshot
  /** A long-poll loop's own connections; without one, the cluster's short-reads lane. */
  session?: FetchSession
}

/** Connections a fetch loop holds for its long-polls (a lane of its own while lanes last). */
export class FetchSession {
  readonly #lanes: FetchLanes
  #lane: FetchLane | undefined

  constructor(lanes: FetchLanes) {
    this.#lanes = lanes
    this.#lane = lanes.acquire()
  }

  /** @internal the wire layer's view */
  get lane(): FetchLane {
    if (!this.#lane) throw new Error('fetch session closed')
    return this.#lane
  }

  close(): void {
    if (this.#lane) this.#lanes.release(this.#lane)
    this.#lane = undefined
  }
}

export const openFetchSession = (cluster: KafkaCluster): FetchSession => new FetchSession(wireOf(cluster).lanes)

/** Where the next fetch starts: after the last batch seen, so control batches and compacted gaps are passed over. */
export function nextOffsetOf(from: bigint, batches: DecodedBatch[]): bigint {
  let next = from
  for (const batch of batches) {
    const end = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n
    if (end > next) next = end
  }
  return next
}

/** The records at or after `from`, without control batches, each with its own time. */
export function recordsOf(topic: string, partition: number, from: bigint, batches: DecodedBatch[]): RawRecord[] {
  const records: RawRecord[] = []
  for (const batch of batches) {
    if (batch.attributes & controlBatch) continue
    const appendTime = (batch.attributes & logAppendTime) !== 0
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

/** One Fetch per leader broker, in parallel; each partition reports its own error, if any. */
export async function fetchRecords(cluster: KafkaCluster, positions: FetchPosition[], options: FetchOptions = {}): Promise<PartitionFetch[]> {
  const wire = wireOf(cluster)
  const metadata = options.metadata ?? await cluster.metadata(positions.map((p) => p.topic))
  const topicsByName = new Map(metadata.topics.map((t) => [t.name, t]))
  const brokers = new Map(metadata.brokers.map((b) => [b.id, b]))
  const byLeader = new Map<number, Map<string, FetchTopic>>()
  const names = new Map<string, string>()
  for (const position of positions) {
    const topic = topicsByName.get(position.topic)
    if (!topic) throw topicNotFound(position.topic)
    const partition = topic.partitions.find((p) => p.partition === position.partition)
    if (!partition) throw topicNotFound(`${position.topic}-${position.partition}`)
    names.set(topic.id, position.topic)
    const perTopic = byLeader.get(partition.leader) ?? new Map<string, FetchTopic>()
    byLeader.set(partition.leader, perTopic)
    const entry = perTopic.get(topic.id) ?? { topicId: topic.id, partitions: [] }
    perTopic.set(topic.id, entry)
    entry.partitions.push({
      partition: position.partition, currentLeaderEpoch: partition.leaderEpoch ?? -1, fetchOffset: BigInt(position.offset),
      lastFetchedEpoch: -1, partitionMaxBytes: options.partitionMaxBytes ?? 1024 * 1024,
    })
  }
  const maxWaitMs = options.maxWaitMs ?? 0
  const results = await Promise.all([...byLeader].map(async ([leader, topics]) => {
    const broker = brokers.get(leader)
    const requested = [...topics.values()]
    if (!broker) {
      return requested.flatMap((t) => t.partitions.map((p): PartitionFetch => ({
        topic: names.get(t.topicId) ?? '', partition: p.partition, records: [], highWatermark: '-1', logStartOffset: '-1',
        nextOffset: p.fetchOffset.toString(), error: 'LEADER_NOT_AVAILABLE',
      })))
    }
    let response: FetchResponse
    try {
      const lane = options.session?.lane ?? wire.lanes.reads()
      response = await wire.sendOn<FetchResponse>(lane, broker, (connection, callback) => {
        wire.negotiatedApi<FetchApi>('Fetch', (apiError, api) => {
          if (apiError || !api) return callback(apiError)
          api(connection, maxWaitMs, 1, 50 * 1024 * 1024, readCommitted, 0, -1, requested, [], '', callback)
        })
      }, 'kafka-plus:fetch')
    } catch (error: unknown) {
      throw wire.mapError(error, 'Fetching records')
    }
    const from = new Map(requested.flatMap((t) => t.partitions.map((p) => [`${t.topicId}:${p.partition}`, p.fetchOffset] as const)))
    return response.responses.flatMap((t) => t.partitions.map((p): PartitionFetch => {
      const topic = names.get(t.topicId) ?? ''
      const start = from.get(`${t.topicId}:${p.partitionIndex}`) ?? 0n
      const batches = p.errorCode === 0 ? p.records ?? [] : []
      return {
        topic, partition: p.partitionIndex, records: recordsOf(topic, p.partitionIndex, start, batches),
        highWatermark: p.highWatermark.toString(), logStartOffset: p.logStartOffset.toString(),
        nextOffset: nextOffsetOf(start, batches).toString(),
        error: p.errorCode === 0 ? null : errorName(p.errorCode),
      }
    }))
  }))
  return results.flat()
}
