// Record batches (magic 2) read from raw Fetch bytes, header first: a record's time is known
// from the batch header alone unless it sits inside a batch with CreateTime, and only then is
// that one batch decoded (by the client's codec, compressed or not).
//
// RecordBatch => base_offset batch_length partition_leader_epoch magic crc attributes last_offset_delta
//                base_timestamp max_timestamp producer_id producer_epoch base_sequence [records]
//   base_offset => INT64              (byte 0)
//   batch_length => INT32             (byte 8: bytes after this field)
//   partition_leader_epoch => INT32   (byte 12)
//   magic => INT8                     (byte 16)
//   crc => UINT32                     (byte 17)
//   attributes => INT16               (byte 21: bit 3 LogAppendTime, bit 5 control batch)
//   last_offset_delta => INT32        (byte 23)
//   base_timestamp => INT64           (byte 27)
//   max_timestamp => INT64            (byte 35)
//   producer_id => INT64              (byte 43)
//   producer_epoch => INT16           (byte 51)
//   base_sequence => INT32            (byte 53)
//   records => INT32 count, then per record (byte 57):
//     length => VARINT, attributes => INT8, timestamp_delta => VARLONG, offset_delta => VARINT,
//     key => VARINT length + bytes, value => VARINT length + bytes, [headers] => VARINT count + ...
import { readRecordsBatch, Reader } from './client.ts'
import type { RecordTimestamp } from '../types.ts'

const batchHeader = 61
const controlBatch = 0x20
const logAppendTime = 0x08

/** Walks the batches from the fetch offset to the one holding `offset`. */
export function timestampAt(records: Buffer, offset: bigint): RecordTimestamp {
  let position = 0
  while (records.length - position >= batchHeader) {
    const base = records.readBigInt64BE(position)
    const size = 12 + records.readInt32BE(position + 8)
    const attributes = records.readInt16BE(position + 21)
    const last = base + BigInt(records.readInt32BE(position + 23))
    const firstTimestamp = Number(records.readBigInt64BE(position + 27))
    const maxTimestamp = Number(records.readBigInt64BE(position + 35))
    const complete = records.length - position >= size
    if (last >= offset && !(attributes & controlBatch)) {
      if (attributes & logAppendTime) return { timestamp: maxTimestamp, exact: true }
      if (base >= offset) return { timestamp: firstTimestamp, exact: true }
      // Brokers that return a cut batch give its header: its first record's time stands in.
      if (!complete) return { timestamp: firstTimestamp, exact: false }
      const batch = readRecordsBatch(Reader.from(records.subarray(position, position + size)))
      const record = batch.records.find((r) => base + BigInt(r.offsetDelta) >= offset)
      if (record) return { timestamp: firstTimestamp + Number(record.timestampDelta), exact: true }
    }
    if (!complete) break
    position += size
  }
  return { timestamp: null, exact: false }
}
