// Cluster panorama: brokers with their replica and leader counts, and partition health, from
// one Metadata request plus one batched DescribeConfigs (min.insync.replicas of every topic).
import type { KafkaCluster } from '../kafka/index.ts'
import { numericTopicConfig } from '../topics/configs.ts'
import { partitionProblems, summarizeBrokers } from './brokers.ts'
import type { ClusterOverview, PartitionAttention } from '../../contract/cluster.ts'
export type { ClusterOverview, PartitionAttention }

/** How many problem partitions the overview names; the counters count them all. */
export const attentionLimit = 1000

export async function clusterOverview(cluster: KafkaCluster): Promise<ClusterOverview> {
  const metadata = await cluster.metadata()
  const minIsr = await numericTopicConfig(cluster, metadata.topics.map((t) => t.name), 'min.insync.replicas', metadata.brokers)
  let partitions = 0
  let underReplicated = 0
  let offline = 0
  let underMinIsr = 0
  let problemPartitions = 0
  const attention: PartitionAttention[] = []
  for (const topic of [...metadata.topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const min = minIsr.get(topic.name) ?? 1
    for (const p of topic.partitions) {
      partitions++
      const problems = partitionProblems(p, min)
      if (problems.includes('under-replicated')) underReplicated++
      if (problems.includes('offline')) offline++
      if (problems.includes('under-min-isr')) underMinIsr++
      if (problems.length === 0) continue
      problemPartitions++
      if (attention.length < attentionLimit) {
        attention.push({ topic: topic.name, partition: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr, minIsr: min, problems })
      }
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
    attention: attention.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)),
    attentionTruncated: problemPartitions > attention.length,
  }
}
