import { Reader } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import { hex } from '../../../testing/bytes.ts'
import { createRequest, earliestTimestamp, listOffsetsV7, parseResponse } from './list-offsets-v7.ts'

describe('ListOffsets v7', () => {
  it('is API key 2, version 7', () => {
    expect([listOffsetsV7.key, listOffsetsV7.version]).toEqual([2, 7])
  })

  it('encodes the request', () => {
    const bytes = createRequest(earliestTimestamp, [{ name: 'ab', partitions: [0, 3] }]).buffer
    expect(bytes).toEqual(hex(
      'ffffffff', // replica_id -1 (a consumer)
      '00', // isolation_level READ_UNCOMMITTED
      '02', // topics: compact array of 1
      '03 6162', // name "ab"
      '03', // partitions: compact array of 2
      '00000000 ffffffff fffffffffffffffe 00', // partition 0, leader epoch -1, timestamp -2 (earliest), tags
      '00000003 ffffffff fffffffffffffffe 00', // partition 3
      '00', // topic tags
      '00', // request tags
    ))
  })

  it('decodes the response, per-partition errors included', () => {
    const response = parseResponse(1, 2, 7, Reader.from(hex(
      '00000000', // throttle_time_ms
      '02', // topics: 1
      '03 6162', // name "ab"
      '03', // partitions: 2
      '00000000 0000 0000018bcfe56800 000000000000002a 00000005 00', // partition 0: ok, ts 1700000000000, offset 42, epoch 5
      '00000003 0006 ffffffffffffffff ffffffffffffffff ffffffff 00', // partition 3: NOT_LEADER_OR_FOLLOWER
      '00', // topic tags
      '00', // response tags
    )))
    expect(response).toEqual({
      topics: [{
        name: 'ab',
        partitions: [
          { partition: 0, errorCode: 0, timestamp: 1_700_000_000_000n, offset: 42n, leaderEpoch: 5 },
          { partition: 3, errorCode: 6, timestamp: -1n, offset: -1n, leaderEpoch: -1 },
        ],
      }],
    })
  })
})
