// Topic changes. Input is validated before it reaches Kafka (see functions/api/routes/topic-admin.ts).
import { invalidInput } from '../errors.ts'
import type { KafkaCluster } from './cluster.ts'
import { listPartitionOffsetsMany } from './offsets.ts'
import { findTopic } from './topic-detail.ts'

export interface NewTopic {
  name: string
  partitions: number
  replicationFactor: number
  configs: Record<string, string>
}

export async function createTopic(cluster: KafkaCluster, topic: NewTopic): Promise<void> {
  await cluster.call(`Creating topic '${topic.name}'`, (admin) => admin.createTopics({
    topics: [topic.name],
    partitions: topic.partitions,
    replicas: topic.replicationFactor,
    configs: Object.entries(topic.configs).map(([name, value]) => ({ name, value })),
  }))
  cluster.forgetMetadata()
}

export async function deleteTopic(cluster: KafkaCluster, name: string): Promise<{ partitions: number }> {
  const topic = findTopic(await cluster.fullMetadata(), name)
  await cluster.call(`Deleting topic '${name}'`, (admin) => admin.deleteTopics({ topics: [name] }))
  cluster.forgetMetadata()
  return { partitions: topic.partitions.length }
}

/** Kafka can only add partitions; the new total must be larger than the current count. */
export async function addPartitions(cluster: KafkaCluster, name: string, count: number): Promise<{ before: number; after: number }> {
  const topic = findTopic(await cluster.fullMetadata(), name)
  const before = topic.partitions.length
  if (count <= before) throw invalidInput(`count: topic '${name}' has ${before} partitions; the new total must be larger (partitions can never be removed).`)
  await cluster.call(`Adding partitions to '${name}'`, (admin) => admin.createPartitions({ topics: [{ name, count }] }))
  cluster.forgetMetadata()
  return { before, after: count }
}

export interface PurgedPartition {
  partition: number
  /** The new first offset (decimal string). */
  lowWatermark: string
  deleted: number
}

/** DeleteRecords up to the current end of each chosen partition. */
export async function purgeTopic(cluster: KafkaCluster, name: string, partitions?: number[]): Promise<PurgedPartition[]> {
  const metadata = await cluster.fullMetadata()
  const topic = findTopic(metadata, name)
  const all = topic.partitions.map((p) => p.partitionIndex)
  const chosen = partitions && partitions.length > 0 ? [...new Set(partitions)] : all
  const unknown = chosen.filter((p) => !all.includes(p))
  if (unknown.length > 0) throw invalidInput(`partitions: '${name}' has no partition ${unknown.join(', ')}.`)
  const scope = [{ topic: name, partitions: chosen }]
  const { latest, earliest } = await listPartitionOffsetsMany(cluster, scope, { latest: 'latest', earliest: 'earliest' }, metadata)
  const result = await cluster.call(`Purging topic '${name}'`, (admin) => admin.deleteRecords({
    topics: [{ name, partitions: chosen.map((partition) => ({ partition, offset: BigInt(latest.get(`${name}\u0000${partition}`)?.offset ?? '0') })) }],
  }))
  return (result[0]?.partitions ?? []).map((p) => {
    const before = BigInt(earliest.get(`${name}\u0000${p.partition}`)?.offset ?? '0')
    return { partition: p.partition, lowWatermark: p.lowWatermark.toString(), deleted: Number(p.lowWatermark - before) }
  }).sort((a, b) => a.partition - b.partition)
}
