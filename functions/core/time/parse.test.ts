import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { parseDurationMs, parseInstantMs } from './parse.ts'

const refused = (fn: () => unknown) => {
  try {
    fn()
  } catch (error: unknown) {
    return error instanceof AppError && error.code === 'INVALID_INPUT' && error.status === 400
  }
  return false
}

describe('parseInstantMs', () => {
  it('reads epoch milliseconds as text or number', () => {
    expect(parseInstantMs('1700000000000')).toBe(1_700_000_000_000)
    expect(parseInstantMs(0)).toBe(0)
    expect(parseInstantMs(' 42 ')).toBe(42)
  })
  it('reads RFC 3339 with a zone, fractions and offsets', () => {
    expect(parseInstantMs('2026-11-29T18:00:00Z')).toBe(Date.UTC(2026, 10, 29, 18))
    expect(parseInstantMs('2026-11-29T18:00:00.250+01:00')).toBe(Date.UTC(2026, 10, 29, 17, 0, 0, 250))
    expect(parseInstantMs('2026-11-29T18:00Z')).toBe(Date.UTC(2026, 10, 29, 18))
  })
  it.each([
    ['negative epoch', '-1'], ['negative number', -2], ['35 digits', '1'.repeat(35)], ['beyond Date', '9000000000000000'],
    ['fraction', 1.5], ['no zone', '2026-11-29T18:00:00'], ['date only', '2026-11-29'], ['words', 'yesterday'],
    ['empty', ''], ['NaN', Number.NaN], ['1e300', 1e300], ['impossible date', '2026-13-45T00:00:00Z'],
  ])('refuses %s with 400 INVALID_INPUT', (_name, value) => {
    expect(refused(() => parseInstantMs(value))).toBe(true)
  })
})

describe('parseDurationMs', () => {
  it('reads ISO-8601 durations and milliseconds', () => {
    expect(parseDurationMs('PT1H')).toBe(3_600_000)
    expect(parseDurationMs('P1DT12H')).toBe(36 * 3_600_000)
    expect(parseDurationMs('pt1.5s')).toBe(1_500)
    expect(parseDurationMs('60000')).toBe(60_000)
    expect(parseDurationMs(5)).toBe(5)
  })
  it.each([['P'], ['PT'], ['1h'], ['-5'], [-5], [1e300], ['P999999D'], ['P1Y']])('refuses %s', (value) => {
    expect(refused(() => parseDurationMs(value))).toBe(true)
  })
})
