// The live-tail filter runs viewer-supplied patterns inside the shared process: none may stall it.
import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { compileFilter } from './filter.ts'

const record = (value: string, key = '', headers: [string, string][] = []): RawRecord => ({
  topic: 't', partition: 0, offset: '0', timestamp: 0, key: Buffer.from(key), value: Buffer.from(value),
  headers: headers.map(([k, v]) => [Buffer.from(k), Buffer.from(v)] as [Buffer, Buffer]),
})

// On a backtracking engine each of these takes from seconds to forever (issue 11, row 1); the
// timeout only reports a regression, since a synchronous stall cannot be interrupted.
describe('compileFilter on patterns that backtrack catastrophically elsewhere', () => {
  it('/(a+)+$/ against 28 a\'s and a "!" answers at once, correctly', { timeout: 5_000 }, () => {
    const filter = compileFilter('/(a+)+$/')
    // No run of a's ends the text, so no match: the case that backtracks for 2^28 steps.
    expect(filter?.(record(`${'a'.repeat(28)}!`))).toBe(false)
    expect(filter?.(record(`!${'a'.repeat(28)}`))).toBe(true)
  })

  it('/^(.|.)*Z$/ against an ordinary 50-byte JSON line answers at once, correctly', { timeout: 5_000 }, () => {
    const line = JSON.stringify({ id: 1234, level: 'info', msg: 'order shipped ok' })
    expect(line.length).toBeGreaterThanOrEqual(50)
    const filter = compileFilter('/^(.|.)*Z$/')
    expect(filter?.(record(line))).toBe(false)
    // Case-insensitive, as every tail filter: a final "z" matches too.
    expect(filter?.(record(`${line}z`))).toBe(true)
  })
})

describe('compileFilter semantics', () => {
  it('stays case-insensitive for /regex/ and honours the m and s flags', () => {
    expect(compileFilter('/Order-\\d+/')?.(record('ORDER-7'))).toBe(true)
    expect(compileFilter('/^b$/')?.(record('a\nb'))).toBe(false)
    expect(compileFilter('/^b$/m')?.(record('a\nb'))).toBe(true)
    expect(compileFilter('/a.b/')?.(record('a\nb'))).toBe(false)
    expect(compileFilter('/a.b/s')?.(record('a\nb'))).toBe(true)
    expect(compileFilter('/é/')?.(record('CAFÉ'))).toBe(true)
  })

  it('matches on key, value and header values', () => {
    const filter = compileFilter('/^id-\\d+$/')
    expect(filter?.(record('x', 'id-42'))).toBe(true)
    expect(filter?.(record('x', 'k', [['trace', 'ID-7']]))).toBe(true)
    expect(filter?.(record('x', 'k', [['id-1', 'no']]))).toBe(false)
  })

  it.each([
    ['/(a)\\1/', 'back-references'],
    ['/a(?=b)/', 'look-ahead and look-behind'],
    ['/(?<!a)b/', 'look-ahead and look-behind'],
    ['/(/', 'not a valid regular expression'],
    ['/x{1001}/', 'not a valid regular expression'],
    [`/${'(?:[a-z]{0,99}x)'.repeat(12)}/`, 'too complex'],
    ['/abc/y', "flag 'y'"],
  ])('refuses %s with INVALID_INPUT naming the problem (%s)', (q, problem) => {
    expect(() => compileFilter(q)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(problem) }) as Error)
  })
})

describe('compileFilter on decoded JSON text', () => {
  it('matches a key or value given as text as it matches the same bytes, both forms', () => {
    const json = JSON.stringify({ id: 7, message: 'Order NEEDLE shipped', note: 'İstanbul' })
    const asText = { ...record(''), key: '{"k":"abc"}', value: json }
    for (const query of ['needle', 'stanbul', '"k":"abc"', '/needle\\s+shipped/', '/"K"/']) {
      const filter = compileFilter(query)
      expect(filter?.(asText)).toBe(true)
      expect(filter?.(asText)).toBe(filter?.({ ...record(json), key: Buffer.from('{"k":"abc"}') }))
    }
    expect(compileFilter('haystack')?.(asText)).toBe(false)
    expect(compileFilter('/haystack/')?.(asText)).toBe(false)
  })
})
