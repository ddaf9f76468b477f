// Metadata through the library's own encoding (the version is negotiated), turned into the
// product's ClusterSnapshot.
import type { ClusterSnapshot } from '../snapshot.ts'

/** The Metadata response fields used here (the library does not export its response type). */
export interface RawMetadata {
  controllerId: number
  clusterId: string | null
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[]
  topics: {
    errorCode: number
    name: string | null
    topicId: string
    isInternal: boolean
    partitions: {
      errorCode: number
      partitionIndex: number
      leaderId: number
      leaderEpoch: number
      replicaNodes: number[]
      isrNodes: number[]
      offlineReplicas: number[]
    }[]
  }[]
}

/**
 * Topics without a name (answers to requests by id) or with an error are left out: the product
 * cannot address them. (The library fails the whole request on a topic error anyway.)
 */
export function toSnapshot(raw: RawMetadata): ClusterSnapshot {
  return {
    clusterId: raw.clusterId,
    controllerId: raw.controllerId,
    brokers: raw.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
    topics: raw.topics
      .filter((t): t is typeof t & { name: string } => typeof t.name === 'string' && t.errorCode === 0)
      .map((t) => ({
        name: t.name,
        id: t.topicId,
        internal: t.isInternal,
        partitions: t.partitions.map((p) => ({
          partition: p.partitionIndex, leader: p.leaderId, leaderEpoch: p.leaderEpoch,
          replicas: p.replicaNodes, isr: p.isrNodes, offlineReplicas: p.offlineReplicas,
        })),
      })),
  }
}
