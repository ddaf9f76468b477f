// Follow one key (or one value of a chosen field, e.g. an order id) across every indexed topic:
// the records that carry it, oldest first, so a story that crosses topics reads in order. The
// field and the value are user input: both go into the LogsQL quoted (logsqlString), never raw.
import type { TopicScope } from '../auth/access.ts'
import { invalidInput } from '../errors.ts'
import { logsqlString, type Row, type VictoriaLogsClient } from '../victorialogs/index.ts'
import { scopedOptions, searchWindow } from './scope.ts'
import type { FollowInput, FollowRecord, FollowTimeline } from '../../contract/search.ts'
export type { FollowInput, FollowTimeline }

export const followLimits = {
  defaultLimit: 500,
  maxLimit: 5_000,
  /** Default window when no start is given: a story usually spans days, not hours. */
  defaultRangeMs: 7 * 86_400_000,
  maxFieldChars: 256,
  /** Indexed keys are at most 1 KiB; a longer value cannot match a key, and fields are cut at 256. */
  maxValueChars: 2_048,
  previewChars: 300,
} as const

/** What to follow: the record key, or a field (JSON field, `headers.<name>`) and its value. */
export function followTarget(input: FollowInput): { field: string; value: string } {
  const field = input.key !== undefined ? 'key' : (input.field ?? '').trim()
  const value = input.key ?? input.value
  if (!field) throw invalidInput('Name a key (key=…), or a field and its value (field=…&value=…).')
  if (field.length > followLimits.maxFieldChars) throw invalidInput(`A field name has at most ${followLimits.maxFieldChars} characters.`)
  if (value === undefined || value === '') throw invalidInput(`Give the value of '${field}' to follow.`)
  if (value.length > followLimits.maxValueChars) throw invalidInput(`A value to follow has at most ${followLimits.maxValueChars} characters.`)
  return { field, value }
}

/**
 * The LogsQL of a timeline: an exact match on the (quoted) field, the newest `limit + 1` records
 * (one more tells a cut timeline), only the fields the timeline shows.
 */
export function followQuery(field: string, value: string, limit: number): string {
  return `${logsqlString(field)}:=${logsqlString(value)} | sort by (_time desc) | limit ${limit + 1} | fields _time, topic, partition, offset, key, _msg`
}

function followLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return followLimits.defaultLimit
  const n = Number(limit)
  if (!Number.isInteger(n) || n < 1 || n > followLimits.maxLimit) throw invalidInput(`limit must be a whole number from 1 to ${followLimits.maxLimit}.`)
  return n
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v as string | number))

function toRecord(row: Row): FollowRecord {
  const key = row.key === undefined ? undefined : text(row.key)
  return {
    time: text(row._time),
    topic: text(row.topic),
    partition: Number(row.partition),
    offset: text(row.offset),
    ...(key === undefined ? {} : { key }),
    preview: text(row._msg).slice(0, followLimits.previewChars),
  }
}

export async function followTimeline(logs: VictoriaLogsClient, cluster: string, input: FollowInput, signal?: AbortSignal, topics?: TopicScope, now = Date.now()): Promise<FollowTimeline> {
  const { field, value } = followTarget(input)
  const window = searchWindow(input.start ?? (input.end ? undefined : String(now - followLimits.defaultRangeMs)), input.end, now)
  const limit = followLimit(input.limit)
  const rows: Row[] = []
  for await (const row of logs.queryRows(followQuery(field, value, limit), scopedOptions(cluster, window, signal, topics))) rows.push(row)
  const truncated = rows.length > limit
  // Newest first from VictoriaLogs (so a cut keeps the latest); a timeline reads oldest first.
  const records = rows.slice(0, limit).map(toRecord).reverse()
  const perTopic = new Map<string, number>()
  for (const r of records) perTopic.set(r.topic, (perTopic.get(r.topic) ?? 0) + 1)
  return {
    field, value,
    start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString(),
    limit, truncated, records,
    topics: [...perTopic].map(([topic, n]) => ({ topic, records: n })).sort((a, b) => b.records - a.records || a.topic.localeCompare(b.topic)),
  }
}

