import { describe, expect, it } from 'vitest'
import { recordsOf, type DecodedBatch } from './fetch.ts'

const record = (offsetDelta: number, timestampDelta: bigint, value: string) =>
  ({ offsetDelta, timestampDelta, key: null, value: Buffer.from(value), headers: [] as [Buffer | null, Buffer | null][] })
const batch = (firstOffset: bigint, attributes: number, records: DecodedBatch['records']): DecodedBatch =>
  ({ firstOffset, attributes, firstTimestamp: 1_000n, maxTimestamp: 9_000n, records })

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
