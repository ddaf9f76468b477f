// ListOffsets for many partitions at once (the client groups the request by leader).
import { AppError } from '../errors.ts'
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { listOffsetsBulk } from './offsets-bulk.ts'

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

/**
 * Offsets for the partitions in `scope`, asked of each partition's leader (one request per leader).
 * Built on listOffsetsBulk rather than the client's Admin.listOffsets(), which throws from inside a
 * callback (an uncaught error) when a topic is deleted between its metadata and the request; here
 * such partitions are simply absent from the answer. A leader that fails fails the call.
 */
export async function listPartitionOffsets(cluster: KafkaCluster, scope: TopicPartitions[], spec: OffsetSpec, snapshot?: MetadataResponse): Promise<Map<string, ListedOffset>> {
  return (await listPartitionOffsetsMany(cluster, scope, { spec }, snapshot)).spec
}

export async function listPartitionOffsetsMany<K extends string>(cluster: KafkaCluster, scope: TopicPartitions[], specs: Record<K, OffsetSpec>, snapshot?: MetadataResponse): Promise<Record<K, Map<string, ListedOffset>>> {
  const wanted = new Map<string, Set<number>>()
  for (const s of scope) if (s.partitions.length > 0) wanted.set(s.topic, new Set([...(wanted.get(s.topic) ?? []), ...s.partitions]))
  const empty = () => Object.fromEntries(Object.keys(specs).map((k) => [k, new Map<string, ListedOffset>()])) as Record<K, Map<string, ListedOffset>>
  if (wanted.size === 0) return empty()
  const metadata = snapshot ?? await cluster.fullMetadata()
  const filtered: MetadataResponse = {
    ...metadata,
    topics: metadata.topics
      .filter((t) => t.name !== null && t.errorCode === 0 && wanted.has(t.name))
      .map((t) => ({ ...t, partitions: t.partitions.filter((p) => wanted.get(t.name as string)?.has(p.partitionIndex)) })),
  }
  const { offsets, failures } = await listOffsetsBulk(cluster, filtered, specs)
  const failure = failures[0]
  if (failure) throw new AppError(failure.code, failure.message, { status: failure.code === 'KAFKA_UNAVAILABLE' ? 503 : 502, retryable: true })
  return offsets
}
