// Growth curves from stored samples: per topic (with its forecast under retention) and per
// broker log dir (with the days until it is full).
import { AppError } from '../errors.ts'
import { exactFilter, type VictoriaLogsClient } from '../victorialogs/index.ts'
import { daysUntilFull, daysUntilFullRange, defaultHistoryNeed, forecastSize, growth, historyCheck, ingestBytesPerDay, type Growth, type HistoryNeed, type Point, type RetentionSettings } from './forecast.ts'
import { brokerSkew, brokerViews, rankedTopic, sampleHeader } from './ranking.ts'
import { latestSample, sampleRecords, series, type SeriesRow } from './store.ts'
import type { BrokerHistory, BrokerStorage, GrowthView, LogDirGrowth, TopicHistory } from '../../contract/storage.ts'
export type { BrokerHistory, BrokerStorage, LogDirGrowth, TopicHistory }

export interface Window {
  start: Date
  end: Date
}

export const noStorageData = (what: string) => new AppError('STORAGE_NO_DATA', `No storage samples for ${what} in this window.`, { status: 404 })

const toPoints = (rows: SeriesRow[], field: string): Point[] =>
  rows.flatMap((r) => (r.values[field] === null || r.values[field] === undefined ? [] : [{ t: r.t, v: r.values[field] as number }]))

const growthView = (g: Growth): GrowthView => ({ bytesPerDay: g.perDay, low: g.low ?? null, high: g.high ?? null, points: g.points, spanMs: g.spanMs })

export async function topicHistory(logs: VictoriaLogsClient, cluster: string, topic: string, window: Window, need: HistoryNeed = defaultHistoryNeed): Promise<TopicHistory> {
  const sample = await latestSample(logs, cluster, window.end)
  const header = sampleHeader(sample)
  const [latestRows, data] = await Promise.all([
    sample ? sampleRecords(logs, cluster, sample, 'topic', topic) : Promise.resolve([]),
    // Only samples in which every replica of the topic answered: a lower bound would be a false dip.
    series(logs, cluster, 'topic', 'complete:=true', ['bytes', 'leaderBytes', 'latestOffsets', 'messages'], window.start, window.end, [], topic),
  ])
  const latest = latestRows[0] ? rankedTopic(latestRows[0], header.sizes.available) : null
  const bytes = toPoints(data.rows, 'bytes')
  const g = growth(bytes)
  const offsets = growth(toPoints(data.rows, 'latestOffsets'))
  const last = data.rows.at(-1)
  const leaderBytes = last?.values.leaderBytes ?? null
  const messages = last?.values.messages ?? null
  const messagesPerDay = offsets.perDay === null ? null : Math.max(0, offsets.perDay)
  const ingest = ingestBytesPerDay(messagesPerDay, leaderBytes, messages)
  const ingestAt = (perDay: number | null) => ingestBytesPerDay(perDay === null ? null : Math.max(0, perDay), leaderBytes, messages)
  const retention: RetentionSettings | null = latest
    ? { retentionMs: latest.retentionMs, retentionBytes: latest.retentionBytes, segmentBytes: latest.segmentBytes, segmentMs: latest.segmentMs, cleanupPolicy: latest.cleanupPolicy }
    : null
  const currentBytes = last?.values.bytes ?? null
  return {
    topic, start: window.start.toISOString(), end: window.end.toISOString(), step: data.step,
    points: data.rows.filter((r) => r.values.bytes !== null).map((r) => ({ time: new Date(r.t).toISOString(), bytes: r.values.bytes as number, leaderBytes: r.values.leaderBytes ?? null })),
    growthBytesPerDay: g.perDay, growth: growthView(g),
    ingest: { messagesPerDay, bytesPerMessage: leaderBytes !== null && messages ? leaderBytes / messages : null, bytesPerDay: ingest },
    current: latest ? { sampledAt: header.sampledAt, bytes: latest.bytes, partitions: latest.partitions, replicationFactor: latest.replicationFactor, complete: latest.complete } : null,
    retention,
    forecast: latest && retention
      ? forecastSize({
        ...retention, partitions: latest.partitions, replicationFactor: latest.replicationFactor, ingestBytesPerDay: ingest, currentBytes, growthBytesPerDay: g.perDay,
        history: historyCheck(g, need), ingestRange: { low: ingestAt(offsets.low ?? null), high: ingestAt(offsets.high ?? null) }, growthRange: { low: g.low ?? null, high: g.high ?? null },
      })
      : null,
  }
}

