import { describe, expect, it } from 'vitest'
import { dayMs, daysUntilFull, daysUntilFullRange, defaultHistoryNeed, forecastSize, growth, historyCheck, ingestBytesPerDay, theilSenSlope, thin, type Point } from './forecast.ts'

const fiveMinutes = 300_000
const t0 = Date.UTC(2026, 0, 1)
const series = (n: number, f: (i: number, t: number) => number, step = fiveMinutes): Point[] =>
  Array.from({ length: n }, (_, i) => ({ t: t0 + i * step, v: f(i, t0 + i * step) }))

describe('Theil–Sen growth', () => {
  it('recovers the slope of a straight line exactly', () => {
    // 1 GiB/day on top of 10 GiB, every 5 minutes for 3 days.
    const line = series(3 * 288, (_, t) => 10 * 2 ** 30 + ((t - t0) / dayMs) * 2 ** 30)
    expect(growth(line).perDay).toBeCloseTo(2 ** 30, 0)
  })

  it('ignores spikes and dips that a least-squares fit would follow', () => {
    // 100 MB/day, with one sample in five wildly off (a broker that answered with stale data, a purge then refill).
    const noisy = series(1_000, (i, t) => 5e9 + ((t - t0) / dayMs) * 1e8 + (i % 5 === 0 ? (i % 10 === 0 ? 4e9 : -4e9) : 0))
    const perDay = growth(noisy).perDay as number
    expect(Math.abs(perDay - 1e8) / 1e8).toBeLessThan(0.02)
  })

  it('sees a retention sawtooth as flat', () => {
    // Grows 1 GB/day, then every day a 1 GB segment is deleted: steady state, no growth.
    const saw = series(14 * 288, (_, t) => 7e9 + (((t - t0) % dayMs) / dayMs) * 1e9)
    const perDay = growth(saw).perDay as number
    // A sawtooth of one period per day has at most half a period of drift over 14 days.
    expect(Math.abs(perDay)).toBeLessThan(0.1e9)
  })

  it('needs two distinct times and the minimum span', () => {
    expect(theilSenSlope([])).toBeNull()
    expect(theilSenSlope([{ t: 1, v: 1 }, { t: 1, v: 5 }])).toBeNull()
    expect(growth([{ t: 0, v: 0 }, { t: 60_000, v: 1000 }], 3_600_000).perDay).toBeNull()
    expect(growth([{ t: 0, v: 0 }, { t: 60_000, v: 1000 }]).perDay).toBeCloseTo(1000 * 24 * 60)
  })

  it('thins long series evenly, keeping both ends', () => {
    const long = series(8_640, (i) => i)
    const thinned = thin(long, 400)
    expect(thinned).toHaveLength(400)
    expect(thinned[0]).toBe(long[0])
    expect(thinned.at(-1)).toBe(long.at(-1))
    // 30 days of 5-minute samples still give the exact slope after thinning.
    expect(theilSenSlope(long)).toBeCloseTo(1 / fiveMinutes, 12)
  })
})

describe('history minimum and intervals', () => {
  it('half an hour of samples is not enough history; a day of a dozen is', () => {
    const halfHour = growth(series(7, (i) => i * 1e6))
    expect(historyCheck(halfHour, defaultHistoryNeed)).toEqual({ enough: false, samples: 7, spanMs: 30 * 60_000, minSamples: 12, minSpanMs: dayMs })
    const day = growth(series(12, (i) => i * 1e6, 2.2 * 3_600_000))
    expect(historyCheck(day, defaultHistoryNeed).enough).toBe(true)
    // Many samples over too short a time are still not enough.
    expect(historyCheck(growth(series(200, (i) => i)), defaultHistoryNeed).enough).toBe(false)
  })

  it('the growth spread (quartiles of the pairwise rates) brackets the rate; a straight line has none', () => {
    const line = growth(series(50, (_, t) => ((t - t0) / dayMs) * 1e9))
    expect(line.low).toBeCloseTo(1e9, 0)
    expect(line.high).toBeCloseTo(1e9, 0)
    const noisy = growth(series(200, (i, t) => ((t - t0) / dayMs) * 1e9 + (i % 2 ? 5e6 : -5e6)))
    expect(noisy.low as number).toBeLessThan(noisy.perDay as number)
    expect(noisy.high as number).toBeGreaterThan(noisy.perDay as number)
    // Days until full at the fast end (soonest) and the slow end (latest); a slow end that shrinks never fills.
    expect(daysUntilFullRange(10e9, { low: 1e9, high: 2e9 })).toEqual({ soonest: 5, latest: 10 })
    expect(daysUntilFullRange(10e9, { low: -1e9, high: 2e9 })).toEqual({ soonest: 5, latest: null })
    expect(daysUntilFullRange(10e9, { low: -2e9, high: -1e9 })).toBeNull()
  })

  it('a forecast from too little history extrapolates nothing and says why', () => {
    const short = { enough: false, samples: 2, spanMs: 1_000, minSamples: 12, minSpanMs: dayMs }
    const base = { segmentBytes: 2 ** 30, segmentMs: 7 * dayMs, cleanupPolicy: 'delete', partitions: 3, replicationFactor: 1, currentBytes: 1e6, growthBytesPerDay: 1e9 }
    const time = forecastSize({ ...base, retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: 1e9, history: short })
    expect(time).toMatchObject({ model: 'unknown', steadyStateBytes: null, reachedInDays: null, history: short })
    expect(time.explanation).toBe('Not enough history yet: 2 samples over 1 s (a forecast needs at least 12 samples over 1.0 d).')
    const unbounded = forecastSize({ ...base, retentionMs: -1, retentionBytes: -1, ingestBytesPerDay: 1e9, history: short })
    expect(unbounded.in30DaysBytes).toBeNull()
    // retention.bytes bounds the size whatever the rate.
    const size = forecastSize({ ...base, retentionMs: -1, retentionBytes: 2e6, segmentBytes: 1e6, ingestBytesPerDay: 1e9, history: short })
    expect(size).toMatchObject({ model: 'size', steadyStateBytes: 9e6, reachedInDays: null })
    expect(size.explanation).toContain('Not enough history yet')
  })

  it('with enough history the steady state comes with the interval of the ingest spread', () => {
    const enough = { enough: true, samples: 300, spanMs: 2 * dayMs, minSamples: 12, minSpanMs: dayMs }
    const f = forecastSize({
      segmentBytes: 2 ** 30, segmentMs: 7 * dayMs, cleanupPolicy: 'delete', partitions: 10, replicationFactor: 3, currentBytes: 0, growthBytesPerDay: null,
      retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: 1e6, ingestRange: { low: 0.5e6, high: 2e6 }, history: enough,
    })
    expect(f.steadyStateBytes).toBeCloseTo(42e6, -1)
    expect(f.range?.low).toBeCloseTo(21e6, -1)
    expect(f.range?.high).toBeCloseTo(84e6, -1)
  })
})

