// What a history search may read, and for how long. Scoping uses VictoriaLogs'
// `extra_stream_filters`, which it adds to the query *and every subquery* (union, join, in(…)),
// so a user query cannot reach audit, storage or counter streams, nor another cluster's messages,
// nor (scoped roles) topics the principal may not view: `topic` is a stream field of every
// indexed message, and the allowed topic patterns become one anchored regex on it.
import type { TopicScope } from '../auth/access.ts'
import { globsToRegex } from '../auth/grants.ts'
import { AppError, invalidInput } from '../errors.ts'
import { messagesKind } from '../indexing/document.ts'
import { parseInstantMs } from '../time/parse.ts'
import { streamFilter, type QueryOptions } from '../victorialogs/index.ts'

export const searchLimits = {
  maxQueryLength: 4_000,
  defaultLimit: 100,
  maxLimit: 10_000,
  /** Default window when no start is given. */
  defaultRangeMs: 24 * 3_600_000,
  maxRangeMs: 90 * 24 * 3_600_000,
  /** Server-side cap on one query's run time (VictoriaLogs `timeout`). */
  queryTimeoutMs: 10_000,
  maxBuckets: 1_000,
} as const

const everyTopic: TopicScope = { all: true }

export const scopeFilter = (cluster: string, topics: TopicScope = everyTopic) =>
  streamFilter({ kind: messagesKind, cluster, topic: topics.all ? undefined : { regex: globsToRegex(topics.patterns) } })

export interface SearchWindow {
  startMs: number
  endMs: number
}

export function searchWindow(start: string | undefined, end: string | undefined, now = Date.now()): SearchWindow {
  const endMs = end ? parseInstantMs(end, 'end') : now
  const startMs = start ? parseInstantMs(start, 'start') : endMs - searchLimits.defaultRangeMs
  if (startMs >= endMs) throw invalidInput('start must be before end.')
  if (endMs - startMs > searchLimits.maxRangeMs) {
    throw new AppError('SEARCH_RANGE_TOO_LARGE', `A search covers at most ${searchLimits.maxRangeMs / 86_400_000} days; narrow start and end.`, { status: 400 })
  }
  return { startMs, endMs }
}

export function searchQuery(query: string | undefined): string {
  const text = (query ?? '').trim() || '*'
  if (text.length > searchLimits.maxQueryLength) throw invalidInput(`A query has at most ${searchLimits.maxQueryLength} characters.`)
  return text
}

export function searchLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return searchLimits.defaultLimit
  const n = Number(limit)
  if (!Number.isInteger(n) || n < 1 || n > searchLimits.maxLimit) throw invalidInput(`limit must be a whole number from 1 to ${searchLimits.maxLimit}.`)
  return n
}

/** What every search request sends beside its query: the window, the scope and the time caps. */
export function scopedOptions(cluster: string, window: SearchWindow, signal?: AbortSignal, topics: TopicScope = everyTopic): QueryOptions {
  return {
    start: new Date(window.startMs).toISOString(),
    end: new Date(window.endMs).toISOString(),
    extraStreamFilters: scopeFilter(cluster, topics),
    timeout: `${searchLimits.queryTimeoutMs}ms`,
    // Our side waits a little longer than VictoriaLogs' own cap, so its timeout answer arrives.
    timeoutMs: searchLimits.queryTimeoutMs + 10_000,
    ...(signal ? { signal } : {}),
  }
}

const niceSteps = [1, 5, 10, 30, 60, 300, 600, 1_800, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600, 86_400, 7 * 86_400].map((s) => s * 1_000)

/** A step giving ~60 buckets over the window, or the caller's (ms, or VictoriaLogs-style "5m"). */
export function histogramStep(step: string | undefined, window: SearchWindow): number {
  const range = window.endMs - window.startMs
  let ms: number
  if (step === undefined || step === '') {
    ms = niceSteps.find((s) => range / s <= 60) ?? niceSteps[niceSteps.length - 1] as number
  } else {
    const match = /^(\d+)(ms|s|m|h|d|w)?$/.exec(step.trim())
    if (!match) throw invalidInput(`step must be milliseconds or a duration like 30s, 5m, 1h; not '${step}'.`)
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] ?? 'ms'] ?? 1
    ms = Number(match[1]) * unit
  }
  if (ms < 1_000) throw invalidInput('step must be at least 1 s.')
  if (range / ms > searchLimits.maxBuckets) throw invalidInput(`That step gives more than ${searchLimits.maxBuckets} buckets; use a larger step.`)
  return ms
}
