// Topic changes: CreateTopics, DeleteTopics, CreatePartitions, DeleteRecords. Each one that
// changes the topic list or partition counts drops this process's cached metadata.
import type { NewTopic } from '../types.ts'
import { wireOf, type KafkaCluster } from './connection.ts'

export async function createTopic(cluster: KafkaCluster, topic: NewTopic): Promise<void> {
  const wire = wireOf(cluster)
  await wire.call(`Creating topic '${topic.name}'`, (admin) => admin.createTopics({
    topics: [topic.name],
    partitions: topic.partitions,
    replicas: topic.replicationFactor,
    configs: Object.entries(topic.configs).map(([name, value]) => ({ name, value })),
  }))
  wire.forgetMetadata()
}

export async function deleteTopic(cluster: KafkaCluster, name: string): Promise<void> {
  const wire = wireOf(cluster)
  await wire.call(`Deleting topic '${name}'`, (admin) => admin.deleteTopics({ topics: [name] }))
  wire.forgetMetadata()
}

/** Raises the topic's partition count to `count`. */
export async function createPartitions(cluster: KafkaCluster, name: string, count: number): Promise<void> {
  const wire = wireOf(cluster)
  await wire.call(`Adding partitions to '${name}'`, (admin) => admin.createPartitions({ topics: [{ name, count }] }))
  wire.forgetMetadata()
}

/** DeleteRecords before the given offsets; answers each partition's new first offset (decimal string). */
export async function deleteRecords(cluster: KafkaCluster, topic: string, before: { partition: number; offset: string }[]): Promise<{ partition: number; lowWatermark: string }[]> {
  const result = await wireOf(cluster).call(`Purging topic '${topic}'`, (admin) => admin.deleteRecords({
    topics: [{ name: topic, partitions: before.map(({ partition, offset }) => ({ partition, offset: BigInt(offset) })) }],
  }))
  return (result[0]?.partitions ?? []).map((p) => ({ partition: p.partition, lowWatermark: p.lowWatermark.toString() }))
}
