import { describe, expect, it } from 'vitest'
import { nextOffsetOf, recordsOf, type DecodedBatch } from './fetch.ts'

const record = (offsetDelta: number, timestampDelta: bigint, value: string) =>
  ({ offsetDelta, timestampDelta, key: null, value: Buffer.from(value), headers: [] as [Buffer | null, Buffer | null][] })
const batch = (firstOffset: bigint, attributes: number, records: DecodedBatch['records']): DecodedBatch =>
  ({ firstOffset, lastOffsetDelta: Math.max(0, ...records.map((r) => r.offsetDelta)), attributes, firstTimestamp: 1_000n, maxTimestamp: 9_000n, records })

describe('recordsOf', () => {
  it('gives each record its offset and time (CreateTime: base + delta), from the asked offset on', () => {
    const records = recordsOf('t', 2, 11n, [batch(10n, 0, [record(0, 0n, 'a'), record(1, 5n, 'b'), record(2, 7n, 'c')])])
    expect(records.map((r) => [r.topic, r.partition, r.offset, r.timestamp, r.value?.toString()])).toEqual([['t', 2, '11', 1_005, 'b'], ['t', 2, '12', 1_007, 'c']])
  })

  it('uses the batch\'s max timestamp under LogAppendTime and skips control batches', () => {
    const records = recordsOf('t', 0, 0n, [batch(0n, 0x20, [record(0, 0n, 'marker')]), batch(1n, 0x08, [record(0, 3n, 'x')])])
    expect(records.map((r) => [r.offset, r.timestamp])).toEqual([['1', 9_000]])
  })
})

describe('nextOffsetOf', () => {
  it('moves past the last batch, control batches and compacted gaps included', () => {
    // A transaction marker at 5 after records 3-4, a batch compacted down to offsets 6 and 9.
    const batches = [batch(3n, 0, [record(0, 0n, 'a'), record(1, 0n, 'b')]), batch(5n, 0x20, [record(0, 0n, 'marker')]), batch(6n, 0, [record(0, 0n, 'c'), record(3, 0n, 'd')])]
    expect(nextOffsetOf(3n, batches)).toBe(10n)
    expect(nextOffsetOf(3n, [batch(5n, 0x20, [record(0, 0n, 'marker')])])).toBe(6n)
  })

  it('stays where it was when nothing came', () => {
    expect(nextOffsetOf(42n, [])).toBe(42n)
  })
})
