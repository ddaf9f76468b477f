// Cluster panorama: brokers with their replica and leader counts, and partition health, from
// one Metadata request plus one batched DescribeConfigs (min.insync.replicas of every topic).
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { numericTopicConfig } from './configs.ts'

export interface BrokerSummary {
  id: number
  host: string
  port: number
  rack: string | null
  isController: boolean
  /** Registered with the controller. Replicas on a broker missing from metadata make it offline. */
  online: boolean
  replicas: number
  leaders: number
}

export interface ClusterOverview {
  clusterId: string | null
  controllerId: number
  brokers: BrokerSummary[]
  topics: number
  partitions: number
  underReplicated: number
  offline: number
  underMinIsr: number
}

type Partition = MetadataResponse['topics'][number]['partitions'][number]

export function summarizeBrokers(metadata: MetadataResponse): BrokerSummary[] {
  const brokers = new Map<number, BrokerSummary>()
  for (const b of metadata.brokers) {
    brokers.set(b.nodeId, { id: b.nodeId, host: b.host, port: b.port, rack: b.rack, isController: b.nodeId === metadata.controllerId, online: true, replicas: 0, leaders: 0 })
  }
  const get = (id: number) => {
    let broker = brokers.get(id)
    if (!broker) {
      broker = { id, host: '', port: 0, rack: null, isController: false, online: false, replicas: 0, leaders: 0 }
      brokers.set(id, broker)
    }
    return broker
  }
  for (const topic of metadata.topics) {
    for (const p of topic.partitions) {
      for (const replica of p.replicaNodes) get(replica).replicas++
      if (p.leaderId >= 0) get(p.leaderId).leaders++
    }
  }
  return [...brokers.values()].sort((a, b) => a.id - b.id)
}

export const isOffline = (p: Partition) => p.leaderId < 0
export const isUnderReplicated = (p: Partition) => p.isrNodes.length < p.replicaNodes.length

export async function clusterOverview(cluster: KafkaCluster): Promise<ClusterOverview> {
  const metadata = await cluster.fullMetadata()
  const named = metadata.topics.filter((t): t is typeof t & { name: string } => typeof t.name === 'string')
  const minIsr = await numericTopicConfig(cluster, named.map((t) => t.name), 'min.insync.replicas')
  let partitions = 0
  let underReplicated = 0
  let offline = 0
  let underMinIsr = 0
  for (const topic of named) {
    const min = minIsr.get(topic.name) ?? 1
    for (const p of topic.partitions) {
      partitions++
      if (isUnderReplicated(p)) underReplicated++
      if (isOffline(p)) offline++
      // Producers with acks=all are refused while the ISR is below min.insync.replicas.
      if (!isOffline(p) && p.isrNodes.length < min) underMinIsr++
    }
  }
  return {
    clusterId: metadata.clusterId,
    controllerId: metadata.controllerId,
    brokers: summarizeBrokers(metadata),
    topics: named.length,
    partitions,
    underReplicated,
    offline,
    underMinIsr,
  }
}
