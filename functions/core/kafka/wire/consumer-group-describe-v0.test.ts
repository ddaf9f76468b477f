import { Reader } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import { hex } from '../../../testing/bytes.ts'
import { consumerGroupDescribeV0, createRequest, parseResponse } from './consumer-group-describe-v0.ts'

describe('ConsumerGroupDescribe v0', () => {
  it('is API key 69, version 0', () => {
    expect([consumerGroupDescribeV0.key, consumerGroupDescribeV0.version]).toEqual([69, 0])
  })

  it('encodes the request', () => {
    expect(createRequest(['g', 'hi'], false).buffer).toEqual(hex(
      '03', // group_ids: 2
      '02 67', // "g"
      '03 6869', // "hi"
      '00', // include_authorized_operations false
      '00', // request tags
    ))
  })

  it('decodes members with their assignments, and per-group errors', () => {
    const groups = parseResponse(1, 69, 0, Reader.from(hex(
      '00000000', // throttle_time_ms
      '03', // groups: 2
      '0000 00', // error_code 0, error_message null
      '02 67', // group_id "g"
      '07 537461626c65', // group_state "Stable"
      '00000003 00000003', // group_epoch, assignment_epoch
      '08 756e69666f726d', // assignor_name "uniform"
      '02', // members: 1
      '03 6d31', // member_id "m1"
      '00 00', // instance_id, rack_id: null
      '00000003', // member_epoch
      '02 63', // client_id "c"
      '03 2f68', // client_host "/h"
      '02 02 74', // subscribed_topic_names ["t"]
      '00', // subscribed_topic_regex null
      '02', // assignment: 1 topic
      '00112233445566778899aabbccddeeff', // topic_id
      '02 74', // topic_name "t"
      '03 00000000 00000001', // partitions [0, 1]
      '00', // topic tags
      '00', // assignment tags
      '01 00', // target_assignment: empty, tags
      '00', // member tags
      '80000000', // authorized_operations (not asked)
      '00', // group tags
      '0045 00', // error_code 69 GROUP_ID_NOT_FOUND, error_message null
      '03 6e6f', // group_id "no"
      '05 44656164', // group_state "Dead"
      'ffffffff ffffffff', // epochs
      '01', // assignor_name ""
      '01', // members: none
      '80000000 00', // authorized_operations, group tags
      '00', // response tags
    )))
    expect(groups).toEqual([
      {
        groupId: 'g', errorCode: 0, state: 'Stable',
        members: [{ memberId: 'm1', clientId: 'c', clientHost: '/h', subscribedTopics: ['t'], assignment: [{ topic: 't', partitions: [0, 1] }] }],
      },
      { groupId: 'no', errorCode: 69, state: 'Dead', members: [] },
    ])
  })
})
