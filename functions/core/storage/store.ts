// Reading stored samples back from VictoriaLogs: the latest sample, its records, and time series
// downsampled on the server (one query, however long the window).
import { exactFilter, streamFilter as logsStreamFilter, type VictoriaLogsClient } from '../victorialogs/index.ts'
import { storageStream } from './sample.ts'
import type { SampleNote } from '../../contract/storage.ts'

export type Row = Record<string, unknown>

export const num = (value: unknown): number | null => {
  if (value === undefined || value === null || value === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}
export const bool = (value: unknown) => value === true || value === 'true'
export const str = (value: unknown) => (value === undefined || value === null ? '' : String(value))

/** A JSON field written by the sampler; `fallback` when absent or written by an older version. */
export function jsonField<T>(value: unknown, fallback: T): T {
  const text = str(value)
  if (!text) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/**
 * The stream of one record kind; with `topic`, only that topic's stream (topic is a stream field
 * of per-topic records, so a 30-day curve of one topic reads that topic's rows, not every topic's).
 */
export function streamFilter(cluster: string, record: string, topic?: string | string[]): string {
  return logsStreamFilter({ kind: storageStream, cluster, record, topic })
}

export interface SampleSummary {
  id: string
  sampledAt: string
  partial: boolean
  durationMs: number | null
  brokers: number | null
  brokersFailed: number | null
  failedBrokers: number[]
  topics: number | null
  partitions: number | null
  unknownReplicas: number | null
  logDirsRefused: boolean
  refusedCode: string
  refusedMessage: string
  groupsKnown: boolean
  notes: SampleNote[]
}

function toSummary(row: Row): SampleSummary {
  const notes = jsonField<SampleSummary['notes']>(row.notes, [])
  return {
    id: str(row.sampleId), sampledAt: str(row._time), partial: bool(row.partial), durationMs: num(row.durationMs),
    brokers: num(row.brokers), brokersFailed: num(row.brokersFailed),
    failedBrokers: str(row.failedBrokers).split(',').filter(Boolean).map(Number),
    topics: num(row.topics), partitions: num(row.partitions), unknownReplicas: num(row.unknownReplicas),
    logDirsRefused: bool(row.logDirsRefused), refusedCode: str(row.refusedCode), refusedMessage: str(row.refusedMessage),
    groupsKnown: bool(row.groupsKnown), notes,
  }
}

async function collect(logs: VictoriaLogsClient, query: string, start: string, end?: string): Promise<Row[]> {
  const rows: Row[] = []
  for await (const row of logs.queryRows(query, { start, ...(end ? { end } : {}), timeout: '20s' })) rows.push(row)
  return rows
}

/** The newest sample summary (optionally at or before `before`), looking back further only if needed. */
export async function latestSample(logs: VictoriaLogsClient, cluster: string, before?: Date): Promise<SampleSummary | null> {
  const end = before ?? new Date(Date.now() + 60_000)
  for (const lookBackMs of [3_600_000, 7 * 86_400_000, 400 * 86_400_000]) {
    const start = new Date(end.getTime() - lookBackMs).toISOString()
    const rows = await collect(logs, `${streamFilter(cluster, 'sample')} | sort by (_time desc) | limit 1`, start, end.toISOString())
    if (rows[0]) return toSummary(rows[0])
  }
  return null
}

/** Summaries of the samples within a window, oldest first. */
export async function samplesBetween(logs: VictoriaLogsClient, cluster: string, start: Date, end: Date): Promise<SampleSummary[]> {
  const rows = await collect(logs, `${streamFilter(cluster, 'sample')} | sort by (_time)`, start.toISOString(), end.toISOString())
  return rows.map(toSummary)
}

/** The records of one kind written by one sample (of one topic, if given). */
/** How many rows of one kind of a sample are searchable now: a count, not the rows. */
export async function countSampleRecords(logs: VictoriaLogsClient, cluster: string, sample: SampleSummary, record: string): Promise<number> {
  const at = new Date(sample.sampledAt).getTime()
  const query = `${streamFilter(cluster, record)} ${exactFilter('sampleId', sample.id)} | stats count() as rows`
  const [row] = await collect(logs, query, new Date(at - 1_000).toISOString(), new Date(at + 1_000).toISOString())
  return Number(row?.rows ?? 0)
}

export async function sampleRecords(logs: VictoriaLogsClient, cluster: string, sample: SampleSummary, record: string, topic?: string): Promise<Row[]> {
  const at = new Date(sample.sampledAt).getTime()
  const query = `${streamFilter(cluster, record, topic)} ${exactFilter('sampleId', sample.id)}`
  return collect(logs, query, new Date(at - 1_000).toISOString(), new Date(at + 1_000).toISOString())
}

const steps = [
  ['5m', 300_000], ['15m', 900_000], ['1h', 3_600_000], ['3h', 10_800_000], ['6h', 21_600_000], ['12h', 43_200_000], ['1d', 86_400_000],
] as const

/** A bucket size giving at most ~`maxPoints` points over the window (raw samples when short). */
export function stepFor(spanMs: number, maxPoints = 720): { name: string; ms: number } | null {
  if (spanMs / 300_000 <= maxPoints) return null
  const [name, ms] = steps.find(([, size]) => spanMs / size <= maxPoints) ?? ['1d', 86_400_000]
  return { name, ms }
}

export interface SeriesRow {
  t: number
  values: Record<string, number | null>
}

/**
 * A time series of numeric fields of one record kind. Many samples in the window are bucketed
 * server-side with max() per bucket (disk space is about peaks; offsets only grow, so their max is
 * the last value); a few are returned as they are, however close together they were taken.
 */
export async function series(
  logs: VictoriaLogsClient, cluster: string, record: string, filter: string, fields: string[],
  start: Date, end: Date, groupBy: string[] = [], topic?: string | string[],
): Promise<{ step: string | null; rows: (SeriesRow & { group: Record<string, string> })[] }> {
  const base = `${streamFilter(cluster, record, topic)} ${filter}`.trim()
  const range = [start.toISOString(), end.toISOString()] as const
  const [extent] = await collect(logs, `${base} | stats min(_time) as first, max(_time) as last, count_uniq(_time) as samples`, ...range)
  const samples = num(extent?.samples) ?? 0
  const span = samples > 1 ? new Date(str(extent?.last)).getTime() - new Date(str(extent?.first)).getTime() : 0
  const step = samples > 720 ? stepFor(span) : null
  const query = step
    ? `${base} | stats by (_time:${step.name}${groupBy.map((g) => `, ${g}`).join('')}) ${fields.map((f) => `max(${f}) as ${f}`).join(', ')} | sort by (_time)`
    : `${base} | fields _time, ${[...fields, ...groupBy].join(', ')} | sort by (_time)`
  const found = await collect(logs, query, ...range)
  return {
    step: step?.name ?? null,
    rows: found.map((row) => ({
      t: new Date(str(row._time)).getTime(),
      values: Object.fromEntries(fields.map((f) => [f, num(row[f])])),
      group: Object.fromEntries(groupBy.map((g) => [g, str(row[g])])),
    })),
  }
}
