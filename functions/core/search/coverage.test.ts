import { describe, expect, it } from 'vitest'
import type { TopicPlan } from '../indexing/plan.ts'
import { notIndexedCap, searchCoverage } from './coverage.ts'

const planned = (topic: string, enabled: boolean, sampleRate = 1, keep: string[] = []): TopicPlan => ({
  topic, enabled, sampleRate, keep, maxValueBytes: 32768, extractFields: 20, updatedAt: '2026-11-29T10:00:00.000Z', updatedBy: 'test',
})
const kafka = (...names: string[]) => names.map((name) => ({ name, internal: false }))

describe('searchCoverage', () => {
  it('lists indexed topics with their rate, paused ones, and Kafka topics outside the plan (internal ones left out)', () => {
    const coverage = searchCoverage(
      { cluster: 'c', topics: [planned('payments', true, 0.1, ['vip']), planned('orders', true), planned('audit', false)] },
      [...kafka('orders', 'payments', 'audit', 'clicks', '__consumer_offsets'), { name: 'internal-ish', internal: true }],
    )
    expect(coverage).toEqual({
      indexed: [
        { topic: 'orders', sampleRate: 1, keepRules: 0, updatedAt: '2026-11-29T10:00:00.000Z' },
        { topic: 'payments', sampleRate: 0.1, keepRules: 1, updatedAt: '2026-11-29T10:00:00.000Z' },
      ],
      paused: ['audit'],
      notIndexed: ['clicks'],
      notIndexedTotal: 1,
    })
  })

  it('shows only the topics the principal may see', () => {
    const coverage = searchCoverage({ cluster: 'c', topics: [planned('orders', true), planned('secret', true)] }, kafka('orders', 'secret', 'other', 'hidden'), (t) => t !== 'secret' && t !== 'hidden')
    expect(coverage.indexed.map((t) => t.topic)).toEqual(['orders'])
    expect(coverage.notIndexed).toEqual(['other'])
  })

  it('caps the list of topics not indexed and says how many there are', () => {
    const names = Array.from({ length: notIndexedCap + 5 }, (_, i) => `t${String(i).padStart(4, '0')}`)
    const coverage = searchCoverage({ cluster: 'c', topics: [] }, kafka(...names))
    expect(coverage.notIndexed).toHaveLength(notIndexedCap)
    expect(coverage.notIndexedTotal).toBe(notIndexedCap + 5)
  })
})
