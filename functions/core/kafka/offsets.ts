// ListOffsets for many partitions at once (the client groups the request by leader).
import type { KafkaCluster } from './cluster.ts'

export interface TopicPartitions {
  topic: string
  partitions: number[]
}

/** earliest/latest, the first offset at or after a time, or the record with the newest timestamp. */
export type OffsetSpec = 'earliest' | 'latest' | 'maxTimestamp' | { timestamp: number }

export interface ListedOffset {
  /** Decimal string; "-1" when no record is at or after the requested timestamp. */
  offset: string
  /** Epoch ms of that record where Kafka reports one, else -1. */
  timestamp: number
}

export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`

const specTimestamp = (spec: OffsetSpec): bigint =>
  spec === 'latest' ? -1n : spec === 'earliest' ? -2n : spec === 'maxTimestamp' ? -3n : BigInt(Math.trunc(spec.timestamp))

/**
 * The client's ListOffsets throws from inside a callback (an uncaught error, not a rejection) when
 * a requested topic is missing from its metadata, which happens when a topic is deleted meanwhile.
 * So the request is checked against the same metadata first and such topics are left out.
 */
export async function presentTopics<T extends { topic: string }>(cluster: KafkaCluster, scope: T[]): Promise<T[]> {
  if (scope.length === 0) return scope
  const metadata = await cluster.call('Reading topic metadata', (admin) => admin.metadata({ topics: [...new Set(scope.map((t) => t.topic))] }))
  return scope.filter((t) => metadata.topics.has(t.topic))
}

export async function listPartitionOffsets(cluster: KafkaCluster, scope: TopicPartitions[], spec: OffsetSpec): Promise<Map<string, ListedOffset>> {
  const result = new Map<string, ListedOffset>()
  const topics = await presentTopics(cluster, scope.filter((t) => t.partitions.length > 0)).catch(() => [])
  if (topics.length === 0) return result
  const timestamp = specTimestamp(spec)
  const listed = await cluster.call('Listing offsets', (admin) => admin.listOffsets({
    topics: topics.map((t) => ({ name: t.topic, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) })),
  }))
  for (const topic of listed) {
    for (const p of topic.partitions) {
      result.set(partitionKey(topic.name, p.partitionIndex), { offset: p.offset.toString(), timestamp: Number(p.timestamp) })
    }
  }
  return result
}
