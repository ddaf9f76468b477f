// ListOffsets for many partitions: one request per leader and spec, sent to the leaders named by a
// metadata snapshot. Built on ListOffsets v7 rather than the client's Admin.listOffsets(), which
// throws from inside a callback (an uncaught error) when a topic is deleted between its metadata
// and the request; here such partitions are simply absent from the answer.
import { AppError } from '../../errors.ts'
import { PartitionTable } from '../partition-table.ts'
import type { ClusterSnapshot } from '../snapshot.ts'
import type { BrokerFailure, ListedOffset, OffsetSpec, TopicPartitions } from '../types.ts'
import { wireOf, withKafkaTimeout, type KafkaCluster } from './connection.ts'
import { earliestTimestamp, latestTimestamp, listOffsetsV7, maxTimestamp, type ListOffsetsResponse, type ListOffsetsTopic } from './list-offsets-v7.ts'

const specTimestamp = (spec: OffsetSpec): bigint =>
  spec === 'latest' ? latestTimestamp : spec === 'earliest' ? earliestTimestamp : spec === 'maxTimestamp' ? maxTimestamp : BigInt(Math.trunc(spec.timestamp))

export interface AllOffsets<K extends string> {
  offsets: Record<K, PartitionTable<ListedOffset>>
  /** Leaders that failed or timed out: their partitions are missing from every table. */
  failures: BrokerFailure[]
}

const emptyTables = <K extends string>(names: K[]) =>
  Object.fromEntries(names.map((n) => [n, new PartitionTable<ListedOffset>()])) as Record<K, PartitionTable<ListedOffset>>

/**
 * Several specs at once for every partition in the snapshot. A partition error costs only that
 * partition, and a dead leader only its own partitions: the disk sampler must survive both.
 */
export async function listAllOffsets<K extends string>(cluster: KafkaCluster, snapshot: ClusterSnapshot, specs: Record<K, OffsetSpec>, timeoutMs = 10_000): Promise<AllOffsets<K>> {
  const wire = wireOf(cluster)
  const byLeader = new Map<number, Map<string, number[]>>()
  for (const topic of snapshot.topics) {
    for (const p of topic.partitions) {
      if (p.leader < 0) continue
      const topics = byLeader.get(p.leader) ?? new Map<string, number[]>()
      byLeader.set(p.leader, topics)
      const list = topics.get(topic.name) ?? []
      if (list.length === 0) topics.set(topic.name, list)
      list.push(p.partition)
    }
  }
  const brokers = new Map(snapshot.brokers.map((b) => [b.id, b]))
  const names = Object.keys(specs) as K[]
  const offsets = emptyTables(names)
  const failures: BrokerFailure[] = []
  await Promise.all([...byLeader].map(async ([leader, topics]) => {
    const broker = brokers.get(leader)
    if (!broker) {
      failures.push({ broker: leader, code: 'KAFKA_UNAVAILABLE', message: `Leader ${leader} is not among the cluster's live brokers.` })
      return
    }
    const request: ListOffsetsTopic[] = [...topics].map(([name, partitions]) => ({ name, partitions }))
    try {
      await Promise.all(names.map(async (name) => {
        const timestamp = specTimestamp(specs[name])
        const response = await withKafkaTimeout(
          wire.send<ListOffsetsResponse>(broker, (connection, callback) => listOffsetsV7(connection, timestamp, request, callback), 'kafka-plus:list-offsets'),
          timeoutMs, `Broker did not answer ListOffsets within ${timeoutMs} ms.`)
        for (const t of response.topics) {
          for (const p of t.partitions) {
            if (p.errorCode === 0) offsets[name].set(t.name, p.partition, { offset: p.offset.toString(), timestamp: Number(p.timestamp) })
          }
        }
      }))
    } catch (error: unknown) {
      const mapped = wire.mapError(error, `ListOffsets on broker ${leader}`)
      failures.push({ broker: leader, code: mapped.code, message: mapped.message })
    }
  }))
  return { offsets, failures }
}

/**
 * Offsets for the partitions in `scope`, several specs in one round per leader, on `snapshot`
 * when given (else a fresh one of those topics only). A partition of a deleted topic is absent; a leader that fails
 * fails the call.
 */
export async function listOffsets<K extends string>(cluster: KafkaCluster, scope: TopicPartitions[], specs: Record<K, OffsetSpec>, snapshot?: ClusterSnapshot): Promise<Record<K, PartitionTable<ListedOffset>>> {
  const wanted = new Map<string, Set<number>>()
  for (const s of scope) if (s.partitions.length > 0) wanted.set(s.topic, new Set([...(wanted.get(s.topic) ?? []), ...s.partitions]))
  if (wanted.size === 0) return emptyTables(Object.keys(specs) as K[])
  const metadata = snapshot ?? await cluster.metadata([...wanted.keys()])
  const filtered: ClusterSnapshot = {
    ...metadata,
    topics: metadata.topics
      .filter((t) => wanted.has(t.name))
      .map((t) => ({ ...t, partitions: t.partitions.filter((p) => wanted.get(t.name)?.has(p.partition)) })),
  }
  const { offsets, failures } = await listAllOffsets(cluster, filtered, specs)
  const failure = failures[0]
  if (failure) throw new AppError(failure.code, failure.message, { status: failure.code === 'KAFKA_UNAVAILABLE' ? 503 : 502, retryable: true })
  return offsets
}
