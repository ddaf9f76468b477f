import { describe, expect, it } from 'vitest'
import { hex } from '../../../testing/bytes.ts'
import { timestampAt } from './record-batch.ts'

const first = 1_700_000_000_000

// Offsets 10 and 11, CreateTime, written 0 and 500 ms after the batch's base timestamp.
const batch = hex(
  '000000000000000a', // base_offset 10
  '00000042', // batch_length 66
  '00000000', // partition_leader_epoch
  '02', // magic 2
  '00000000', // crc (not checked when reading)
  '0000', // attributes: CreateTime, uncompressed
  '00000001', // last_offset_delta 1
  '0000018bcfe56800', // base_timestamp 1700000000000
  '0000018bcfe569f4', // max_timestamp 1700000000500
  'ffffffffffffffff ffff ffffffff', // producer id, epoch, base sequence: none
  '00000002', // 2 records
  '0e 00 00 00 01 02 61 00', // length 7, attributes, timestamp_delta 0, offset_delta 0, key null, value "a", no headers
  '10 00 e807 02 01 02 62 00', // length 8, attributes, timestamp_delta 500, offset_delta 1, key null, value "b", no headers
)

const withAttributes = (bytes: Buffer, attributes: number) => {
  const copy = Buffer.from(bytes)
  copy.writeInt16BE(attributes, 21)
  return copy
}

// A transaction marker before the batch: offset 9, its own header only.
const controlBatch = hex(
  '0000000000000009 00000031 00000000 02 00000000',
  '0020', // attributes: control batch
  '00000000 0000018bcfe56800 0000018bcfe56800 ffffffffffffffff ffff ffffffff 00000000',
)

describe('timestampAt', () => {
  it('reads a record inside a batch from its timestamp delta', () => {
    expect(timestampAt(batch, 11n)).toEqual({ timestamp: first + 500, exact: true })
  })

  it('takes the base timestamp for the batch\'s first record without decoding it', () => {
    expect(timestampAt(batch, 10n)).toEqual({ timestamp: first, exact: true })
    expect(timestampAt(batch, 4n)).toEqual({ timestamp: first, exact: true })
  })

  it('takes the max timestamp when the broker set LogAppendTime', () => {
    expect(timestampAt(withAttributes(batch, 0x08), 11n)).toEqual({ timestamp: first + 500, exact: true })
  })

  it('gives the first record\'s time, inexact, for a batch cut short', () => {
    expect(timestampAt(batch.subarray(0, 70), 11n)).toEqual({ timestamp: first, exact: false })
  })

  it('skips control batches', () => {
    expect(timestampAt(Buffer.concat([controlBatch, batch]), 9n)).toEqual({ timestamp: first, exact: true })
  })

  it('knows nothing past the last batch', () => {
    expect(timestampAt(batch, 12n)).toEqual({ timestamp: null, exact: false })
    expect(timestampAt(batch.subarray(0, 60), 10n)).toEqual({ timestamp: null, exact: false })
  })
})
