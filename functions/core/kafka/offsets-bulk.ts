// ListOffsets for every partition of the cluster, one request per leader and spec, sent to the
// leaders named by a metadata snapshot the caller already has. Unlike Admin.listOffsets() (and so
// listPartitionOffsets()), a topic deleted meanwhile or a partition error costs only that
// partition, and a dead leader only its own partitions: the disk sampler must survive both.
import { createAPI, kGetConnection, kPerformWithRetry, Writer, type Callback, type Connection, type Reader } from '@platformatic/kafka'
import { kafkaUnavailable } from '../errors.ts'
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { mapKafkaError } from './errors.ts'
import { partitionKey, type ListedOffset, type OffsetSpec } from './offsets.ts'

interface RequestTopic { name: string; partitions: number[] }
interface RawResponse { topics: { name: string; partitions: { partition: number; errorCode: number; timestamp: bigint; offset: bigint }[] }[] }

const readUncommitted = 0

function createRequest(timestamp: bigint, topics: RequestTopic[]) {
  return Writer.create()
    .appendInt32(-1)
    .appendInt8(readUncommitted)
    .appendArray(topics, (w, t) => {
      w.appendString(t.name).appendArray(t.partitions, (pw, partition) => {
        pw.appendInt32(partition).appendInt32(-1).appendInt64(timestamp)
      })
    })
    .appendTaggedFields()
}

function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): RawResponse {
  reader.readInt32()
  return {
    topics: reader.readArray((r) => ({
      name: r.readString(),
      partitions: r.readArray((p) => {
        const partition = p.readInt32()
        const errorCode = p.readInt16()
        return { partition, errorCode, timestamp: p.readInt64(), offset: p.readInt64(), leaderEpoch: p.readInt32() }
      }),
    })),
  }
}

// v7 is the first with MAX_TIMESTAMP (Kafka 3.0); v6-v9 share this layout.
const listOffsetsV7 = createAPI<[bigint, RequestTopic[]], RawResponse>(2, 7, createRequest, parseResponse)

interface AdminInternals {
  [kPerformWithRetry]<T>(id: string, operation: (callback: Callback<T>) => void, callback: Callback<T>, attempt?: number): void
  [kGetConnection](broker: { host: string; port: number }, callback: Callback<Connection>): void
}

const specTimestamp = (spec: OffsetSpec): bigint =>
  spec === 'latest' ? -1n : spec === 'earliest' ? -2n : spec === 'maxTimestamp' ? -3n : BigInt(Math.trunc(spec.timestamp))

function ask(cluster: KafkaCluster, broker: { host: string; port: number }, timestamp: bigint, topics: RequestTopic[], timeoutMs: number): Promise<RawResponse> {
  const internals = cluster.admin() as unknown as AdminInternals
  let timer: NodeJS.Timeout | undefined
  const answer = new Promise<RawResponse>((resolve, reject) => {
    internals[kGetConnection](broker, (connectionError, connection) => {
      if (connectionError || !connection) return reject(connectionError ?? new Error('no connection'))
      internals[kPerformWithRetry]<RawResponse>('kafka-plus:list-offsets', (retry) => listOffsetsV7(connection, timestamp, topics, retry),
        (error, response) => (error ? reject(error) : resolve(response as RawResponse)), 0)
    })
  })
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(kafkaUnavailable(`Broker did not answer ListOffsets within ${timeoutMs} ms.`)), timeoutMs) })
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer))
}

export interface BulkOffsets<K extends string> {
  offsets: Record<K, Map<string, ListedOffset>>
  /** Leaders that failed or timed out: their partitions are missing from every map. */
  failures: { broker: number; code: string; message: string }[]
}

/** Several specs at once for every partition in the snapshot; keyed by partitionKey(topic, partition). */
export async function listOffsetsBulk<K extends string>(cluster: KafkaCluster, metadata: MetadataResponse, specs: Record<K, OffsetSpec>, timeoutMs = 10_000): Promise<BulkOffsets<K>> {
  const byLeader = new Map<number, Map<string, number[]>>()
  for (const topic of metadata.topics) {
    if (!topic.name) continue
    for (const p of topic.partitions) {
      if (p.leaderId < 0) continue
      const topics = byLeader.get(p.leaderId) ?? new Map<string, number[]>()
      byLeader.set(p.leaderId, topics)
      const list = topics.get(topic.name) ?? []
      if (list.length === 0) topics.set(topic.name, list)
      list.push(p.partitionIndex)
    }
  }
  const brokers = new Map(metadata.brokers.map((b) => [b.nodeId, b]))
  const names = Object.keys(specs) as K[]
  const offsets = Object.fromEntries(names.map((n) => [n, new Map<string, ListedOffset>()])) as Record<K, Map<string, ListedOffset>>
  const failures: BulkOffsets<K>['failures'] = []
  await Promise.all([...byLeader].map(async ([leader, topics]) => {
    const broker = brokers.get(leader)
    if (!broker) {
      failures.push({ broker: leader, code: 'KAFKA_UNAVAILABLE', message: `Leader ${leader} is not among the cluster's live brokers.` })
      return
    }
    const request = [...topics].map(([name, partitions]) => ({ name, partitions }))
    try {
      await Promise.all(names.map(async (name) => {
        const response = await ask(cluster, broker, specTimestamp(specs[name]), request, timeoutMs)
        for (const t of response.topics) {
          for (const p of t.partitions) {
            if (p.errorCode === 0) offsets[name].set(partitionKey(t.name, p.partition), { offset: p.offset.toString(), timestamp: Number(p.timestamp) })
          }
        }
      }))
    } catch (error: unknown) {
      const mapped = mapKafkaError(error, `ListOffsets on broker ${leader}`, cluster.id)
      failures.push({ broker: leader, code: mapped.code, message: mapped.message })
    }
  }))
  return { offsets, failures }
}
