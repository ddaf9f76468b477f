import { describe, expect, it } from 'vitest'
import { exactFilter, logsqlString, streamFilter } from './logsql.ts'

describe('LogsQL builders', () => {
  it('quote values so quotes, backslashes and braces cannot end the literal', () => {
    expect(logsqlString('a"b\\c}')).toBe('"a\\"b\\\\c}"')
    expect(logsqlString('line\nbreak')).toBe('"line\\nbreak"')
  })

  it('build stream filters in the order given, with in (…) for several values, leaving out undefined', () => {
    expect(streamFilter({ kind: 'audit', cluster: 'local' })).toBe('{kind="audit",cluster="local"}')
    expect(streamFilter({ kind: 'storage', cluster: 'c"1', record: 'topic', topic: ['a', 'b'] })).toBe('{kind="storage",cluster="c\\"1",record="topic",topic in ("a","b")}')
    expect(streamFilter({ kind: 'storage', topic: undefined })).toBe('{kind="storage"}')
  })

  it('build regex stream filters, quoted like any value', () => {
    expect(streamFilter({ kind: 'messages', topic: { regex: '^(?:orders\\..*)$' } })).toBe('{kind="messages",topic=~"^(?:orders\\\\..*)$"}')
    expect(streamFilter({ topic: { regex: '"}|{kind="audit' } })).toBe('{topic=~"\\"}|{kind=\\"audit"}')
  })

  it('build exact-match filters', () => {
    expect(exactFilter('target', 'orders "x"')).toBe('target:="orders \\"x\\""')
  })
})
