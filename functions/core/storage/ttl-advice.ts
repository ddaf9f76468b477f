// TTL advice: a retention.ms long enough for the slowest consumer group (the oldest age its unread
// records reached over the window × a safety factor) and short enough that the topic's steady-state size stays
// within a disk budget (its current bytes + a share, default 70%, of the free space on each of
// its brokers). The reasoning is returned line by line, with the numbers.
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { dayMs, defaultHistoryNeed, forecastSize, type HistoryNeed } from './forecast.ts'
import { formatMoney, monthlyCost, type StoragePrice } from './cost.ts'
import { duration, size, sizes } from './units.ts'
import { defaultStoragePrice } from '../config.ts'
import { topicHistory, type Window } from './history.ts'
import { rankedTopic, sampleHeader } from './ranking.ts'
import { latestSample, num, sampleRecords, str, streamFilter } from './store.ts'
import { AppError } from '../errors.ts'
import type { TtlOptions, TtlStatus, TtlAdvice } from '../../contract/storage.ts'
export type { TtlOptions, TtlStatus, TtlAdvice }

export const defaultTtlOptions: TtlOptions = { safetyFactor: 2, budgetShare: 0.7 }

const hourMs = 3_600_000
const minRetentionMs = hourMs
const fmtDuration = (ms: number) => (ms >= dayMs ? `${(ms / dayMs).toFixed(1)} d` : `${(ms / hourMs).toFixed(1)} h`)

export interface TtlSettings {
  need: HistoryNeed
  price: StoragePrice
}

export interface SlowestGroup {
  group: string
  /** What the consumers need covered: the oldest unread record's age, or the lag in time for samples taken before that was recorded. */
  needMs: number
  basis: 'oldest-unread' | 'lag'
  oldestUnreadAgeMs: number | null
  maxLagMs: number | null
}

/**
 * The group whose unread records get oldest. Retention deletes by age against now, so the age of
 * the oldest unread record is what must stay under retention; `maxLagMs` (newest − next unread)
 * understates it on a quiet topic and is used only for groups with no age recorded in the window.
 */
export function slowestGroupFromRows(rows: Iterable<Record<string, unknown>>): SlowestGroup | null {
  let slowest: SlowestGroup | null = null
  for (const row of rows) {
    const oldestUnreadAgeMs = num(row.oldestUnreadAgeMs)
    const maxLagMs = num(row.maxLagMs)
    const needMs = oldestUnreadAgeMs ?? maxLagMs
    if (needMs === null) continue
    if (!slowest || needMs > slowest.needMs) {
      slowest = { group: str(row.group), needMs, basis: oldestUnreadAgeMs !== null ? 'oldest-unread' : 'lag', oldestUnreadAgeMs, maxLagMs }
    }
  }
  return slowest
}

async function slowestGroup(logs: VictoriaLogsClient, cluster: string, topic: string, window: Window) {
  const query = `${streamFilter(cluster, 'grouplag', topic)} (oldestUnreadAgeMs:>=0 or maxLagMs:>=0) | stats by (group) max(oldestUnreadAgeMs) as oldestUnreadAgeMs, max(maxLagMs) as maxLagMs`
  const rows: Record<string, unknown>[] = []
  for await (const row of logs.queryRows(query, { start: window.start.toISOString(), end: window.end.toISOString(), timeout: '20s' })) rows.push(row)
  return slowestGroupFromRows(rows)
}

