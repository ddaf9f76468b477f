import { describe, expect, it } from 'vitest'
import { toSnapshot, type RawMetadata } from './metadata.ts'

const partition = { errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 3, replicaNodes: [1, 2], isrNodes: [1], offlineReplicas: [2] }

describe('toSnapshot', () => {
  it('names brokers, topics and partitions in the product\'s words', () => {
    const raw: RawMetadata = {
      controllerId: 1, clusterId: 'c-1',
      brokers: [{ nodeId: 1, host: 'b1', port: 9092, rack: 'r1' }],
      topics: [{ errorCode: 0, name: 'orders', topicId: 'id-1', isInternal: false, partitions: [partition] }],
    }
    expect(toSnapshot(raw)).toEqual({
      clusterId: 'c-1', controllerId: 1,
      brokers: [{ id: 1, host: 'b1', port: 9092, rack: 'r1' }],
      topics: [{ name: 'orders', id: 'id-1', internal: false, partitions: [{ partition: 0, leader: 1, leaderEpoch: 3, replicas: [1, 2], isr: [1], offlineReplicas: [2] }] }],
    })
  })

  it('leaves out topics without a name or with an error', () => {
    const raw: RawMetadata = {
      controllerId: 1, clusterId: null, brokers: [],
      topics: [
        { errorCode: 0, name: null, topicId: 'id-1', isInternal: false, partitions: [] },
        { errorCode: 3, name: 'gone', topicId: 'id-2', isInternal: false, partitions: [] },
        { errorCode: 0, name: '__consumer_offsets', topicId: 'id-3', isInternal: true, partitions: [] },
      ],
    }
    expect(toSnapshot(raw).topics.map((t) => [t.name, t.internal])).toEqual([['__consumer_offsets', true]])
  })
})
