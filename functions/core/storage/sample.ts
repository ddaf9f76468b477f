// A storage sample: per broker, log dir and partition replica the bytes on disk (DescribeLogDirs),
// per partition the offsets and the age of the oldest retained record, per topic its retention
// settings and totals, per group and topic the lag. Kept in VictoriaLogs, one stream per cluster
// and record kind, so history survives restarts and Lambda keeps no state.
import { randomUUID } from 'node:crypto'
import type { KafkaCluster } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { collectSample, type CollectedSample, type CollectOptions, type TopicSample } from './collect.ts'

export const storageStream = 'storage'
/**
 * Stream fields: each record kind is its own stream, and per-topic records one per topic, so a
 * history query reads only the rows it needs (a 30-day curve of one topic among thousands).
 */
export const storageStreamFields = ['kind', 'cluster', 'record', 'topic']

export interface StorageSample extends CollectedSample {
  id: string
  cluster: string
  sampledAt: string
  durationMs: number
  /** True when a broker or a source did not answer: what it would have said is unknown, not zero. */
  partial: boolean
}

export async function takeSample(cluster: KafkaCluster, options: CollectOptions & { now?: () => number } = {}): Promise<StorageSample> {
  const now = options.now ?? Date.now
  const started = now()
  const collected = await collectSample(cluster, options)
  // A cluster that refuses DescribeLogDirs everywhere is not partial: sizes are simply not offered.
  const partial = collected.notes.some((n) => !(n.source === 'logDirs' && collected.logDirsRefused))
  return { id: randomUUID(), cluster: cluster.id, sampledAt: new Date(started).toISOString(), durationMs: now() - started, partial, ...collected }
}

export interface TopicTotals {
  bytes: number
  leaderBytes: number
  brokerBytes: Record<string, number>
  unknownReplicas: number
  replicationFactor: number
  messages: number | null
  latestOffsets: number | null
  oldestTimestamp: number | null
  oldestPartition: number | null
  newestTimestamp: number | null
  /** Worst (max − min) / max over partitions whose replicas are all known, for RF > 1. */
  replicaSkew: number | null
}

export function topicTotals(topic: TopicSample): TopicTotals {
  const totals: TopicTotals = {
    bytes: 0, leaderBytes: 0, brokerBytes: {}, unknownReplicas: 0, replicationFactor: 0, messages: 0, latestOffsets: 0,
    oldestTimestamp: null, oldestPartition: null, newestTimestamp: null, replicaSkew: null,
  }
  for (const p of topic.partitions) {
    totals.replicationFactor = Math.max(totals.replicationFactor, p.replicas.length)
    const known: number[] = []
    for (const size of p.sizes) {
      if (size.bytes === null) {
        totals.unknownReplicas++
        continue
      }
      totals.bytes += size.bytes
      totals.brokerBytes[size.broker] = (totals.brokerBytes[size.broker] ?? 0) + size.bytes
      if (size.future) continue
      known.push(size.bytes)
      if (size.broker === p.leader) totals.leaderBytes += size.bytes
    }
    if (p.replicas.length > 1 && known.length === p.replicas.length) {
      const max = Math.max(...known)
      const skew = max > 0 ? (max - Math.min(...known)) / max : 0
      totals.replicaSkew = Math.max(totals.replicaSkew ?? 0, skew)
    }
    if (p.earliestOffset === null || p.latestOffset === null) totals.messages = totals.latestOffsets = null
    else if (totals.messages !== null && totals.latestOffsets !== null) {
      totals.messages += Number(BigInt(p.latestOffset) - BigInt(p.earliestOffset))
      totals.latestOffsets += Number(p.latestOffset)
    }
    if (p.oldestTimestamp !== null && (totals.oldestTimestamp === null || p.oldestTimestamp < totals.oldestTimestamp)) {
      totals.oldestTimestamp = p.oldestTimestamp
      totals.oldestPartition = p.partition
    }
    if (p.newestTimestamp !== null) totals.newestTimestamp = Math.max(totals.newestTimestamp ?? 0, p.newestTimestamp)
  }
  return totals
}

const orEmpty = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : value)

