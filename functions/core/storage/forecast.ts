// Growth and forecast math on sampled series: pure functions, unit-tested on synthetic series.
//
// Growth uses the Theil–Sen estimator (median of pairwise slopes): retention deletes whole
// segments, so a topic's size is a sawtooth, and one deletion or one burst must not swing the
// rate the way it swings a least-squares fit.
import type { RetentionSettings, ForecastModel, Forecast } from '../../contract/storage.ts'
export type { RetentionSettings, ForecastModel, Forecast }

export interface Point {
  /** Epoch milliseconds. */
  t: number
  v: number
}

export const dayMs = 86_400_000

/** At most `max` points, evenly spread over the series (first and last kept), for O(n²) estimators. */
export function thin(points: Point[], max: number): Point[] {
  if (points.length <= max) return points
  const out: Point[] = []
  const step = (points.length - 1) / (max - 1)
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)] as Point)
  return out
}

function median(values: Float64Array): number {
  values.sort()
  const mid = values.length >> 1
  return values.length % 2 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2
}

/** Theil–Sen slope in value units per millisecond; null when fewer than two distinct times. */
export function theilSenSlope(series: Point[], maxPoints = 400): number | null {
  const points = thin(series, maxPoints)
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2)
  let n = 0
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as Point
    for (let j = i + 1; j < points.length; j++) {
      const b = points[j] as Point
      if (b.t !== a.t) slopes[n++] = (b.v - a.v) / (b.t - a.t)
    }
  }
  return n === 0 ? null : median(slopes.subarray(0, n))
}

export interface Growth {
  /** Robust growth rate (Theil–Sen), value units per day; null without enough history. */
  perDay: number | null
  points: number
  /** Time covered by the series, ms. */
  spanMs: number
}

/** Growth over a series; below `minSpanMs` of history the rate is not extrapolated (null). */
export function growth(series: Point[], minSpanMs = 0): Growth {
  const spanMs = series.length > 1 ? (series.at(-1) as Point).t - (series[0] as Point).t : 0
  const slope = spanMs > 0 && spanMs >= minSpanMs ? theilSenSlope(series) : null
  return { perDay: slope === null ? null : slope * dayMs, points: series.length, spanMs }
}

/** Days until `free` bytes are used up at `perDay`; null when not growing. */
export function daysUntilFull(freeBytes: number | null, perDay: number | null): number | null {
  if (freeBytes === null || perDay === null || perDay <= 0) return null
  return Math.max(0, freeBytes) / perDay
}

export interface ForecastInput extends RetentionSettings {
  partitions: number
  replicationFactor: number
  /** Bytes appended per day to the leaders (one copy), null when unknown. */
  ingestBytesPerDay: number | null
  /** Current bytes, all replicas. */
  currentBytes: number | null
  /** Net growth of all replicas, bytes/day. */
  growthBytesPerDay: number | null
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 2 : 0)} MiB`
const days = (ms: number) => `${(ms / dayMs).toFixed(ms < dayMs ? 2 : 1)} d`
const deletes = (policy: string | null) => policy === null || policy.split(',').map((p) => p.trim()).includes('delete')
const finite = (value: number | null): value is number => value !== null && value >= 0

/**
 * Steady state under retention. Each partition keeps what it received during retention.ms (or
 * retention.bytes, whichever is smaller), plus up to one segment that is not yet deletable
 * (retention removes whole closed segments: the active one fills up to segment.bytes or for
 * segment.ms first). So per replica: min(ingest × retention.ms, retention.bytes) + slack.
 */
export function forecastSize(input: ForecastInput): Forecast {
  const { partitions, replicationFactor: rf, ingestBytesPerDay: ingest } = input
  const none = { steadyStateBytes: null, reachedInDays: null, in30DaysBytes: null }
  if (!deletes(input.cleanupPolicy)) {
    return { model: 'compacted', ...none, explanation: `cleanup.policy=${input.cleanupPolicy}: compaction keeps the latest record per key, so size follows the number of keys, not time.` }
  }
  const perPartitionPerMs = ingest === null ? null : ingest / Math.max(1, partitions) / dayMs
  const timeBound = finite(input.retentionMs) && perPartitionPerMs !== null ? perPartitionPerMs * input.retentionMs : null
  const sizeBound = finite(input.retentionBytes) ? input.retentionBytes : null
  if (!finite(input.retentionMs) && sizeBound === null) {
    const in30 = input.currentBytes !== null && input.growthBytesPerDay !== null ? input.currentBytes + Math.max(0, input.growthBytesPerDay) * 30 : null
    return {
      model: 'unbounded', ...none, in30DaysBytes: in30,
      explanation: 'retention.ms=-1 and retention.bytes=-1: nothing is ever deleted; the topic grows as long as it is written to.',
    }
  }
  if (timeBound === null && sizeBound === null) {
    return { model: 'unknown', ...none, explanation: 'Not enough history to estimate how many bytes a day the topic receives.' }
  }
  const useSize = sizeBound !== null && (timeBound === null || sizeBound < timeBound)
  const retained = useSize ? (sizeBound as number) : (timeBound as number)
  const segmentBytes = input.segmentBytes ?? 1073741824
  const segmentFill = perPartitionPerMs !== null && finite(input.segmentMs) ? perPartitionPerMs * input.segmentMs : segmentBytes
  const slack = Math.min(segmentBytes, segmentFill)
  const steady = (retained + slack) * Math.max(1, partitions) * Math.max(1, rf)
  const current = input.currentBytes
  const reachedInDays = current !== null && input.growthBytesPerDay !== null && input.growthBytesPerDay > 0 && current < steady
    ? (steady - current) / input.growthBytesPerDay : null
  const bound = useSize
    ? `retention.bytes=${mib(retained)} per partition`
    : `${mib(ingest as number)}/day × retention.ms=${days(input.retentionMs as number)} = ${mib(retained)} per partition`
  return {
    model: useSize ? 'size' : 'time', steadyStateBytes: steady, reachedInDays, in30DaysBytes: null,
    explanation: `${bound}, plus up to ${mib(slack)} not yet deletable (active segment), × ${partitions} partitions × ${rf} replicas.`,
  }
}

/** Bytes appended per day from the growth of the end offsets and the retained bytes per record. */
export function ingestBytesPerDay(messagesPerDay: number | null, retainedBytes: number | null, retainedMessages: number | null): number | null {
  if (messagesPerDay === null || retainedBytes === null || !retainedMessages || retainedMessages <= 0) return null
  return Math.max(0, messagesPerDay) * (retainedBytes / retainedMessages)
}
