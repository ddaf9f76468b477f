import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { CompiledPlan, prepareBatch } from './batch.ts'
import type { TopicPlan } from './plan.ts'
import { murmur3, sampled } from './sampling.ts'

const topicPlan = (extra: Partial<TopicPlan> = {}): TopicPlan => ({
  topic: 'orders', enabled: true, sampleRate: 0.1, keep: [], maxValueBytes: 1024, extractFields: 0, updatedAt: '', updatedBy: '', ...extra,
})
const rec = (i: number, key: string | null, value = `order ${i}`): RawRecord => ({
  topic: 'orders', partition: i % 3, offset: String(i), timestamp: 1_700_000_000_000 + i, key: key === null ? null : Buffer.from(key), value: Buffer.from(value), headers: [],
})

describe('key-hash sampling', () => {
  it('is MurmurHash3 (reference vectors)', () => {
    expect(murmur3(Buffer.from(''))).toBe(0)
    expect(murmur3(Buffer.from('hello'))).toBe(0x248bfa47)
    expect(murmur3(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x2e4ff723)
  })

  it('keeps about the rate of 10,000 distinct keys, and a key kept at 0.1 is kept at 0.5', () => {
    let kept = 0
    for (let i = 0; i < 10_000; i++) {
      const key = Buffer.from(`user-${i}`)
      if (sampled(key, 0, '0', 0.1)) {
        kept++
        expect(sampled(key, 0, '0', 0.5)).toBe(true)
      }
    }
    expect(kept / 10_000).toBeGreaterThan(0.09)
    expect(kept / 10_000).toBeLessThan(0.11)
  })
})

describe('prepareBatch', () => {
  it('keeps or drops all records of one key together, counts seen vs indexed, and keep rules win over the rate', () => {
    const records = Array.from({ length: 5_000 }, (_, i) => rec(i, `user-${i % 500}`, i % 97 === 0 ? `order ${i} ERROR` : `order ${i}`))
    const plan = new CompiledPlan({ cluster: 'local', topics: [topicPlan({ keep: ['ERROR'] })] })
    const prepared = prepareBatch(records, plan)
    const { counters, statsDocuments } = prepared
    const documents = prepared.documents.parse()
    // Per key: all 10 records when the key is in the sample, else only its ERROR records.
    const byKey = new Map<string, number>()
    for (const d of documents) byKey.set(String(d.key), (byKey.get(String(d.key)) ?? 0) + 1)
    for (let k = 0; k < 500; k++) {
      const key = `user-${k}`
      const errorsOfKey = records.filter((r) => r.key?.toString() === key && r.value?.toString().includes('ERROR')).length
      expect(byKey.get(key) ?? 0).toBe(sampled(Buffer.from(key), 0, '0', 0.1) ? 10 : errorsOfKey)
    }
    const errors = records.filter((r) => r.value?.toString().includes('ERROR')).length
    expect(documents.filter((d) => String(d._msg).includes('ERROR'))).toHaveLength(errors)
    expect(documents.filter((d) => String(d._msg).includes('ERROR')).every((d) => d.sampleRate === 1)).toBe(true)
    expect(documents.filter((d) => !String(d._msg).includes('ERROR')).every((d) => d.sampleRate === 0.1)).toBe(true)
    const c = counters.get('orders')
    expect(c).toMatchObject({ seen: 5_000, indexed: documents.length })
    expect(c?.kept).toBeGreaterThan(0)
    expect(statsDocuments).toEqual([expect.objectContaining({ kind: 'indexstats', cluster: 'local', topic: 'orders', seen: 5_000, indexed: documents.length })])
  })

  it('samples records without a key on (partition, offset), and skips topics the plan does not enable', () => {
    const plan = new CompiledPlan({ cluster: 'local', topics: [topicPlan({ sampleRate: 0.5 }), topicPlan({ topic: 'off', enabled: false })] })
    const records = [...Array.from({ length: 2_000 }, (_, i) => rec(i, null)), { ...rec(1, 'k'), topic: 'off' }]
    const prepared = prepareBatch(records, plan)
    const { counters } = prepared
    const documents = prepared.documents.parse()
    expect(documents.length / 2_000).toBeGreaterThan(0.45)
    expect(documents.length / 2_000).toBeLessThan(0.55)
    expect(counters.has('off')).toBe(false)
  })
})
