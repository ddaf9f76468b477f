// The product's words for what it reads from Kafka. The wire layer (./wire/) fills these in:
// offsets are decimal strings, times epoch milliseconds, Kafka's per-item error codes are
// mapped to typed errors or to the statuses named here.
import type { ClusterConfig } from '../config.ts'
import type { ErrorCode } from '../errors.ts'

/**
 * Supplies OAUTHBEARER tokens for MSK IAM. Injected by the entry point, so the core never
 * imports the AWS SDK (see functions/aws/msk-iam.ts).
 */
export type OAuthTokenProvider = (cluster: ClusterConfig) => () => Promise<string>

/** One partition of one topic. */
export interface PartitionRef {
  topic: string
  partition: number
}

/** Some partitions of one topic. */
export interface TopicPartitions {
  topic: string
  partitions: number[]
}

/** earliest/latest, the first offset at or after a time, or the record with the newest timestamp. */
export type OffsetSpec = 'earliest' | 'latest' | 'maxTimestamp' | { timestamp: number }

export interface ListedOffset {
  /** Decimal string; "-1" when no record is at or after the requested timestamp. */
  offset: string
  /** Epoch ms of that record where Kafka reports one, else -1. */
  timestamp: number
}

/** A broker (usually a partition leader) that failed or timed out; the others still answered. */
export interface BrokerFailure {
  broker: number
  code: ErrorCode
  message: string
}

export interface FetchPosition extends PartitionRef {
  /** Decimal string (int64). */
  offset: string
}

export interface RawRecord {
  topic: string
  partition: number
  offset: string
  /** Epoch milliseconds. */
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}

export interface PartitionFetch {
  topic: string
  partition: number
  records: RawRecord[]
  highWatermark: string
  logStartOffset: string
  /** Where the next fetch of this partition should start. */
  nextOffset: string
  /** Why the partition could not be read (a Kafka error name such as LEADER_NOT_AVAILABLE): refresh metadata. */
  error: string | null
}

export interface RecordTimestamp {
  /** Epoch ms of the record at (or first after) the offset; null when none could be read. */
  timestamp: number | null
  /** False when the batch was cut short and its first record's time stands in for the record's. */
  exact: boolean
}

export interface PartitionSize {
  topic: string
  partition: number
  bytes: number
  /** Bytes behind the leader for a follower replica (0 on the leader). */
  offsetLag: number
  /** A replica being moved to another log dir (KIP-113). */
  isFuture: boolean
}

export interface LogDirUsage {
  path: string
  /** Kafka error name for an offline log dir, else null. */
  error: string | null
  /** Kafka ≥ 3.3 reports the volume's size; older brokers answer -1, given here as null. */
  totalBytes: number | null
  usableBytes: number | null
  partitions: PartitionSize[]
}

export type BrokerLogDirs =
  | { broker: number; host: string; port: number; ok: true; logDirs: LogDirUsage[] }
  | { broker: number; host: string; port: number; ok: false; code: string; message: string }

/** One config of a topic, as the API gives it (the contract's type: the route returns it unchanged). */
export type { TopicConfig as TopicConfigEntry } from '../../contract/topics.ts'

export interface NewTopic {
  name: string
  partitions: number
  replicationFactor: number
  configs: Record<string, string>
}

export interface GroupListing {
  groupId: string
  state: string
  /** "classic" or "consumer" (KIP-848), as the broker reports it. */
  type: string
  protocolType: string
}

export interface GroupMemberInfo {
  memberId: string
  clientId: string
  host: string
  assignments: TopicPartitions[]
}

export interface CommittedOffset extends PartitionRef {
  /** Decimal string; partitions without a commit are not listed. */
  offset: string
}

/** How produced batches are compressed (the contract's names). */
export type { ProduceCompression } from '../../contract/produce.ts'

/** One record to write, its partition chosen. */
export interface RecordToProduce {
  partition: number
  key: Buffer | null
  value: Buffer | null
  headers: [string, Buffer][]
}

export interface ProducedRecord {
  partition: number
  /** Decimal string. */
  offset: string
}
