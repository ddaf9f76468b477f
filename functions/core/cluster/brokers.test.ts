import { describe, expect, it } from 'vitest'
import type { ClusterSnapshot } from '../kafka/index.ts'
import { isOffline, isUnderReplicated, partitionProblems, summarizeBrokers } from './brokers.ts'

const partition = (partition: number, leader: number, replicas: number[], isr: number[]) => ({ partition, leader, leaderEpoch: 0, replicas, isr, offlineReplicas: [] })

describe('summarizeBrokers', () => {
  it('counts replicas and leaders per broker, and shows a broker missing from metadata as offline', () => {
    const snapshot: ClusterSnapshot = {
      clusterId: 'c', controllerId: 2,
      brokers: [{ id: 2, host: 'b2', port: 9092, rack: null }, { id: 1, host: 'b1', port: 9092, rack: 'r1' }],
      topics: [{ name: 't', id: 'x', internal: false, partitions: [partition(0, 1, [1, 2], [1, 2]), partition(1, 2, [2, 3], [2]), partition(2, -1, [3], [])] }],
    }
    expect(summarizeBrokers(snapshot)).toEqual([
      { id: 1, host: 'b1', port: 9092, rack: 'r1', isController: false, online: true, replicas: 1, leaders: 1 },
      { id: 2, host: 'b2', port: 9092, rack: null, isController: true, online: true, replicas: 2, leaders: 1 },
      { id: 3, host: '', port: 0, rack: null, isController: false, online: false, replicas: 2, leaders: 0 },
    ])
  })

  it('tells offline and under-replicated partitions', () => {
    expect([isOffline(partition(0, -1, [1], [])), isOffline(partition(0, 1, [1], [1]))]).toEqual([true, false])
    expect([isUnderReplicated(partition(0, 1, [1, 2], [1])), isUnderReplicated(partition(0, 1, [1, 2], [2, 1]))]).toEqual([true, false])
  })

  it('names every problem of a partition against its topic\'s min.insync.replicas', () => {
    expect(partitionProblems(partition(0, 1, [1, 2, 3], [1, 2, 3]), 2)).toEqual([])
    expect(partitionProblems(partition(0, 1, [1, 2, 3], [1, 2]), 2)).toEqual(['under-replicated'])
    expect(partitionProblems(partition(0, 1, [1, 2, 3], [1]), 2)).toEqual(['under-replicated', 'under-min-isr'])
    // One replica and min.insync.replicas=2: never enough for acks=all, though fully replicated.
    expect(partitionProblems(partition(0, 1, [1], [1]), 2)).toEqual(['under-min-isr'])
    // Offline is its own problem, not also "under min ISR".
    expect(partitionProblems(partition(0, -1, [1, 2], []), 2)).toEqual(['under-replicated', 'offline'])
  })
})