describe('forecast under retention', () => {
  const base = { segmentBytes: 2 ** 30, segmentMs: 7 * dayMs, cleanupPolicy: 'delete', partitions: 10, replicationFactor: 3, currentBytes: 0, growthBytesPerDay: null }

  it('time retention: ingest × retention.ms plus the not-yet-deletable active segment, per partition and replica', () => {
    // 1 MB/day over 10 partitions = 0.1 MB/day each; 7 days kept = 0.7 MB; the active segment
    // rolls after segment.ms=7 d, so up to another 0.7 MB. × 10 partitions × 3 replicas = 42 MB.
    const f = forecastSize({ ...base, retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: 1e6 })
    expect(f.model).toBe('time')
    expect(f.steadyStateBytes).toBeCloseTo(42e6, -1)
  })

  it('a segment.bytes smaller than a week of traffic bounds the slack', () => {
    const f = forecastSize({ ...base, segmentBytes: 100_000, retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: 1e6 })
    expect(f.steadyStateBytes).toBeCloseTo((0.7e6 + 100_000) * 30, -1)
  })

  it('size retention wins when it is the smaller bound', () => {
    const f = forecastSize({ ...base, retentionMs: 7 * dayMs, retentionBytes: 200_000, segmentBytes: 50_000, ingestBytesPerDay: 1e6 })
    expect(f.model).toBe('size')
    expect(f.steadyStateBytes).toBe((200_000 + 50_000) * 30)
  })

  it('says how long until the steady state at the current growth', () => {
    const f = forecastSize({ ...base, retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: 1e6, currentBytes: 12e6, growthBytesPerDay: 3e6 })
    expect(f.reachedInDays).toBeCloseTo(10, 1)
  })

  it('infinite retention is unbounded: a 30-day projection instead of a steady state', () => {
    const f = forecastSize({ ...base, retentionMs: -1, retentionBytes: -1, ingestBytesPerDay: 1e6, currentBytes: 5e9, growthBytesPerDay: 1e8 })
    expect(f.model).toBe('unbounded')
    expect(f.steadyStateBytes).toBeNull()
    expect(f.in30DaysBytes).toBe(8e9)
  })

  it('compacted topics and unknown ingest give no number rather than a wrong one', () => {
    expect(forecastSize({ ...base, cleanupPolicy: 'compact', retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: 1e6 }).model).toBe('compacted')
    expect(forecastSize({ ...base, retentionMs: 7 * dayMs, retentionBytes: -1, ingestBytesPerDay: null }).model).toBe('unknown')
    // compact,delete still deletes by time.
    expect(forecastSize({ ...base, cleanupPolicy: 'compact,delete', retentionMs: dayMs, retentionBytes: -1, ingestBytesPerDay: 1e6 }).model).toBe('time')
  })

  it('ingest from offsets and bytes per record; days until full', () => {
    expect(ingestBytesPerDay(10_000, 5e6, 5_000)).toBe(1e7)
    expect(ingestBytesPerDay(10_000, 5e6, 0)).toBeNull()
    expect(daysUntilFull(70e9, 5e9)).toBe(14)
    expect(daysUntilFull(70e9, 0)).toBeNull()
    expect(daysUntilFull(70e9, -1e9)).toBeNull()
    expect(daysUntilFull(null, 1e9)).toBeNull()
  })
})
