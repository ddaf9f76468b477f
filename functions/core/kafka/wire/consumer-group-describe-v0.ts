// ConsumerGroupDescribe v0 (API key 69, KIP-848): the only way to see members and assignments of
// groups using the new `consumer` rebalance protocol; DescribeGroups answers only for classic
// groups. Encoded here with the client's codec; per-group error codes are data, not a failure.
//
// ConsumerGroupDescribe Request (Version: 0) => [group_ids] include_authorized_operations TAG_BUFFER
//   group_ids => COMPACT_STRING
//   include_authorized_operations => BOOLEAN
//
// ConsumerGroupDescribe Response (Version: 0) => throttle_time_ms [groups] TAG_BUFFER
//   throttle_time_ms => INT32
//   groups => error_code error_message group_id group_state group_epoch assignment_epoch assignor_name [members] authorized_operations TAG_BUFFER
//     error_code => INT16
//     error_message => COMPACT_NULLABLE_STRING
//     group_id => COMPACT_STRING
//     group_state => COMPACT_STRING
//     group_epoch => INT32
//     assignment_epoch => INT32
//     assignor_name => COMPACT_STRING
//     members => member_id instance_id rack_id member_epoch client_id client_host [subscribed_topic_names] subscribed_topic_regex assignment target_assignment TAG_BUFFER
//       member_id => COMPACT_STRING
//       instance_id => COMPACT_NULLABLE_STRING
//       rack_id => COMPACT_NULLABLE_STRING
//       member_epoch => INT32
//       client_id => COMPACT_STRING
//       client_host => COMPACT_STRING
//       subscribed_topic_names => COMPACT_STRING
//       subscribed_topic_regex => COMPACT_NULLABLE_STRING
//       assignment => [topic_partitions] TAG_BUFFER
//         topic_partitions => topic_id topic_name [partitions] TAG_BUFFER
//           topic_id => UUID
//           topic_name => COMPACT_STRING
//           partitions => INT32
//       target_assignment => [topic_partitions] TAG_BUFFER  (as assignment)
//     authorized_operations => INT32
import { createAPI, Writer, type Reader } from './client.ts'

export interface ConsumerGroupMemberV0 {
  memberId: string
  clientId: string
  clientHost: string
  subscribedTopics: string[]
  assignment: { topic: string; partitions: number[] }[]
}

export interface ConsumerGroupV0 {
  groupId: string
  errorCode: number
  state: string
  members: ConsumerGroupMemberV0[]
}

export function createRequest(groupIds: string[], includeAuthorizedOperations: boolean): Writer {
  return Writer.create()
    .appendArray(groupIds, (w, id) => w.appendString(id), true, false)
    .appendBoolean(includeAuthorizedOperations)
    .appendTaggedFields()
}

function readAssignment(r: Reader): { topic: string; partitions: number[] }[] {
  const topics = r.readArray((t) => {
    t.readUUID()
    const topic = t.readString()
    const partitions = t.readArray((p) => p.readInt32(), true, false)
    return { topic, partitions }
  })
  r.readTaggedFields()
  return topics
}

export function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): ConsumerGroupV0[] {
  reader.readInt32() // throttle time
  return reader.readArray((g) => {
    const errorCode = g.readInt16()
    g.readNullableString() // error message
    const groupId = g.readString()
    const state = g.readString()
    g.readInt32() // group epoch
    g.readInt32() // assignment epoch
    g.readString() // assignor
    const members = g.readArray((m) => {
      const memberId = m.readString()
      m.readNullableString() // instance id
      m.readNullableString() // rack id
      m.readInt32() // member epoch
      const clientId = m.readString()
      const clientHost = m.readString()
      const subscribedTopics = m.readArray((s) => s.readString(), true, false)
      m.readNullableString() // subscribed topic regex
      const assignment = readAssignment(m)
      readAssignment(m) // target assignment
      return { memberId, clientId, clientHost, subscribedTopics, assignment }
    })
    g.readInt32() // authorized operations
    return { groupId, errorCode, state, members }
  })
}

export const consumerGroupDescribeV0 = createAPI<[string[], boolean], ConsumerGroupV0[]>(69, 0, createRequest, parseResponse)
