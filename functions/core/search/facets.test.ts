import { describe, expect, it } from 'vitest'
import type { FacetField } from '../../contract/search.ts'
import { coverageOf, rankFacets } from './facets.ts'

const field = (name: string, values: number, coverage: number, more = false): FacetField => ({
  name, coverage, more, values: Array.from({ length: values }, (_, i) => ({ value: `v${i}`, hits: 1 })),
})

describe('rankFacets', () => {
  it('puts topic and key first, then few-valued fields with good coverage, high-cardinality ones last', () => {
    const ranked = rankFacets([
      field('amount', 10, 1, true), field('event', 10, 1, true), field('key', 10, 1, true),
      field('level', 2, 1), field('region', 3, 0.2), field('status', 4, 0.9), field('topic', 1, 1),
    ])
    expect(ranked.map((f) => f.name)).toEqual(['topic', 'key', 'level', 'status', 'region', 'amount', 'event'])
  })

  it('puts a field with one value on every hit last, since it cannot narrow anything; a pinned one stays first', () => {
    expect(rankFacets([field('source', 1, 1), field('amount', 10, 1, true), field('rare', 1, 0.1), field('topic', 1, 1)]).map((f) => f.name))
      .toEqual(['topic', 'rare', 'amount', 'source'])
  })

  it('orders equally covered fields by fewer values, then by name', () => {
    expect(rankFacets([field('b', 5, 1), field('a', 5, 1), field('c', 2, 1)]).map((f) => f.name)).toEqual(['c', 'a', 'b'])
  })
})

describe('coverageOf', () => {
  it('reads the total from the field every message has and each field as a share of it', () => {
    const { total, coverage } = coverageOf([{ name: '_time', hits: 400 }, { name: 'status', hits: 100 }, { name: 'key', hits: 400 }])
    expect(total).toBe(400)
    expect(coverage.get('status')).toBe(0.25)
    expect(coverage.get('key')).toBe(1)
  })

  it('says zero for no hits', () => {
    expect(coverageOf([])).toEqual({ total: 0, coverage: new Map() })
  })
})
