// Topic changes. Input is validated before it reaches Kafka (see functions/api/routes/topics.ts
// and topic-detail.ts).
import { invalidInput } from '../errors.ts'
import { createPartitions, deleteRecords, deleteTopic as deleteKafkaTopic, findTopic, listOffsets, type KafkaCluster } from '../kafka/index.ts'
import type { PurgedPartition } from '../../contract/topics.ts'
export type { PurgedPartition }

export { createTopic, type NewTopic } from '../kafka/index.ts'

export async function deleteTopic(cluster: KafkaCluster, name: string): Promise<{ partitions: number }> {
  const topic = findTopic(await cluster.metadata([name]), name)
  await deleteKafkaTopic(cluster, name)
  return { partitions: topic.partitions.length }
}

/** Kafka can only add partitions; the new total must be larger than the current count. */
export async function addPartitions(cluster: KafkaCluster, name: string, count: number): Promise<{ before: number; after: number }> {
  const topic = findTopic(await cluster.metadata([name]), name)
  const before = topic.partitions.length
  if (count <= before) throw invalidInput(`count: topic '${name}' has ${before} partitions; the new total must be larger (partitions can never be removed).`)
  await createPartitions(cluster, name, count)
  return { before, after: count }
}

/** DeleteRecords up to the current end of each chosen partition. */
export async function purgeTopic(cluster: KafkaCluster, name: string, partitions?: number[]): Promise<PurgedPartition[]> {
  const metadata = await cluster.metadata([name])
  const topic = findTopic(metadata, name)
  const all = topic.partitions.map((p) => p.partition)
  const chosen = partitions && partitions.length > 0 ? [...new Set(partitions)] : all
  const unknown = chosen.filter((p) => !all.includes(p))
  if (unknown.length > 0) throw invalidInput(`partitions: '${name}' has no partition ${unknown.join(', ')}.`)
  const scope = [{ topic: name, partitions: chosen }]
  const { latest, earliest } = await listOffsets(cluster, scope, { latest: 'latest', earliest: 'earliest' }, metadata)
  const purged = await deleteRecords(cluster, name, chosen.map((partition) => ({ partition, offset: latest.get(name, partition)?.offset ?? '0' })))
  return purged.map((p) => {
    const before = BigInt(earliest.get(name, p.partition)?.offset ?? '0')
    return { partition: p.partition, lowWatermark: p.lowWatermark, deleted: Number(BigInt(p.lowWatermark) - before) }
  }).sort((a, b) => a.partition - b.partition)
}