/** Kafka's bytes per log dir over the window, per broker (all brokers, or one). */
export async function logDirGrowth(logs: VictoriaLogsClient, cluster: string, window: Window, broker?: number, minSpanMs = 0): Promise<{ step: string | null; dirs: LogDirGrowth[] }> {
  const filter = broker === undefined ? '' : exactFilter('broker', String(broker))
  const data = await series(logs, cluster, 'logdir', filter, ['bytes', 'usableBytes', 'totalBytes'], window.start, window.end, ['broker', 'logDir'])
  const byDir = new Map<string, LogDirGrowth & { rows: SeriesRow[] }>()
  for (const row of data.rows) {
    const key = `${row.group.broker}\u0000${row.group.logDir}`
    const dir = byDir.get(key) ?? { broker: Number(row.group.broker), path: row.group.logDir ?? '', points: [], growth: { bytesPerDay: null, points: 0, spanMs: 0 }, rows: [] }
    byDir.set(key, dir)
    dir.rows.push(row)
  }
  const dirs = [...byDir.values()].map(({ rows, ...dir }) => ({
    ...dir,
    points: rows.filter((r) => r.values.bytes !== null).map((r) => ({ time: new Date(r.t).toISOString(), bytes: r.values.bytes as number, usableBytes: r.values.usableBytes ?? null, totalBytes: r.values.totalBytes ?? null })),
    growth: growthView(growth(toPoints(rows, 'bytes'), minSpanMs)),
  }))
  return { step: data.step, dirs: dirs.sort((a, b) => a.broker - b.broker || a.path.localeCompare(b.path)) }
}

/** Broker log dirs of the latest sample, with growth over the window and days until full. */
export async function brokerStorage(logs: VictoriaLogsClient, cluster: string, window: Window, need: HistoryNeed = defaultHistoryNeed): Promise<BrokerStorage> {
  const sample = await latestSample(logs, cluster)
  const header = sampleHeader(sample)
  if (!sample) return { ...header, window: { start: window.start.toISOString(), end: window.end.toISOString() }, items: [], skew: null }
  const [brokerRows, dirRows, history] = await Promise.all([
    sampleRecords(logs, cluster, sample, 'broker'),
    sampleRecords(logs, cluster, sample, 'logdir'),
    logDirGrowth(logs, cluster, window),
  ])
  const views = brokerViews(brokerRows, dirRows)
  const items = views.map((b) => ({
    ...b,
    logDirs: b.logDirs.map((d) => {
      const g = history.dirs.find((h) => h.broker === b.broker && h.path === d.path)?.growth ?? null
      const check = historyCheck({ points: g?.points ?? 0, spanMs: g?.spanMs ?? 0 }, need)
      // A fill date only from enough history, and as the interval the growth spread gives.
      return {
        ...d, growthBytesPerDay: g?.bytesPerDay ?? null, growthSpanMs: g?.spanMs ?? 0, history: check,
        daysUntilFull: check.enough ? daysUntilFull(d.usableBytes, g?.bytesPerDay ?? null) : null,
        daysUntilFullRange: check.enough ? daysUntilFullRange(d.usableBytes, { low: g?.low ?? null, high: g?.high ?? null }) : null,
      }
    }),
  }))
  return { ...header, window: { start: window.start.toISOString(), end: window.end.toISOString() }, items, skew: brokerSkew(views) }
}

export async function brokerHistory(logs: VictoriaLogsClient, cluster: string, broker: number, window: Window, need: HistoryNeed = defaultHistoryNeed): Promise<BrokerHistory> {
  const { step, dirs } = await logDirGrowth(logs, cluster, window, broker)
  return {
    broker, start: window.start.toISOString(), end: window.end.toISOString(), step,
    logDirs: dirs.map((d) => {
      const last = d.points.at(-1)
      const history = historyCheck(d.growth, need)
      return { ...d, usableBytes: last?.usableBytes ?? null, totalBytes: last?.totalBytes ?? null, history, daysUntilFull: history.enough ? daysUntilFull(last?.usableBytes ?? null, d.growth.bytesPerDay) : null }
    }),
  }
}
