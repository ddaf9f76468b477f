// Gathers one storage sample from a cluster. Every source is asked in parallel and fails on its
// own: a dead broker leaves its replicas unknown (never zero), a refused DescribeLogDirs leaves
// sizes unknown while offsets, record ages, retention settings and group lag are still taken.
//
// Cost per sample, whatever the partition count: one Metadata, one DescribeLogDirs per broker,
// four ListOffsets per leader (earliest, latest, newest record, oldest record), DescribeConfigs in
// chunks of 500 topics, and for group lag one OffsetFetch batch plus one header-only Fetch per
// leader. The oldest record's time is ListOffsets at timestamp 0: the broker answers with the
// first record (from the log start) whose timestamp is ≥ 0, so no record bytes travel.
import { AppError } from '../errors.ts'
import { groupLagByTopic, type GroupTopicLag } from '../groups/lag.ts'
import {
  describeLogDirs, describeTopicConfigs, listAllOffsets, PartitionTable, withKafkaTimeout,
  type BrokerLogDirs, type ClusterSnapshot, type KafkaCluster, type ListedOffset,
} from '../kafka/index.ts'
import type { RetentionSettings } from './forecast.ts'
import type { SampleNote } from '../../contract/storage.ts'
export type { SampleNote }

export interface ReplicaSize {
  broker: number
  logDir: string | null
  /** Null: the broker did not answer, the size is unknown. */
  bytes: number | null
  offsetLag: number
  future: boolean
}

export interface PartitionSample {
  partition: number
  leader: number
  replicas: number[]
  earliestOffset: string | null
  latestOffset: string | null
  /** Epoch ms of the oldest retained record (first record from the log start), null if empty/unknown. */
  oldestTimestamp: number | null
  newestTimestamp: number | null
  sizes: ReplicaSize[]
}

export interface TopicSample {
  topic: string
  internal: boolean
  partitions: PartitionSample[]
  configs: RetentionSettings | null
}

export interface CollectedSample {
  brokers: BrokerLogDirs[]
  /** Set when the cluster refuses DescribeLogDirs everywhere (e.g. MSK Serverless). */
  logDirsRefused: { code: string; message: string } | null
  topics: TopicSample[]
  groups: GroupTopicLag[] | null
  notes: SampleNote[]
}

export interface CollectOptions {
  /** Per broker (and per request) timeout. */
  timeoutMs?: number
}

const retentionKeys = ['retention.ms', 'retention.bytes', 'segment.bytes', 'segment.ms', 'cleanup.policy']
const refusalCodes = new Set(['KAFKA_NOT_AUTHORIZED', 'KAFKA_UNSUPPORTED'])

const describe = (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : { code: 'KAFKA_ERROR', message: error instanceof Error ? error.message : String(error) })

/** Earliest, latest, newest and oldest record per partition; a failed leader loses only its partitions. */
async function collectOffsets(cluster: KafkaCluster, metadata: ClusterSnapshot, timeoutMs: number, notes: SampleNote[]) {
  const { offsets, failures } = await listAllOffsets(cluster, metadata, { earliest: 'earliest', latest: 'latest', newest: 'maxTimestamp', oldest: { timestamp: 0 } }, timeoutMs)
  for (const f of failures) notes.push({ source: 'offsets', ...f })
  return offsets
}

async function collectConfigs(cluster: KafkaCluster, topics: string[], timeoutMs: number, notes: SampleNote[]): Promise<Map<string, RetentionSettings>> {
  const configs = new Map<string, RetentionSettings>()
  const num = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? null : Number(value))
  const describeChunk = async (chunk: string[]): Promise<void> => {
    try {
      const described = await withKafkaTimeout(describeTopicConfigs(cluster, chunk, retentionKeys), timeoutMs, `DescribeConfigs did not answer within ${timeoutMs} ms.`)
      for (const [topic, entries] of described) {
        const value = (key: string) => entries.find((e) => e.name === key)?.value
        configs.set(topic, {
          retentionMs: num(value('retention.ms')), retentionBytes: num(value('retention.bytes')),
          segmentBytes: num(value('segment.bytes')), segmentMs: num(value('segment.ms')), cleanupPolicy: value('cleanup.policy') ?? null,
        })
      }
    } catch (error: unknown) {
      // One topic deleted since the metadata fails the whole request: halve until it is isolated.
      if (chunk.length > 1 && error instanceof AppError && error.code === 'TOPIC_NOT_FOUND') {
        const half = Math.ceil(chunk.length / 2)
        await describeChunk(chunk.slice(0, half))
        await describeChunk(chunk.slice(half))
        return
      }
      if (error instanceof AppError && error.code === 'TOPIC_NOT_FOUND') return // deleted meanwhile: no longer part of the sample
      notes.push({ source: 'configs', ...describe(error) })
    }
  }
  for (let i = 0; i < topics.length; i += 500) await describeChunk(topics.slice(i, i + 500))
  return configs
}

