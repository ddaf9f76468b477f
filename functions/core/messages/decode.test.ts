import { describe, expect, it } from 'vitest'
import { decodePayload } from './decode.ts'
import { compileFilter } from './filter.ts'
import { decodeResumeToken, encodeResumeToken } from './resume.ts'

describe('decodePayload', () => {
  it.each([
    [null, { value: null, encoding: 'null', size: 0, truncated: false }],
    [Buffer.from('{"a":1}'), { value: '{"a":1}', encoding: 'json', size: 7, truncated: false }],
    [Buffer.from('[1,2]'), { value: '[1,2]', encoding: 'json', size: 5, truncated: false }],
    [Buffer.from('{not json}'), { value: '{not json}', encoding: 'text', size: 10, truncated: false }],
    [Buffer.from('42'), { value: '42', encoding: 'text', size: 2, truncated: false }],
    [Buffer.from('héllo'), { value: 'héllo', encoding: 'text', size: 6, truncated: false }],
    [Buffer.from([0xff, 0xfe, 0x00]), { value: '//4A', encoding: 'base64', size: 3, truncated: false }],
    [Buffer.from('a\u0000b'), { value: Buffer.from('a\u0000b').toString('base64'), encoding: 'base64', size: 3, truncated: false }],
  ])('%s', (input, expected) => {
    expect(decodePayload(input, 1000)).toEqual(expected)
  })

  it('truncates at the cap without splitting a character, keeping the real size and the detected type', () => {
    const value = Buffer.from(`{"s":"${'é'.repeat(10)}"}`)
    const decoded = decodePayload(value, 7)
    expect(decoded).toMatchObject({ encoding: 'json', size: value.length, truncated: true })
    expect(decoded.value).toBe('{"s":"')
    expect(decodePayload(Buffer.alloc(10, 0xff), 4)).toEqual({ value: Buffer.alloc(4, 0xff).toString('base64'), encoding: 'base64', size: 10, truncated: true })
  })
})

describe('compileFilter', () => {
  const record = (value: string, key = '', headers: [string, string][] = []) => ({
    topic: 't', partition: 0, offset: '0', timestamp: 0, key: Buffer.from(key), value: Buffer.from(value),
    headers: headers.map(([k, v]) => [Buffer.from(k), Buffer.from(v)] as [Buffer, Buffer]),
  })

  it('matches substrings case-insensitively on key, value and header values', () => {
    const filter = compileFilter('ErRoR')
    expect(filter?.(record('an error'))).toBe(true)
    expect(filter?.(record('fine', 'ERROR-1'))).toBe(true)
    expect(filter?.(record('fine', '', [['level', 'Error']]))).toBe(true)
    expect(filter?.(record('fine', '', [['error', 'no']]))).toBe(false)
  })

  it('supports /regex/ with flags, and rejects a broken one with INVALID_INPUT', () => {
    expect(compileFilter('/^order-\\d{3}$/')?.(record('ORDER-123'))).toBe(true)
    expect(compileFilter('/^order-\\d{3}$/')?.(record('order-1234'))).toBe(false)
    expect(() => compileFilter('/(/')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error)
    expect(compileFilter('')).toBeUndefined()
  })
})

describe('resume tokens', () => {
  it('round-trip positions for their topic only', () => {
    const positions = new Map([[2, 9_007_199_254_740_993n], [0, 5n]])
    const token = encodeResumeToken('orders', positions)
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeResumeToken(token, 'orders')).toEqual(new Map([[0, 5n], [2, 9_007_199_254_740_993n]]))
    expect(() => decodeResumeToken(token, 'payments')).toThrow(/another topic/)
    expect(() => decodeResumeToken('!!', 'orders')).toThrow(/not a resume token/)
    expect(() => decodeResumeToken(Buffer.from('{"t":"orders","p":[[0,"-1"]]}').toString('base64url'), 'orders')).toThrow(/malformed/)
  })
})
