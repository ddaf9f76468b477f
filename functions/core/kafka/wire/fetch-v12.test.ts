import { Reader } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import { hex } from '../../../testing/bytes.ts'
import { createRequest, fetchV12, parseResponse } from './fetch-v12.ts'

describe('Fetch v12', () => {
  it('is API key 1, version 12', () => {
    expect([fetchV12.key, fetchV12.version]).toEqual([1, 12])
  })

  it('encodes the request', () => {
    const bytes = createRequest(1024, 16_384, [{ name: 't', partitions: [{ partition: 1, leaderEpoch: 4, offset: 100n }] }]).buffer
    expect(bytes).toEqual(hex(
      'ffffffff', // replica_id -1 (a consumer)
      '00000000', // max_wait_ms 0
      '00000001', // min_bytes 1
      '00000400', // max_bytes 1024
      '00', // isolation_level READ_UNCOMMITTED
      '00000000', // session_id 0 (no session)
      'ffffffff', // session_epoch -1 (sessionless)
      '02', // topics: 1
      '02 74', // topic "t"
      '02', // partitions: 1
      '00000001', // partition 1
      '00000004', // current_leader_epoch 4
      '0000000000000064', // fetch_offset 100
      'ffffffff', // last_fetched_epoch -1
      'ffffffffffffffff', // log_start_offset -1
      '00004000', // partition_max_bytes 16384
      '00', // partition tags
      '00', // topic tags
      '01', // forgotten_topics_data: empty
      '01', // rack_id ""
      '00', // request tags
    ))
  })

  it('decodes the response, keeping the record bytes and per-partition errors', () => {
    const response = parseResponse(1, 1, 12, Reader.from(hex(
      '00000000', // throttle_time_ms
      '0000', // error_code
      '00000000', // session_id
      '02', // responses: 1
      '02 74', // topic "t"
      '03', // partitions: 2
      '00000001 0000', // partition 1, no error
      '00000000000000c8 00000000000000c8 0000000000000000', // high watermark 200, last stable 200, log start 0
      '01', // aborted_transactions: empty
      'ffffffff', // preferred_read_replica -1
      '04 616263', // records: 3 bytes
      '00', // partition tags
      '00000002 0001', // partition 2, OFFSET_OUT_OF_RANGE
      'ffffffffffffffff ffffffffffffffff ffffffffffffffff',
      '01 ffffffff',
      '00', // records: null
      '00', // partition tags
      '00', // topic tags
      '00', // response tags
    )))
    expect(response).toEqual({
      errorCode: 0,
      topics: [{
        name: 't',
        partitions: [
          { partition: 1, errorCode: 0, highWatermark: 200n, records: Buffer.from('abc') },
          { partition: 2, errorCode: 1, highWatermark: -1n, records: null },
        ],
      }],
    })
  })
})
