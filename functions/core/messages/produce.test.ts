import { describe, expect, it } from 'vitest'
import { batchOverheadBytes, recordBytes, sendGroups, type PreparedRecord } from './produce.ts'

describe('recordBytes', () => {
  it('counts a v2 record: attributes, deltas at their largest, length-prefixed key and value, headers', () => {
    // attributes, timestamp delta, offset delta, key (length 1 → 1 byte), value (length 100 is
    // zig-zag 200: 2 bytes), header count; then the body's own length (122 → zig-zag 244: 2 bytes).
    const body = 1 + 10 + 5 + (1 + 1) + (2 + 100) + 1
    expect(recordBytes({ key: Buffer.from('k'), value: Buffer.alloc(100), headers: [] })).toBe(2 + body)
    // A null key or value is the single length byte of -1.
    expect(recordBytes({ key: null, value: null, headers: [] })).toBe(1 + (1 + 10 + 5 + 1 + 1 + 1))
    const withHeader = recordBytes({ key: null, value: null, headers: [['trace', Buffer.from('abc')]] })
    expect(withHeader).toBe(1 + (1 + 10 + 5 + 1 + 1 + 1 + (1 + 5) + (1 + 3)))
  })
})

describe('sendGroups', () => {
  const record = (partition: number, bytes: number): PreparedRecord => ({ partition, key: null, value: null, headers: [], bytes })

  it('keeps every partition\'s batch of a request within max.message.bytes', () => {
    const records = [record(0, 600), record(0, 600), record(1, 600), record(0, 100)]
    expect(sendGroups(records, 1024)).toEqual([[0], [1, 2, 3]])
    expect(sendGroups(records, 10_000)).toEqual([[0, 1, 2, 3]])
    expect(sendGroups([record(0, 1024 - batchOverheadBytes)], 1024)).toEqual([[0]])
  })
})
