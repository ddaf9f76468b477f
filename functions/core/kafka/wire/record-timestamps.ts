// The timestamp of the record at a given offset, for thousands of partitions with one Fetch per
// leader and round. A broker returns at most partitionMaxBytes per partition, and (Kafka 4 at
// least) nothing at all for a partition whose first batch is bigger, except for the first
// partition of the response. So round one asks 16 KiB per partition (typical producer batches
// fit, and a whole batch is decoded for the exact time of a record inside it); partitions that
// came back empty although they hold records are asked again with 1 MiB, for a few rounds. What
// fetchRecords() would do with one big limit for all would overflow the response at scale.
import { PartitionTable } from '../partition-table.ts'
import type { ClusterSnapshot } from '../snapshot.ts'
import type { BrokerFailure, FetchPosition, RecordTimestamp } from '../types.ts'
import { wireOf, withKafkaTimeout, type KafkaCluster } from './connection.ts'
import { fetchV12, type FetchV12Response, type FetchV12Topic } from './fetch-v12.ts'
import { timestampAt } from './record-batch.ts'

export interface RecordTimestampOptions {
  metadata?: ClusterSnapshot
  timeoutMs?: number
  /** Bytes per partition in each round (default 16 KiB, then 1 MiB × 3). */
  rounds?: number[]
}

export interface RecordTimestamps {
  timestamps: PartitionTable<RecordTimestamp>
  /** Leaders that failed or timed out: their partitions are unknown, the others still answer. */
  failures: BrokerFailure[]
}

// The response is bounded (64 MiB): partitions beyond it come back empty and wait for the next round.
const maxResponseBytes = 64 * 1024 * 1024

/** Timestamps of the records at the given positions (one per partition), one Fetch per leader and round, leaders in parallel. */
export async function recordTimestamps(cluster: KafkaCluster, positions: FetchPosition[], options: RecordTimestampOptions = {}): Promise<RecordTimestamps> {
  const result = new PartitionTable<RecordTimestamp>()
  const failures: BrokerFailure[] = []
  if (positions.length === 0) return { timestamps: result, failures }
  const wire = wireOf(cluster)
  const metadata = options.metadata ?? await cluster.metadata(positions.map((p) => p.topic))
  const partitions = new PartitionTable<{ leader: number; leaderEpoch: number }>()
  for (const t of metadata.topics) for (const p of t.partitions) partitions.set(t.name, p.partition, { leader: p.leader, leaderEpoch: p.leaderEpoch })
  const brokers = new Map(metadata.brokers.map((b) => [b.id, b]))
  const byLeader = new Map<number, PartitionTable<{ position: FetchPosition; leaderEpoch: number }>>()
  for (const position of positions) {
    const partition = partitions.get(position.topic, position.partition)
    if (!partition || !brokers.has(partition.leader)) continue
    const pending = byLeader.get(partition.leader) ?? new PartitionTable<{ position: FetchPosition; leaderEpoch: number }>()
    byLeader.set(partition.leader, pending)
    pending.set(position.topic, position.partition, { position, leaderEpoch: partition.leaderEpoch })
  }
  const timeoutMs = options.timeoutMs ?? 10_000
  const rounds = options.rounds ?? [16 * 1024, 1024 * 1024, 1024 * 1024, 1024 * 1024]
  await Promise.all([...byLeader].map(async ([leader, pending]) => {
    const broker = brokers.get(leader) as { host: string; port: number }
    for (const partitionMaxBytes of rounds) {
      if (pending.size === 0) return
      const topics = new Map<string, FetchV12Topic>()
      for (const { position, leaderEpoch } of pending.values()) {
        const topic = topics.get(position.topic) ?? { name: position.topic, partitions: [] }
        topics.set(position.topic, topic)
        topic.partitions.push({ partition: position.partition, leaderEpoch, offset: BigInt(position.offset) })
      }
      const request = [...topics.values()]
      let response: FetchV12Response
      try {
        response = await withKafkaTimeout(
          wire.send<FetchV12Response>(broker, (connection, callback) => fetchV12(connection, maxResponseBytes, partitionMaxBytes, request, callback), 'kafka-plus:fetch-headers'),
          timeoutMs, `Broker ${leader} did not answer Fetch within ${timeoutMs} ms.`)
      } catch (error: unknown) {
        const mapped = wire.mapError(error, `Reading record timestamps from broker ${leader}`)
        failures.push({ broker: leader, code: mapped.code, message: mapped.message })
        return
      }
      for (const topic of response.topics) {
        for (const p of topic.partitions) {
          const entry = pending.get(topic.name, p.partition)
          if (!entry) continue
          const offset = BigInt(entry.position.offset)
          // Empty although records exist from the offset on: the batch was too big for this round.
          if (p.errorCode === 0 && !p.records && p.highWatermark > offset) continue
          pending.delete(topic.name, p.partition)
          if (p.errorCode !== 0 || !p.records) continue
          result.set(topic.name, p.partition, timestampAt(p.records, offset))
        }
      }
    }
  }))
  return { timestamps: result, failures }
}
