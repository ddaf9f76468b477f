import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { compileBrowseFilter, matchesCondition, parseJsonPathCondition, type BrowseFilterSpec } from './browse-filter.ts'

const record = (key: string | null, value: string | null, headers: Record<string, string> = {}): RawRecord => ({
  topic: 't', partition: 0, offset: '0', timestamp: 0,
  key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value),
  headers: Object.entries(headers).map(([k, v]) => [Buffer.from(k), Buffer.from(v)]),
})

const matches = (spec: Partial<BrowseFilterSpec> & { text: string }, r: RawRecord) =>
  compileBrowseFilter({ field: 'any', kind: 'text', ...spec })?.(r)

describe('browse filters', () => {
  const paid = record('order-1', JSON.stringify({ order: { status: 'paid', total: 42, items: [{ sku: 'a' }] } }), { source: 'web' })
  const open = record('order-2', JSON.stringify({ order: { status: 'open', total: 7 } }), { source: 'batch' })

  it('match a substring case-insensitively on the chosen field', () => {
    expect(matches({ text: 'ORDER-1', field: 'key' }, paid)).toBe(true)
    expect(matches({ text: 'order-1', field: 'value' }, paid)).toBe(false)
    expect(matches({ text: 'web', field: 'header', header: 'source' }, paid)).toBe(true)
    expect(matches({ text: 'web', field: 'header', header: 'other' }, paid)).toBe(false)
    expect(matches({ text: 'batch' }, open)).toBe(true)
    expect(matches({ text: 'x' }, record(null, null))).toBe(false)
  })

  it('match an RE2 regex and refuse what RE2 cannot run', () => {
    expect(matches({ text: '^order-\\d$', kind: 'regex', field: 'key' }, paid)).toBe(true)
    expect(matches({ text: '"status":"pa+id"', kind: 'regex', field: 'value' }, paid)).toBe(true)
    expect(() => matches({ text: '(?=x)', kind: 'regex' }, paid)).toThrow(/look-ahead/)
  })

  it('evaluate JSON path conditions on the value', () => {
    expect(matches({ text: '$.order.status == "paid"', kind: 'jsonPath', field: 'value' }, paid)).toBe(true)
    expect(matches({ text: '$.order.status == "paid"', kind: 'jsonPath', field: 'value' }, open)).toBe(false)
    expect(matches({ text: '$.order.total > 10', kind: 'jsonPath', field: 'value' }, paid)).toBe(true)
    expect(matches({ text: '$.order.total > 10', kind: 'jsonPath', field: 'value' }, open)).toBe(false)
    expect(matches({ text: '$.order.items[0].sku', kind: 'jsonPath', field: 'value' }, paid)).toBe(true)
    expect(matches({ text: '$.order.items[0].sku', kind: 'jsonPath', field: 'value' }, open)).toBe(false)
    expect(matches({ text: '$.order.status != "paid"', kind: 'jsonPath', field: 'value' }, record(null, 'not json'))).toBe(false)
  })

  it('parse paths with quoted names and refuse what they cannot read', () => {
    expect(parseJsonPathCondition('$["a b"].c[2] <= 3')).toEqual({ path: ['a b', 'c', 2], operator: '<=', expected: 3 })
    expect(matchesCondition({ 'a b': { c: [0, 0, 3] } }, parseJsonPathCondition('$["a b"].c[2] <= 3'))).toBe(true)
    expect(() => parseJsonPathCondition('order.status == "paid"')).toThrow(/starts with \$/)
    expect(() => parseJsonPathCondition('$.status == paid')).toThrow(/must be JSON/)
    expect(() => parseJsonPathCondition('$.status ~ "x"')).toThrow(/cannot read/)
  })

  it('is absent without text', () => {
    expect(compileBrowseFilter({ text: '', field: 'any', kind: 'text' })).toBeUndefined()
    expect(compileBrowseFilter(undefined)).toBeUndefined()
  })
})
