// The latest sample as views: topics by bytes (all replicas or leaders only, split per broker),
// and broker log dirs (used / usable / total) with the skew between brokers.
import { AppError } from '../errors.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { bool, jsonField, latestSample, num, sampleRecords, str, type Row, type SampleSummary } from './store.ts'
import type { BrokerSkew, BrokerView, LogDirView, RankedTopic, RankingSort, SampleHeader, SizesAvailability, TopicRanking } from '../../contract/storage.ts'
export type { BrokerSkew, BrokerView, LogDirView, RankedTopic, SampleHeader, SizesAvailability, TopicRanking }

export function sampleHeader(sample: SampleSummary | null): SampleHeader {
  if (!sample) return { sampledAt: null, sampleId: null, partial: false, durationMs: null, sizes: { available: false, code: 'NO_SAMPLE', message: 'No storage sample has been taken yet.' }, unknownBrokers: [], notes: [] }
  return {
    sampledAt: sample.sampledAt, sampleId: sample.id, partial: sample.partial, durationMs: sample.durationMs,
    sizes: sample.logDirsRefused ? { available: false, code: sample.refusedCode, message: sample.refusedMessage } : { available: true },
    unknownBrokers: sample.logDirsRefused ? [] : sample.failedBrokers,
    notes: sample.notes,
  }
}

export function rankedTopic(row: Row, sizesAvailable: boolean): RankedTopic {
  const brokers = jsonField<Record<string, number>>(row.brokerBytes, {})
  const perBroker = Object.values(brokers)
  const mean = perBroker.length ? perBroker.reduce((a, b) => a + b, 0) / perBroker.length : 0
  const oldest = num(row.oldestTimestamp)
  return {
    topic: str(row.topic), internal: bool(row.internal),
    bytes: sizesAvailable ? num(row.bytes) : null, leaderBytes: sizesAvailable ? num(row.leaderBytes) : null,
    partitions: num(row.partitions) ?? 0, replicationFactor: num(row.replicationFactor) ?? 0,
    brokers: sizesAvailable ? brokers : {}, complete: sizesAvailable && bool(row.complete), unknownReplicas: num(row.unknownReplicas) ?? 0,
    messages: num(row.messages), brokerSkew: sizesAvailable && mean > 0 ? Math.max(...perBroker) / mean : null,
    replicaSkew: sizesAvailable ? num(row.replicaSkew) : null,
    oldestTimestamp: oldest === null ? null : new Date(oldest).toISOString(),
    retentionMs: num(row.retentionMs), retentionBytes: num(row.retentionBytes), segmentBytes: num(row.segmentBytes), segmentMs: num(row.segmentMs),
    cleanupPolicy: str(row.cleanupPolicy) || null,
  }
}

export interface RankingQuery {
  sort: RankingSort
  internal: boolean
  q?: string
  limit: number
  /** Only topics this says yes to exist for the caller (scoped roles), totals included; unset: all. */
  visible?: ((topic: string) => boolean) | undefined
  /** The topics the cluster has now: sampled topics missing from it are marked deleted. */
  currentTopics?: (() => Promise<Set<string>>) | undefined
}

/** Marks what was deleted since the sample; a cluster that does not answer leaves the marks unset, and says so. */
async function deletedSince(items: RankedTopic[], currentTopics: () => Promise<Set<string>>): Promise<NonNullable<TopicRanking['deletedCheck']>> {
  try {
    const current = await currentTopics()
    for (const t of items) t.deleted = !current.has(t.topic)
    return { ok: true }
  } catch (error: unknown) {
    return { ok: false, message: `Topics deleted since the sample are not marked: the cluster did not answer (${error instanceof AppError ? error.code : 'KAFKA_ERROR'}).` }
  }
}

export async function topicRanking(logs: VictoriaLogsClient, cluster: string, query: RankingQuery): Promise<TopicRanking> {
  const sample = await latestSample(logs, cluster)
  const header = sampleHeader(sample)
  if (!sample) return { ...header, totals: { bytes: 0, leaderBytes: 0, topics: 0 }, total: 0, items: [] as RankedTopic[] }
  const all = (await sampleRecords(logs, cluster, sample, 'topic')).map((row) => rankedTopic(row, header.sizes.available))
    .filter((t) => !query.visible || query.visible(t.topic))
  const needle = query.q?.toLowerCase()
  const filtered = all.filter((t) => (query.internal || !t.internal) && (!needle || t.topic.toLowerCase().includes(needle)))
  const key = query.sort
  filtered.sort((a, b) => (b[key] ?? -1) - (a[key] ?? -1) || a.topic.localeCompare(b.topic))
  const totals = {
    bytes: all.reduce((s, t) => s + (t.bytes ?? 0), 0),
    leaderBytes: all.reduce((s, t) => s + (t.leaderBytes ?? 0), 0),
    topics: all.length,
  }
  const items = filtered.slice(0, query.limit)
  const deletedCheck = query.currentTopics ? await deletedSince(items, query.currentTopics) : undefined
  return { ...header, totals, total: filtered.length, items, ...(deletedCheck ? { deletedCheck } : {}) }
}

export function brokerViews(brokerRows: Row[], logDirRows: Row[]): BrokerView[] {
  return brokerRows.map((row): BrokerView => {
    const broker = num(row.broker) ?? -1
    const ok = bool(row.ok)
    const dirs = logDirRows.filter((d) => num(d.broker) === broker).map((d): LogDirView => {
      const total = num(d.totalBytes)
      const usable = num(d.usableBytes)
      return {
        path: str(d.logDir), bytes: num(d.bytes), totalBytes: total, usableBytes: usable,
        volumeUsedBytes: total !== null && usable !== null ? total - usable : null, partitions: num(d.partitions), error: str(d.error) || null,
      }
    }).sort((a, b) => a.path.localeCompare(b.path))
    return {
      broker, host: str(row.host), port: num(row.port), state: ok ? 'ok' : 'unknown',
      ...(ok ? {} : { code: str(row.code), message: str(row.message) || str(row._msg) }),
      bytes: ok ? dirs.reduce((s, d) => s + (d.bytes ?? 0), 0) : null, logDirs: dirs,
    }
  }).sort((a, b) => a.broker - b.broker)
}

/** Spread of Kafka bytes over the brokers that answered: max / mean, and max − min. */
export function brokerSkew(brokers: BrokerView[]): BrokerSkew | null {
  const known = brokers.filter((b) => b.state === 'ok' && b.bytes !== null).map((b) => b.bytes as number)
  if (known.length === 0) return null
  const mean = known.reduce((a, b) => a + b, 0) / known.length
  const max = Math.max(...known)
  const min = Math.min(...known)
  return { brokers: known.length, meanBytes: mean, maxBytes: max, minBytes: min, ratio: mean > 0 ? max / mean : 1, unknownBrokers: brokers.length - known.length }
}