/** Documents of one sample: brokers, log dirs, replicas, topics, group lag, then the summary. */
export function* sampleDocuments(sample: StorageSample): Generator<Record<string, unknown>> {
  const base = { _time: sample.sampledAt, kind: storageStream, cluster: sample.cluster, sampleId: sample.id }
  for (const broker of sample.brokers) {
    if (!broker.ok) {
      yield { ...base, record: 'broker', _msg: `broker ${broker.broker} failed: ${broker.message}`, broker: broker.broker, host: broker.host, port: broker.port, ok: false, code: broker.code, message: broker.message }
      continue
    }
    yield { ...base, record: 'broker', _msg: `broker ${broker.broker} ok`, broker: broker.broker, host: broker.host, port: broker.port, ok: true }
    for (const dir of broker.logDirs) {
      yield {
        ...base, record: 'logdir', _msg: `log dir ${dir.path}`, broker: broker.broker, logDir: dir.path,
        totalBytes: orEmpty(dir.totalBytes), usableBytes: orEmpty(dir.usableBytes), error: dir.error ?? '',
        bytes: dir.partitions.reduce((sum, p) => sum + p.bytes, 0), partitions: dir.partitions.length,
      }
    }
  }
  let partitions = 0
  let unknownReplicas = 0
  for (const topic of sample.topics) {
    for (const p of topic.partitions) {
      partitions++
      for (const size of p.sizes) {
        yield {
          ...base, record: 'partition', _msg: `${topic.topic}-${p.partition}`, broker: size.broker, logDir: size.logDir ?? '',
          topic: topic.topic, partition: p.partition, bytes: orEmpty(size.bytes), known: size.bytes !== null, leader: size.broker === p.leader,
          offsetLag: size.offsetLag, future: size.future, earliestOffset: orEmpty(p.earliestOffset), latestOffset: orEmpty(p.latestOffset),
          oldestTimestamp: orEmpty(p.oldestTimestamp), newestTimestamp: orEmpty(p.newestTimestamp),
        }
      }
    }
    const t = topicTotals(topic)
    unknownReplicas += t.unknownReplicas
    const c = topic.configs
    yield {
      ...base, record: 'topic', _msg: topic.topic, topic: topic.topic, internal: topic.internal, partitions: topic.partitions.length,
      replicationFactor: t.replicationFactor, bytes: t.bytes, leaderBytes: t.leaderBytes, brokerBytes: JSON.stringify(t.brokerBytes),
      unknownReplicas: t.unknownReplicas, complete: t.unknownReplicas === 0, messages: orEmpty(t.messages), latestOffsets: orEmpty(t.latestOffsets),
      oldestTimestamp: orEmpty(t.oldestTimestamp), oldestPartition: orEmpty(t.oldestPartition), newestTimestamp: orEmpty(t.newestTimestamp),
      replicaSkew: orEmpty(t.replicaSkew), retentionMs: orEmpty(c?.retentionMs), retentionBytes: orEmpty(c?.retentionBytes),
      segmentBytes: orEmpty(c?.segmentBytes), segmentMs: orEmpty(c?.segmentMs), cleanupPolicy: orEmpty(c?.cleanupPolicy),
    }
  }
  for (const g of sample.groups ?? []) {
    yield {
      ...base, record: 'grouplag', _msg: `${g.groupId} on ${g.topic}`, group: g.groupId, topic: g.topic, state: g.state, partitions: g.partitions,
      lag: g.lag, maxLagMs: orEmpty(g.maxLagMs), oldestUnreadAgeMs: orEmpty(g.oldestUnreadAgeMs), unknownLagPartitions: g.unknownLagPartitions, deletedUnread: g.deletedUnread,
    }
  }
  const failed = sample.brokers.filter((b) => !b.ok)
  yield {
    ...base, record: 'sample', _msg: `sample ${sample.partial ? 'partial' : 'complete'}`, partial: sample.partial,
    brokers: sample.brokers.length, brokersFailed: failed.length, failedBrokers: failed.map((b) => b.broker).join(','),
    topics: sample.topics.length, partitions, unknownReplicas, durationMs: sample.durationMs,
    logDirsRefused: sample.logDirsRefused !== null, refusedCode: sample.logDirsRefused?.code ?? '', refusedMessage: sample.logDirsRefused?.message ?? '',
    groupsKnown: sample.groups !== null, notes: JSON.stringify(sample.notes),
  }
}

export async function storeSample(logs: VictoriaLogsClient, sample: StorageSample): Promise<void> {
  await logs.insert(sampleDocuments(sample), { streamFields: storageStreamFields })
}
