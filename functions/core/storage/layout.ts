// A topic's physical layout in the latest sample: per partition and broker the bytes, the
// estimated segment count, the oldest record's age, and the retention settings in force.
import { AppError } from '../errors.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { rankedTopic, sampleHeader } from './ranking.ts'
import { bool, latestSample, num, sampleRecords, str } from './store.ts'
import type { PartitionLayout, ReplicaLayout, TopicLayout } from '../../contract/storage.ts'
export type { PartitionLayout, ReplicaLayout, TopicLayout }

export const estimatedSegments = (bytes: number | null, segmentBytes: number | null) =>
  bytes === null ? null : Math.max(1, Math.ceil(bytes / (segmentBytes && segmentBytes > 0 ? segmentBytes : 1073741824)))

export async function topicLayout(logs: VictoriaLogsClient, cluster: string, topic: string): Promise<TopicLayout> {
  const sample = await latestSample(logs, cluster)
  const header = sampleHeader(sample)
  const [topicRows, partitionRows] = sample
    ? await Promise.all([sampleRecords(logs, cluster, sample, 'topic', topic), sampleRecords(logs, cluster, sample, 'partition', topic)])
    : [[], []]
  const row = topicRows[0]
  if (!sample || !row) {
    throw new AppError('STORAGE_NO_DATA', `Topic '${topic}' is not in the latest storage sample${sample ? ` (${sample.sampledAt})` : ''}; take a sample now.`, { status: 404 })
  }
  const t = rankedTopic(row, header.sizes.available)
  const sampledAt = new Date(sample.sampledAt).getTime()
  const byPartition = new Map<number, PartitionLayout>()
  for (const r of partitionRows) {
    const partition = num(r.partition) ?? -1
    const oldest = num(r.oldestTimestamp)
    const newest = num(r.newestTimestamp)
    const earliest = str(r.earliestOffset) || null
    const latest = str(r.latestOffset) || null
    const entry = byPartition.get(partition) ?? {
      partition, leader: null, earliestOffset: earliest, latestOffset: latest,
      messages: earliest !== null && latest !== null ? Number(BigInt(latest) - BigInt(earliest)) : null,
      oldestTimestamp: oldest === null ? null : new Date(oldest).toISOString(), oldestAgeMs: oldest === null ? null : Math.max(0, sampledAt - oldest),
      newestTimestamp: newest === null ? null : new Date(newest).toISOString(), replicas: [],
    }
    byPartition.set(partition, entry)
    const known = bool(r.known) && header.sizes.available
    const bytes = known ? num(r.bytes) : null
    const leader = bool(r.leader)
    if (leader) entry.leader = num(r.broker)
    entry.replicas.push({
      broker: num(r.broker) ?? -1, logDir: str(r.logDir) || null, bytes, leader,
      estimatedSegments: estimatedSegments(bytes, t.segmentBytes), offsetLag: known ? num(r.offsetLag) : null, future: bool(r.future),
    })
  }
  const partitions = [...byPartition.values()].sort((a, b) => a.partition - b.partition)
  for (const p of partitions) p.replicas.sort((a, b) => Number(b.leader) - Number(a.leader) || a.broker - b.broker)
  return {
    ...header, topic, bytes: t.bytes, leaderBytes: t.leaderBytes, replicationFactor: t.replicationFactor, complete: t.complete,
    retention: { retentionMs: t.retentionMs, retentionBytes: t.retentionBytes, segmentBytes: t.segmentBytes, segmentMs: t.segmentMs, cleanupPolicy: t.cleanupPolicy },
    partitions,
  }
}
