// Growth and forecast math on sampled series: pure functions, unit-tested on synthetic series.
//
// Growth uses the Theil–Sen estimator (median of pairwise slopes): retention deletes whole
// segments, so a topic's size is a sawtooth, and one deletion or one burst must not swing the
// rate the way it swings a least-squares fit.
import { duration, sizes } from './units.ts'
import type { RetentionSettings, ForecastModel, Forecast, HistoryCheck } from '../../contract/storage.ts'
export type { RetentionSettings, ForecastModel, Forecast, HistoryCheck }

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

/** The q-quantile of sorted values, interpolated. */
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo)
}

/** Slopes between every pair of points (value units per ms), sorted; empty when fewer than two distinct times. */
function pairwiseSlopes(series: Point[], maxPoints: number): Float64Array {
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
  return slopes.subarray(0, n).sort()
}

/** Theil–Sen slope in value units per millisecond; null when fewer than two distinct times. */
export function theilSenSlope(series: Point[], maxPoints = 400): number | null {
  const slopes = pairwiseSlopes(series, maxPoints)
  return slopes.length === 0 ? null : quantile(slopes, 0.5)
}

export interface Growth {
  /** Robust growth rate (Theil–Sen), value units per day; null without enough history. */
  perDay: number | null
  /**
   * The spread of that rate: the quartiles of the pairwise slopes (half of them lie between), per
   * day. A forecast is shown as the interval these give, never as one number.
   */
  low?: number | null
  high?: number | null
  points: number
  /** Time covered by the series, ms. */
  spanMs: number
}

/** Growth over a series; below `minSpanMs` of history the rate is not extrapolated (null). */
export function growth(series: Point[], minSpanMs = 0): Growth {
  const spanMs = series.length > 1 ? (series.at(-1) as Point).t - (series[0] as Point).t : 0
  const slopes = spanMs > 0 && spanMs >= minSpanMs ? pairwiseSlopes(series, 400) : new Float64Array(0)
  if (slopes.length === 0) return { perDay: null, low: null, high: null, points: series.length, spanMs }
  return { perDay: quantile(slopes, 0.5) * dayMs, low: quantile(slopes, 0.25) * dayMs, high: quantile(slopes, 0.75) * dayMs, points: series.length, spanMs }
}

/** How much history a forecast needs: a rate from half an hour of samples says little about next month. */
export interface HistoryNeed {
  minSpanMs: number
  minSamples: number
}

export const defaultHistoryNeed: HistoryNeed = { minSpanMs: dayMs, minSamples: 12 }

export function historyCheck(g: Pick<Growth, 'points' | 'spanMs'>, need: HistoryNeed): HistoryCheck {
  return { enough: g.points >= need.minSamples && g.spanMs >= need.minSpanMs, samples: g.points, spanMs: g.spanMs, minSamples: need.minSamples, minSpanMs: need.minSpanMs }
}

/** Days until full at the fast and the slow end of the growth spread; `latest` null when the slow end does not grow. */
export function daysUntilFullRange(freeBytes: number | null, g: Pick<Growth, 'low' | 'high'>): { soonest: number; latest: number | null } | null {
  const soonest = daysUntilFull(freeBytes, g.high ?? null)
  if (soonest === null) return null
  return { soonest, latest: daysUntilFull(freeBytes, g.low ?? null) }
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
  /** Whether the history behind the rates is long enough to extrapolate; unset: not checked. */
  history?: HistoryCheck | undefined
  /** The spread of the ingest rate (Growth.low/high scaled), for the interval of the steady state. */
  ingestRange?: { low: number | null; high: number | null } | undefined
  /** The spread of the net growth (Growth.low/high), for the interval of the 30-day projection. */
  growthRange?: { low: number | null; high: number | null } | undefined
}

/** "Not enough history yet: 3 samples over 30 min (a forecast needs at least 12 samples over 1.0 d)." */
export function notEnoughHistory(h: HistoryCheck): string {
  return `Not enough history yet: ${h.samples} sample${h.samples === 1 ? '' : 's'} over ${duration(h.spanMs)} (a forecast needs at least ${h.minSamples} samples over ${duration(h.minSpanMs)}).`
}
const deletes = (policy: string | null) => policy === null || policy.split(',').map((p) => p.trim()).includes('delete')
const finite = (value: number | null): value is number => value !== null && value >= 0

/**
 * Steady state under retention. Each partition keeps what it received during retention.ms (or
 * retention.bytes, whichever is smaller), plus up to one segment that is not yet deletable
 * (retention removes whole closed segments: the active one fills up to segment.bytes or for
 * segment.ms first). So per replica: min(ingest × retention.ms, retention.bytes) + slack.
 */
export function forecastSize(input: ForecastInput): Forecast {
  const history = input.history
  if (history && !history.enough) {
    // No rate is extrapolated: what is left is what the settings alone bound (retention.bytes, compaction).
    const bound = forecastPoint({ ...input, ingestBytesPerDay: null, growthBytesPerDay: null })
    const explanation = bound.model === 'unknown' || bound.model === 'unbounded' ? notEnoughHistory(history) : `${bound.explanation} ${notEnoughHistory(history)}`
    return { ...bound, model: bound.model === 'unbounded' ? 'unknown' : bound.model, in30DaysBytes: null, explanation, history, range: null }
  }
  const point = forecastPoint(input)
  const at = (ingest: number | null | undefined, growthPerDay: number | null | undefined) =>
    forecastPoint({ ...input, ingestBytesPerDay: ingest ?? null, growthBytesPerDay: growthPerDay ?? null })
  let range: Forecast['range'] = null
  if (point.steadyStateBytes !== null && input.ingestRange && point.model === 'time') {
    const low = at(input.ingestRange.low, input.growthBytesPerDay).steadyStateBytes
    const high = at(input.ingestRange.high, input.growthBytesPerDay).steadyStateBytes
    if (low !== null && high !== null) range = { low: Math.min(low, point.steadyStateBytes), high: Math.max(high, point.steadyStateBytes) }
  } else if (point.in30DaysBytes !== null && input.growthRange) {
    const low = at(input.ingestBytesPerDay, input.growthRange.low).in30DaysBytes
    const high = at(input.ingestBytesPerDay, input.growthRange.high).in30DaysBytes
    if (low !== null && high !== null) range = { low: Math.min(low, point.in30DaysBytes), high: Math.max(high, point.in30DaysBytes) }
  }
  return { ...point, ...(history ? { history } : {}), range }
}

function forecastPoint(input: ForecastInput): Forecast {
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
  const [retainedText, slackText, ingestText] = useSize ? sizes(retained, slack) : sizes(retained, slack, ingest ?? 0)
  const bound = useSize
    ? `retention.bytes=${retainedText} per partition`
    : `${ingestText}/day × retention.ms=${duration(input.retentionMs as number)} = ${retainedText} per partition`
  return {
    model: useSize ? 'size' : 'time', steadyStateBytes: steady, reachedInDays, in30DaysBytes: null,
    explanation: `${bound}, plus up to ${slackText} not yet deletable (active segment), × ${partitions} partitions × ${rf} replicas.`,
  }
}

/** Bytes appended per day from the growth of the end offsets and the retained bytes per record. */
export function ingestBytesPerDay(messagesPerDay: number | null, retainedBytes: number | null, retainedMessages: number | null): number | null {
  if (messagesPerDay === null || retainedBytes === null || !retainedMessages || retainedMessages <= 0) return null
  return Math.max(0, messagesPerDay) * (retainedBytes / retainedMessages)
}
