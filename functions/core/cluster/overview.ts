// Cluster panorama: brokers with their replica and leader counts, and partition health, from
// one Metadata request plus one batched DescribeConfigs (min.insync.replicas of every topic).
import type { KafkaCluster } from '../kafka/index.ts'
import { numericTopicConfig } from '../topics/configs.ts'
import { isOffline, isUnderReplicated, summarizeBrokers } from './brokers.ts'
import type { ClusterOverview } from '../../contract/cluster.ts'
export type { ClusterOverview }

export async function clusterOverview(cluster: KafkaCluster): Promise<ClusterOverview> {
  const metadata = await cluster.metadata()
  const minIsr = await numericTopicConfig(cluster, metadata.topics.map((t) => t.name), 'min.insync.replicas', metadata.brokers)
  let partitions = 0
  let underReplicated = 0
  let offline = 0
  let underMinIsr = 0
  for (const topic of metadata.topics) {
    const min = minIsr.get(topic.name) ?? 1
    for (const p of topic.partitions) {
      partitions++
      if (isUnderReplicated(p)) underReplicated++
      if (isOffline(p)) offline++
      // Producers with acks=all are refused while the ISR is below min.insync.replicas.
      if (!isOffline(p) && p.isr.length < min) underMinIsr++
    }
  }
  return {
    clusterId: metadata.clusterId,
    controllerId: metadata.controllerId,
    brokers: summarizeBrokers(metadata),
    topics: metadata.topics.length,
    partitions,
    underReplicated,
    offline,
    underMinIsr,
  }
}
