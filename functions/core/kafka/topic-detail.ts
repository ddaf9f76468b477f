// One topic: partitions with leader, replicas, ISR and offsets; configs with their source.
import { topicNotFound } from '../errors.ts'
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { topicConfigs, type TopicConfigEntry } from './configs.ts'
import { listPartitionOffsetsMany, partitionKey } from './offsets.ts'

export interface PartitionDetail {
  partition: number
  leader: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
  earliestOffset: string
  latestOffset: string
}

export interface TopicDetail {
  name: string
  internal: boolean
  partitions: PartitionDetail[]
  configs: TopicConfigEntry[]
}

export function findTopic(metadata: MetadataResponse, name: string) {
  const topic = metadata.topics.find((t) => t.name === name)
  if (!topic || topic.errorCode !== 0) throw topicNotFound(name)
  return topic
}

export async function topicDetail(cluster: KafkaCluster, name: string): Promise<TopicDetail> {
  const metadata = await cluster.fullMetadata()
  const topic = findTopic(metadata, name)
  const scope = [{ topic: name, partitions: topic.partitions.map((p) => p.partitionIndex) }]
  const [{ earliest, latest }, configs] = await Promise.all([
    listPartitionOffsetsMany(cluster, scope, { earliest: 'earliest', latest: 'latest' }, metadata),
    topicConfigs(cluster, name),
  ])
  return {
    name,
    internal: topic.isInternal || name.startsWith('__'),
    partitions: topic.partitions
      .map((p) => ({
        partition: p.partitionIndex,
        leader: p.leaderId,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
        offlineReplicas: p.offlineReplicas,
        earliestOffset: earliest.get(partitionKey(name, p.partitionIndex))?.offset ?? '0',
        latestOffset: latest.get(partitionKey(name, p.partitionIndex))?.offset ?? '0',
      }))
      .sort((a, b) => a.partition - b.partition),
    configs,
  }
}
