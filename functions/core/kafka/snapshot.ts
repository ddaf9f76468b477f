// What the cluster looked like at one Metadata request: brokers, topics, partitions and their
// leaders. Taken once and handed to the calls that need leaders, so one request serves several.
import { topicNotFound } from '../errors.ts'

export interface BrokerInfo {
  id: number
  host: string
  port: number
  rack: string | null
}

export interface PartitionInfo {
  partition: number
  /** -1 when the partition has no leader (offline). */
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
}

export interface TopicInfo {
  name: string
  /** Kafka's topic id (a UUID). */
  id: string
  /** As the broker flags it; the product also treats names starting with "__" as internal. */
  internal: boolean
  partitions: PartitionInfo[]
}

export interface ClusterSnapshot {
  clusterId: string | null
  controllerId: number
  /** The live brokers (registered with the controller). */
  brokers: BrokerInfo[]
  /** Every topic the cluster reported without an error. */
  topics: TopicInfo[]
}

export function findTopic(snapshot: ClusterSnapshot, name: string): TopicInfo {
  const topic = snapshot.topics.find((t) => t.name === name)
  if (!topic) throw topicNotFound(name)
  return topic
}
