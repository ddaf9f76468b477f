// Topics: the paged list, one topic's detail, and the admin changes (functions/core/topics/).

export interface TopicSummary {
  name: string
  partitions: number
  replicationFactor: number
  /** Some partition has fewer in-sync replicas than replicas. */
  underReplicated: boolean
  /** Some partition has no leader: unavailable for reads and writes. */
  offline: boolean
  /**
   * Some partition (with a leader) has fewer in-sync replicas than the topic's
   * min.insync.replicas, so acks=all producers are refused (null: the config could not be read).
   */
  underMinIsr: boolean | null
  /** Approximate: latest − earliest offset summed over partitions (0 when it could not be counted). */
  messages: number
  internal: boolean
  /** All replicas' bytes in the latest storage sample; null when the sample has no size for it (or there is none). */
  bytes: number | null
}

/** Orders of the topic list; ties are broken by name. */
export type TopicSort = 'name' | 'partitions' | 'replicationFactor' | 'messages' | 'bytes'

/** GET /api/clusters/{c}/topics?q=&internal=&sort=&order=&limit=&cursor= */
export interface TopicPage {
  items: TopicSummary[]
  total: number
  /** Carries the order: pass it back with the same sort and order. */
  nextCursor: string | null
  /** Where `bytes` comes from: the sample's time, or why sizes are missing (the list is complete without them). */
  sizes: TopicSizes
}

export interface TopicSizes {
  sampledAt: string | null
  problem: { code: string; detail: string } | null
}

export interface PartitionDetail {
  partition: number
  /** -1 when the partition has no leader (offline). */
  leader: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
  /** int64 as decimal strings. */
  earliestOffset: string
  latestOffset: string
}

export interface TopicConfig {
  name: string
  value: string | null
  /** Where the value comes from: TOPIC_CONFIG (an override), STATIC_BROKER_CONFIG, DEFAULT_CONFIG, ... */
  source: string
  isDefault: boolean
  sensitive: boolean
  readOnly: boolean
}

/** GET /api/clusters/{c}/topics/{t} */
export interface TopicDetail {
  name: string
  internal: boolean
  partitions: PartitionDetail[]
  configs: TopicConfig[]
}

/** POST /api/clusters/{c}/topics: the body, answered back with 201. */
export interface NewTopic {
  name: string
  partitions: number
  replicationFactor: number
  configs: Record<string, string>
}

/** PATCH /api/clusters/{c}/topics/{t}/configs */
export interface ConfigChange {
  set: Record<string, string>
  delete?: string[]
}

/** The topic's configs after a PATCH of them. */
export interface ConfigChangeResult {
  configs: TopicConfig[]
}

/** POST /api/clusters/{c}/topics/{t}/partitions: `count` is the new total. */
export interface PartitionCountChange {
  count: number
}

export interface PartitionCountResult {
  partitions: number
}

/** POST /api/clusters/{c}/topics/{t}/purge: `confirm` repeats the topic name. */
export interface PurgeRequest {
  confirm: string
  /** All partitions when absent. */
  partitions?: number[]
}

export interface PurgedPartition {
  partition: number
  /** The new first offset (decimal string). */
  lowWatermark: string
  deleted: number
}

export interface PurgeResult {
  partitions: PurgedPartition[]
}