async function refusal(cluster: KafkaCluster, brokers: BrokerLogDirs[]): Promise<CollectedSample['logDirsRefused']> {
  const failures = brokers.filter((b) => !b.ok)
  if (brokers.length === 0 || failures.length < brokers.length) return null
  const refused = failures.find((b) => refusalCodes.has(b.code))
  if (refused) return { code: refused.code, message: refused.message }
  // Cannot tell (the cluster is down): then it is a failure, reported per broker, not a refusal.
  if (!(await cluster.supportsApi('DescribeLogDirs').catch(() => true))) {
    return { code: 'KAFKA_UNSUPPORTED', message: `Cluster '${cluster.id}' does not offer DescribeLogDirs (MSK Serverless, for one, does not), so disk sizes cannot be read.` }
  }
  return null
}

export async function collectSample(cluster: KafkaCluster, options: CollectOptions = {}): Promise<CollectedSample> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const notes: SampleNote[] = []
  const metadata = await cluster.metadata()
  const names = metadata.topics.map((t) => t.name)
  // Group lag needs the end offsets; it runs alongside DescribeLogDirs and DescribeConfigs. A dead
  // broker stalls ListGroups (asked of every broker), so it gets the same timeout as the rest.
  const offsetsTask = collectOffsets(cluster, metadata, timeoutMs, notes)
  const groupsTask = offsetsTask.then((offsets) => withKafkaTimeout(groupLagByTopic(cluster, metadata, offsets, timeoutMs), timeoutMs, `Reading consumer group lag took longer than ${timeoutMs} ms.`))
    .catch((error: unknown) => {
      notes.push({ source: 'groups', ...describe(error) })
      return null
    })
  const [brokers, offsets, configs, groups] = await Promise.all([describeLogDirs(cluster, timeoutMs), offsetsTask, collectConfigs(cluster, names, timeoutMs, notes), groupsTask])
  for (const b of brokers) if (!b.ok) notes.push({ source: 'logDirs', broker: b.broker, code: b.code, message: b.message })
  const logDirsRefused = await refusal(cluster, brokers)

  // What each answering broker reported, by partition.
  const reported = new PartitionTable<ReplicaSize[]>()
  for (const broker of brokers) {
    if (!broker.ok) continue
    for (const dir of broker.logDirs) {
      for (const p of dir.partitions) {
        const list = reported.get(p.topic, p.partition) ?? []
        if (list.length === 0) reported.set(p.topic, p.partition, list)
        list.push({ broker: broker.broker, logDir: dir.path, bytes: p.bytes, offsetLag: p.offsetLag, future: p.isFuture })
      }
    }
  }
  const ms = (value: ListedOffset | undefined) => (value && value.timestamp >= 0 ? value.timestamp : null)
  const topics = metadata.topics.map((t): TopicSample => ({
    topic: t.name,
    internal: t.internal,
    configs: configs.get(t.name) ?? null,
    partitions: t.partitions.map((p): PartitionSample => {
      const at = <T>(table: PartitionTable<T>) => table.get(t.name, p.partition)
      const sizes = [...(at(reported) ?? [])]
      // A replica the metadata names that no broker reported (dead, timed out, refused): unknown, not zero.
      for (const replica of p.replicas) {
        if (!sizes.some((s) => s.broker === replica)) sizes.push({ broker: replica, logDir: null, bytes: null, offsetLag: 0, future: false })
      }
      return {
        partition: p.partition, leader: p.leader, replicas: p.replicas,
        earliestOffset: at(offsets.earliest)?.offset ?? null, latestOffset: at(offsets.latest)?.offset ?? null,
        oldestTimestamp: ms(at(offsets.oldest)), newestTimestamp: ms(at(offsets.newest)),
        sizes: sizes.sort((a, b) => a.broker - b.broker),
      }
    }).sort((a, b) => a.partition - b.partition),
  }))
  return { brokers, logDirsRefused, topics, groups, notes }
}
