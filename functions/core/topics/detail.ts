// One topic: partitions with leader, replicas, ISR and offsets; configs with their source.
import { findTopic, listOffsets, type KafkaCluster } from '../kafka/index.ts'
import { topicConfigs } from './configs.ts'
import type { PartitionDetail, TopicDetail } from '../../contract/topics.ts'
export type { PartitionDetail, TopicDetail }

export async function topicDetail(cluster: KafkaCluster, name: string): Promise<TopicDetail> {
  const metadata = await cluster.metadata([name])
  const topic = findTopic(metadata, name)
  const scope = [{ topic: name, partitions: topic.partitions.map((p) => p.partition) }]
  const [{ earliest, latest }, configs] = await Promise.all([
    listOffsets(cluster, scope, { earliest: 'earliest', latest: 'latest' }, metadata),
    topicConfigs(cluster, name),
  ])
  return {
    name,
    internal: topic.internal || name.startsWith('__'),
    partitions: topic.partitions
      .map((p) => ({
        partition: p.partition,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.offlineReplicas,
        earliestOffset: earliest.get(name, p.partition)?.offset ?? '0',
        latestOffset: latest.get(name, p.partition)?.offset ?? '0',
      }))
      .sort((a, b) => a.partition - b.partition),
    configs,
  }
}
