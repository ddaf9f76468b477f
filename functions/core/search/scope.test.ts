import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { scopedOptions, scopeFilter, searchWindow } from './scope.ts'

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error: unknown) {
    return error instanceof AppError ? error.code : String(error)
  }
  return 'accepted'
}

describe('searchWindow', () => {
  const now = Date.UTC(2026, 10, 29, 12)

  it('reads RFC 3339 and epoch milliseconds, defaulting to the last 24 hours', () => {
    expect(searchWindow(undefined, undefined, now)).toEqual({ startMs: now - 86_400_000, endMs: now })
    expect(searchWindow('2026-11-29T10:00:00Z', String(now), now)).toEqual({ startMs: Date.UTC(2026, 10, 29, 10), endMs: now })
  })

  it('refuses what the shared instant parser refuses: negative, huge, zone-less, date-only', () => {
    for (const start of ['-1', '9000000000000000', '2026-11-29T10:00:00', '2026-11-29', 'yesterday']) {
      expect(code(() => searchWindow(start, undefined, now)), start).toBe('INVALID_INPUT')
    }
  })

  it('refuses backwards and over-long windows', () => {
    expect(code(() => searchWindow(String(now), String(now - 1), now))).toBe('INVALID_INPUT')
    expect(code(() => searchWindow(String(now - 91 * 86_400_000), String(now), now))).toBe('SEARCH_RANGE_TOO_LARGE')
  })
})

describe('scopedOptions', () => {
  it('scopes every request to the cluster\'s indexed messages, with the window and the time caps', () => {
    expect(scopedOptions('c"1', { startMs: 0, endMs: 1_000 })).toEqual({
      start: '1970-01-01T00:00:00.000Z', end: '1970-01-01T00:00:01.000Z',
      extraStreamFilters: '{kind="messages",cluster="c\\"1"}', timeout: '10000ms', timeoutMs: 20_000,
    })
  })
})

describe('scopeFilter', () => {
  it('adds the allowed topics as one anchored regex on the topic stream field, or nothing for every topic', () => {
    expect(scopeFilter('prod')).toBe('{kind="messages",cluster="prod"}')
    expect(scopeFilter('prod', { all: true })).toBe('{kind="messages",cluster="prod"}')
    expect(scopeFilter('prod', { all: false, patterns: ['orders.*', 'billing'] }))
      .toBe('{kind="messages",cluster="prod",topic=~"^(?:orders\\\\..*|billing)$"}')
  })

  it('passes the topic scope on with every request', () => {
    expect(scopedOptions('prod', { startMs: 0, endMs: 1 }, undefined, { all: false, patterns: ['a*'] }).extraStreamFilters)
      .toBe('{kind="messages",cluster="prod",topic=~"^(?:a.*)$"}')
  })
})
