// ListOffsets v7 (API key 2), encoded here because the client's Admin.listOffsets() fails the
// whole call on one partition's error and has no MAX_TIMESTAMP (v7 is the first with it, Kafka 3.0;
// v6-v9 share this layout). Per-partition error codes are data here, mapped by the caller.
//
// ListOffsets Request (Version: 7) => replica_id isolation_level [topics] TAG_BUFFER
//   replica_id => INT32
//   isolation_level => INT8
//   topics => name [partitions] TAG_BUFFER
//     name => COMPACT_STRING
//     partitions => partition_index current_leader_epoch timestamp TAG_BUFFER
//       partition_index => INT32
//       current_leader_epoch => INT32
//       timestamp => INT64
//
// ListOffsets Response (Version: 7) => throttle_time_ms [topics] TAG_BUFFER
//   throttle_time_ms => INT32
//   topics => name [partitions] TAG_BUFFER
//     name => COMPACT_STRING
//     partitions => partition_index error_code timestamp offset leader_epoch TAG_BUFFER
//       partition_index => INT32
//       error_code => INT16
//       timestamp => INT64
//       offset => INT64
//       leader_epoch => INT32
import { createAPI, Writer, type Reader } from './client.ts'

export interface ListOffsetsTopic { name: string; partitions: number[] }

export interface ListOffsetsResponse {
  topics: { name: string; partitions: { partition: number; errorCode: number; timestamp: bigint; offset: bigint; leaderEpoch: number }[] }[]
}

/** The timestamp field's special values. */
export const latestTimestamp = -1n
export const earliestTimestamp = -2n
export const maxTimestamp = -3n

const consumerReplicaId = -1
const readUncommitted = 0
const noLeaderEpoch = -1

export function createRequest(timestamp: bigint, topics: ListOffsetsTopic[]): Writer {
  return Writer.create()
    .appendInt32(consumerReplicaId)
    .appendInt8(readUncommitted)
    .appendArray(topics, (w, t) => {
      w.appendString(t.name).appendArray(t.partitions, (pw, partition) => {
        pw.appendInt32(partition).appendInt32(noLeaderEpoch).appendInt64(timestamp)
      })
    })
    .appendTaggedFields()
}

export function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): ListOffsetsResponse {
  reader.readInt32() // throttle time
  return {
    topics: reader.readArray((r) => ({
      name: r.readString(),
      partitions: r.readArray((p) => ({
        partition: p.readInt32(), errorCode: p.readInt16(), timestamp: p.readInt64(), offset: p.readInt64(), leaderEpoch: p.readInt32(),
      })),
    })),
  }
}

/** The same timestamp for every partition asked: one request per spec. */
export const listOffsetsV7 = createAPI<[bigint, ListOffsetsTopic[]], ListOffsetsResponse>(2, 7, createRequest, parseResponse)
