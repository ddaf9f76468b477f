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
}
