// Fetch v12 (API key 1), encoded here to read record batches as raw bytes: record-timestamps.ts
// needs only the batch headers (and at most one batch decoded), not every record of every
// batch. v12 names topics (v13+ use ids); every broker from Kafka 3.1 on speaks it. Per-partition
// errors are data here, not a reason to fail the whole request.
//
// Fetch Request (Version: 12) => replica_id max_wait_ms min_bytes max_bytes isolation_level session_id session_epoch [topics] [forgotten_topics_data] rack_id TAG_BUFFER
//   replica_id => INT32
//   max_wait_ms => INT32
//   min_bytes => INT32
//   max_bytes => INT32
//   isolation_level => INT8
//   session_id => INT32
//   session_epoch => INT32
//   topics => topic [partitions] TAG_BUFFER
//     topic => COMPACT_STRING
//     partitions => partition current_leader_epoch fetch_offset last_fetched_epoch log_start_offset partition_max_bytes TAG_BUFFER
//       partition => INT32
//       current_leader_epoch => INT32
//       fetch_offset => INT64
//       last_fetched_epoch => INT32
//       log_start_offset => INT64
//       partition_max_bytes => INT32
//   forgotten_topics_data => topic [partitions] TAG_BUFFER
//     topic => COMPACT_STRING
//     partitions => INT32
//   rack_id => COMPACT_STRING
//
// Fetch Response (Version: 12) => throttle_time_ms error_code session_id [responses] TAG_BUFFER
//   throttle_time_ms => INT32
//   error_code => INT16
//   session_id => INT32
//   responses => topic [partitions] TAG_BUFFER
//     topic => COMPACT_STRING
//     partitions => partition_index error_code high_watermark last_stable_offset log_start_offset [aborted_transactions] preferred_read_replica records TAG_BUFFER
//       partition_index => INT32
//       error_code => INT16
//       high_watermark => INT64
//       last_stable_offset => INT64
//       log_start_offset => INT64
//       aborted_transactions => producer_id first_offset TAG_BUFFER
//         producer_id => INT64
//         first_offset => INT64
//       preferred_read_replica => INT32
//       records => COMPACT_RECORDS
import { createAPI, Writer, type Reader } from './client.ts'

export interface FetchV12Topic { name: string; partitions: { partition: number; leaderEpoch: number; offset: bigint }[] }

export interface FetchV12Partition {
  partition: number
  errorCode: number
  highWatermark: bigint
  /** The record batches as sent (the last one may be cut short), null when none came. */
  records: Buffer | null
}

export interface FetchV12Response { errorCode: number; topics: { name: string; partitions: FetchV12Partition[] }[] }

const consumerReplicaId = -1
const noWait = 0
const minBytes = 1
const readUncommitted = 0
const noSession = 0
const sessionless = -1

export function createRequest(maxBytes: number, partitionMaxBytes: number, topics: FetchV12Topic[]): Writer {
  return Writer.create()
    .appendInt32(consumerReplicaId).appendInt32(noWait).appendInt32(minBytes).appendInt32(maxBytes)
    .appendInt8(readUncommitted).appendInt32(noSession).appendInt32(sessionless)
    .appendArray(topics, (w, t) => {
      w.appendString(t.name).appendArray(t.partitions, (pw, p) => {
        pw.appendInt32(p.partition).appendInt32(p.leaderEpoch).appendInt64(p.offset).appendInt32(-1).appendInt64(-1n).appendInt32(partitionMaxBytes)
      })
    })
    .appendArray([], () => {}) // forgotten topics
    .appendString('') // rack id
    .appendTaggedFields()
}

export function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): FetchV12Response {
  reader.readInt32() // throttle time
  const errorCode = reader.readInt16()
  reader.readInt32() // session id
  const topics = reader.readArray((r) => ({
    name: r.readString(),
    partitions: r.readArray((pr): FetchV12Partition => {
      const partition = pr.readInt32()
      const code = pr.readInt16()
      const highWatermark = pr.readInt64()
      pr.readInt64(); pr.readInt64() // last stable offset, log start offset
      pr.readArray((ar) => { ar.readInt64(); ar.readInt64() }) // aborted transactions
      pr.readInt32() // preferred read replica
      const size = pr.readUnsignedVarInt() - 1
      const records = size > 0 ? pr.buffer.slice(pr.position, pr.position + size) : null
      if (size > 0) pr.skip(size)
      return { partition, errorCode: code, highWatermark, records }
    }),
  }))
  return { errorCode, topics }
}

export const fetchV12 = createAPI<[number, number, FetchV12Topic[]], FetchV12Response>(1, 12, createRequest, parseResponse)
