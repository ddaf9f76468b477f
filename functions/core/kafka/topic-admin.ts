// Topic changes. Input is validated before it reaches Kafka (see functions/api/routes/topics.ts).
import type { KafkaCluster } from './cluster.ts'

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
}