export async function ttlAdvice(
  logs: VictoriaLogsClient, cluster: string, topic: string, window: Window, options: TtlOptions = defaultTtlOptions,
  settings: TtlSettings = { need: defaultHistoryNeed, price: defaultStoragePrice },
): Promise<TtlAdvice> {
  const sample = await latestSample(logs, cluster)
  const header = sampleHeader(sample)
  const [topicRows, dirRows, history, slowest] = await Promise.all([
    sample ? sampleRecords(logs, cluster, sample, 'topic', topic) : Promise.resolve([]),
    sample ? sampleRecords(logs, cluster, sample, 'logdir') : Promise.resolve([]),
    topicHistory(logs, cluster, topic, window, settings.need),
    slowestGroup(logs, cluster, topic, window),
  ])
  if (!topicRows[0]) throw new AppError('STORAGE_NO_DATA', `Topic '${topic}' is not in the latest storage sample; take a sample now.`, { status: 404 })
  const t = rankedTopic(topicRows[0], header.sizes.available)
  const reasoning: string[] = []
  const rf = Math.max(1, t.replicationFactor)
  // A rate from too little history is not extrapolated into advice (see forecast.ts).
  const historyShort = history.forecast?.history?.enough === false
  const ingest = historyShort ? null : history.ingest.bytesPerDay

  // 1. What the consumers need.
  const lagNeedMs = slowest ? Math.max(minRetentionMs, slowest.needMs * options.safetyFactor) : null
  if (slowest) {
    const what = slowest.basis === 'oldest-unread'
      ? `its oldest unread record was at most ${fmtDuration(slowest.needMs)} old`
      : `it was at most ${fmtDuration(slowest.needMs)} behind the newest record (these samples predate the oldest-unread age)`
    reasoning.push(`Slowest group ${slowest.group}: ${what} in the window; × ${options.safetyFactor} safety = ${fmtDuration(lagNeedMs as number)} needed.`)
  }
  else reasoning.push('No consumer group has committed offsets on this topic in the window: no lag to cover.')

  // 2. What the disks allow, broker by broker.
  const topicTotal = Object.values(t.brokers).reduce((a, b) => a + b, 0)
  const brokerIds = Object.keys(t.brokers).map(Number)
  const perPartitionPerMs = ingest === null ? null : ingest / Math.max(1, t.partitions) / dayMs
  const slackPerReplica = Math.min(t.segmentBytes ?? 1024 ** 3, perPartitionPerMs !== null && t.segmentMs !== null && t.segmentMs >= 0 ? perPartitionPerMs * t.segmentMs : Infinity)
  const brokers = brokerIds.map((broker) => {
    const topicBytes = t.brokers[broker] ?? 0
    const usable = dirRows.filter((d) => num(d.broker) === broker).reduce<number | null>((s, d) => (num(d.usableBytes) === null ? s : (s ?? 0) + (num(d.usableBytes) as number)), null)
    const share = topicTotal > 0 ? topicBytes / topicTotal : 1 / brokerIds.length
    const budget = usable === null ? null : topicBytes + options.budgetShare * usable
    const replicas = t.partitions * rf * share
    const ingestHere = ingest === null ? null : ingest * rf * share
    const maxRetentionMs = budget === null || !ingestHere ? null : Math.max(0, ((budget - replicas * slackPerReplica) / ingestHere) * dayMs)
    return { broker, topicBytes, usableBytes: usable, budgetBytes: budget, maxRetentionMs }
  })
  const limits = brokers.map((b) => b.maxRetentionMs).filter((v): v is number => v !== null)
  const diskMaxRetentionMs = limits.length ? Math.min(...limits) : null
  if (ingest === null) {
    const why = historyShort && history.forecast?.history ? ` (${history.forecast.history.samples} samples over ${duration(history.forecast.history.spanMs)}; at least ${settings.need.minSamples} over ${duration(settings.need.minSpanMs)} are needed)` : ''
    reasoning.push(`Not enough history to know how many bytes a day the topic receives${why}: the disk bound is unknown.`)
  } else if (diskMaxRetentionMs === null) reasoning.push(`The topic receives ${size(ingest)}/day per replica, but its brokers' free space is unknown: the disk bound is unknown.`)
  else {
    const worst = brokers.find((b) => b.maxRetentionMs === diskMaxRetentionMs)
    const [ingestText, topicText, freeText] = sizes(ingest, worst?.topicBytes ?? 0, worst?.usableBytes ?? 0)
    reasoning.push(`It receives ${ingestText}/day (one copy; × ${rf} replicas). Budget on broker ${worst?.broker}: its ${topicText} + ${Math.round(options.budgetShare * 100)}% of ${freeText} free, which holds at most ${fmtDuration(diskMaxRetentionMs)} of data.`)
  }

  // 3. Decide.
  const current = t.retentionMs
  const infinite = current === null || current < 0
  let suggestedMs: number | null = current
  let status: TtlStatus = 'keep'
  if (lagNeedMs === null && diskMaxRetentionMs === null) {
    status = 'insufficient-data'
  } else if (lagNeedMs !== null && !infinite && (current as number) < lagNeedMs) {
    suggestedMs = Math.ceil(lagNeedMs / hourMs) * hourMs
    status = diskMaxRetentionMs !== null && suggestedMs > diskMaxRetentionMs ? 'conflict' : 'raise'
  } else if (diskMaxRetentionMs !== null && (infinite || (current as number) > diskMaxRetentionMs)) {
    const floor = Math.max(minRetentionMs, lagNeedMs ?? 0)
    const byDisk = Math.max(hourMs, Math.floor(diskMaxRetentionMs / hourMs) * hourMs)
    suggestedMs = Math.max(byDisk, Math.ceil(floor / hourMs) * hourMs)
    status = suggestedMs > diskMaxRetentionMs ? 'conflict' : 'lower'
  }
  if (status === 'keep') reasoning.push(`The current retention.ms=${infinite ? '-1 (forever)' : fmtDuration(current as number)} covers the consumers and fits the disks: keep it.`)
  if (status === 'raise') reasoning.push(`Raise retention.ms from ${fmtDuration(current as number)} to ${fmtDuration(suggestedMs as number)} so the slowest group does not lose unread records.`)
  if (status === 'lower') reasoning.push(`Lower retention.ms from ${infinite ? '-1 (forever)' : fmtDuration(current as number)} to ${fmtDuration(suggestedMs as number)} to stay within the disk budget${lagNeedMs !== null ? ', still covering the slowest group' : ''}.`)
  if (status === 'conflict') reasoning.push(`Conflict: the consumers need ${fmtDuration(suggestedMs as number)} but the disks hold only ${fmtDuration(diskMaxRetentionMs as number)}. Suggested is the consumers' need; add disk or speed up the consumers.`)

  // A size cap guards the disks against bursts where the topic had no limit at all.
  const capPerPartition = brokers.map((b) => (b.budgetBytes === null ? null : b.budgetBytes / Math.max(1, t.partitions * rf * (topicTotal > 0 ? b.topicBytes / topicTotal : 1 / brokerIds.length))))
  const knownCaps = capPerPartition.filter((v): v is number => v !== null && Number.isFinite(v))
  const suggestRetentionBytes = infinite && (t.retentionBytes === null || t.retentionBytes < 0) && status !== 'keep' && knownCaps.length > 0
  const suggestedBytes = suggestRetentionBytes ? Math.floor(Math.min(...knownCaps) / (1024 * 1024)) * 1024 * 1024 : t.retentionBytes
  if (suggestRetentionBytes) reasoning.push(`Also cap each partition at retention.bytes=${size(suggestedBytes as number)} so a burst cannot fill the disks before time-based deletion catches up.`)

  const set: Record<string, string> = {}
  if (suggestedMs !== null && suggestedMs !== current) set['retention.ms'] = String(suggestedMs)
  if (suggestRetentionBytes) set['retention.bytes'] = String(suggestedBytes)
  const steady = suggestedMs === null ? null : forecastSize({
    retentionMs: suggestedMs, retentionBytes: suggestedBytes, segmentBytes: t.segmentBytes, segmentMs: t.segmentMs, cleanupPolicy: t.cleanupPolicy,
    partitions: t.partitions, replicationFactor: rf, ingestBytesPerDay: ingest, currentBytes: t.bytes, growthBytesPerDay: history.growthBytesPerDay,
  }).steadyStateBytes
  // Money: what the topic costs a month now (its steady state, or today's size when unbounded) and at the suggestion.
  const currentSteady = history.forecast?.steadyStateBytes ?? null
  const currentPerMonth = monthlyCost(currentSteady ?? t.bytes, settings.price)
  const suggestedPerMonth = Object.keys(set).length === 0 ? currentPerMonth : monthlyCost(steady, settings.price)
  const money = (amount: number) => `${formatMoney(amount, settings.price.currency)}/month`
  if (steady !== null) {
    reasoning.push(`Forecast at the suggested settings: ${size(steady)} on disk in steady state (all replicas), ${money(suggestedPerMonth ?? 0)} at ${formatMoney(settings.price.perGbMonth, settings.price.currency)} per GB-month.`)
  }
  if (Object.keys(set).length > 0 && currentPerMonth !== null && suggestedPerMonth !== null) {
    const delta = suggestedPerMonth - currentPerMonth
    reasoning.push(`${delta <= 0 ? 'Saves' : 'Costs'} ${money(Math.abs(delta))}: ${money(currentPerMonth)} ${currentSteady === null ? 'for what it holds today' : 'in steady state now'} → ${money(suggestedPerMonth)}.`)
  }
  return {
    topic, sampledAt: header.sampledAt, window: { start: window.start.toISOString(), end: window.end.toISOString() }, status,
    current: { retentionMs: t.retentionMs, retentionBytes: t.retentionBytes },
    suggested: { retentionMs: suggestedMs, retentionBytes: suggestedBytes },
    change: Object.keys(set).length ? { set } : null,
    reasoning,
    inputs: {
      ...options, slowestGroup: slowest?.group ?? null, maxLagMs: slowest?.maxLagMs ?? null, oldestUnreadAgeMs: slowest?.oldestUnreadAgeMs ?? null, lagNeedMs, ingestBytesPerDay: ingest,
      diskMaxRetentionMs, brokers, steadyStateBytesAtSuggested: steady, steadyStateBytesAtCurrent: currentSteady,
    },
    cost: { price: settings.price, currentPerMonth, suggestedPerMonth },
  }
}
