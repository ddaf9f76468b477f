// Clusters, and one cluster's panorama (functions/core/cluster/).

/** GET /api/clusters answers a list of these. */
export interface Cluster {
  id: string
  name: string
}

export interface BrokerSummary {
  id: number
  host: string
  port: number
  rack: string | null
  isController: boolean
  /** Registered with the controller. Replicas on a broker missing from metadata make it offline. */
  online: boolean
  /** Replicas hosted (all partitions, leader or follower). */
  replicas: number
  /** Partitions led. */
  leaders: number
}

/** GET /api/clusters/{c}/overview */
export interface ClusterOverview {
  /** Null where the broker does not report one. */
  clusterId: string | null
  /** -1 when no controller is known. */
  controllerId: number
  brokers: BrokerSummary[]
  topics: number
  partitions: number
  underReplicated: number
  offline: number
  underMinIsr: number
  /**
   * The partitions behind the three problem counters (at most `attentionLimit`, topics in name
   * order), each with what is wrong with it: the drill-down from a counter to the culprits.
   */
  attention: PartitionAttention[]
  /** More problem partitions exist than `attention` lists. */
  attentionTruncated: boolean
}

export type PartitionProblem = 'under-replicated' | 'offline' | 'under-min-isr'

export interface PartitionAttention {
  topic: string
  partition: number
  /** -1 when the partition has no leader. */
  leader: number
  replicas: number[]
  isr: number[]
  minIsr: number
  problems: PartitionProblem[]
}
