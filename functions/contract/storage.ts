// Storage analysis from the disk samples (functions/core/storage/).

export interface SizesAvailability {
  available: boolean
  /** Why sizes are unavailable: NO_SAMPLE before the first sample, else the code the cluster refused DescribeLogDirs with. */
  code?: string
  message?: string
}

/** Something a sample could not see. */
export interface SampleNote {
  source: 'logDirs' | 'offsets' | 'configs' | 'groups'
  broker?: number
  code: string
  message: string
}

/** Which sample a view is based on, and what that sample could not see. */
export interface SampleHeader {
  sampledAt: string | null
  sampleId: string | null
  partial: boolean
  durationMs: number | null
  sizes: SizesAvailability
  /** Brokers whose answer is missing from this sample: their replicas are unknown, not zero. */
  unknownBrokers: number[]
  notes: SampleNote[]
}

/** A window of time as the server applied it (RFC 3339). */
export interface TimeWindow {
  start: string
  end: string
}

/** Query parameters of the windowed storage views: RFC 3339 or epoch ms (default: the last 7 days). */
export interface WindowInput {
  start?: string
  end?: string
}

/** What storage costs: a price per GB-month (GB = 2^30 bytes) and where it comes from. */
export interface StoragePrice {
  perGbMonth: number
  currency: string
  /** e.g. "MSK standard broker storage, us-east-1, AWS MSK pricing page (2025)". */
  source: string
}

/** Whether the history behind a rate is long enough to extrapolate it into a forecast. */
export interface HistoryCheck {
  enough: boolean
  samples: number
  spanMs: number
  minSamples: number
  minSpanMs: number
}

export interface RankedTopic {
  topic: string
  internal: boolean
  /** In the sample but no longer in the cluster (deleted since); unset when that was not checked. */
  deleted?: boolean
  /** All replicas; a lower bound when `complete` is false. Null when sizes are unavailable. */
  bytes: number | null
  leaderBytes: number | null
  partitions: number
  replicationFactor: number
  /** Bytes per broker id. */
  brokers: Record<string, number>
  complete: boolean
  unknownReplicas: number
  messages: number | null
  /** How unevenly the topic's bytes sit on its brokers: max / mean (1 = even). */
  brokerSkew: number | null
  /** Worst divergence between replicas of one partition: (max − min) / max. */
  replicaSkew: number | null
  oldestTimestamp: string | null
  retentionMs: number | null
  retentionBytes: number | null
  segmentBytes: number | null
  segmentMs: number | null
  cleanupPolicy: string | null
}

export type RankingSort = 'bytes' | 'leaderBytes' | 'messages'

/** GET …/storage/topics?sort=&internal=&q=&limit= */
export interface TopicRanking extends SampleHeader {
  /** Over every topic of the sample, before filtering (deleted topics included). */
  totals: { bytes: number; leaderBytes: number; topics: number }
  /** How topics were checked against the cluster for `deleted`: "ok", or why they could not be. */
  deletedCheck?: { ok: boolean; message?: string }
  price?: StoragePrice
  /** Topics matching the filter (items holds at most `limit` of them). */
  total: number
  items: RankedTopic[]
}

export interface LogDirView {
  path: string
  /** Kafka's bytes in this dir (sum of its partitions). */
  bytes: number | null
  totalBytes: number | null
  usableBytes: number | null
  /** Used on the volume by anything (total − usable), Kafka or not. */
  volumeUsedBytes: number | null
  partitions: number | null
  error: string | null
}

export interface BrokerView {
  broker: number
  host: string
  port: number | null
  /** "unknown": the broker did not answer this sample; its numbers are absent, not zero. */
  state: 'ok' | 'unknown'
  code?: string
  message?: string
  bytes: number | null
  logDirs: LogDirView[]
}

export interface LogDirWithGrowth extends LogDirView {
  growthBytesPerDay: number | null
  growthSpanMs: number
  /** Null until the history is long enough (see `history`). */
  daysUntilFull: number | null
  /** Days until full at the fast and the slow end of the growth spread (latest null: the slow end does not grow). */
  daysUntilFullRange?: { soonest: number; latest: number | null } | null
  history?: HistoryCheck
}

export interface BrokerSkew {
  brokers: number
  meanBytes: number
  maxBytes: number
  minBytes: number
  /** max / mean. */
  ratio: number
  unknownBrokers: number
}

/** GET …/storage/brokers?start=&end= */
export interface BrokerStorage extends SampleHeader {
  window: TimeWindow
  items: (Omit<BrokerView, 'logDirs'> & { logDirs: LogDirWithGrowth[] })[]
  skew: BrokerSkew | null
  price?: StoragePrice
}

/** Net growth over the window (Theil–Sen); null rate without enough history. */
export interface GrowthView {
  bytesPerDay: number | null
  /** The quartiles of the pairwise rates: the spread behind bytesPerDay. */
  low?: number | null
  high?: number | null
  points: number
  spanMs: number
}

export interface LogDirGrowth {
  broker: number
  path: string
  points: { time: string; bytes: number; usableBytes: number | null; totalBytes: number | null }[]
  growth: GrowthView
}

/** GET …/storage/brokers/{b}/history?start=&end= */
export interface BrokerHistory extends TimeWindow {
  broker: number
  /** Bucket size when the window was downsampled (max per bucket), else null (every sample). */
  step: string | null
  logDirs: (LogDirGrowth & { usableBytes: number | null; totalBytes: number | null; daysUntilFull: number | null; history?: HistoryCheck })[]
}

export interface RetentionSettings {
  retentionMs: number | null
  retentionBytes: number | null
  segmentBytes: number | null
  segmentMs: number | null
  cleanupPolicy: string | null
}

export type ForecastModel = 'time' | 'size' | 'unbounded' | 'compacted' | 'unknown'

export interface Forecast {
  /** Which limit bounds the topic: retention.ms, retention.bytes, none, or compaction. */
  model: ForecastModel
  /** Size the topic settles at under its current retention (all replicas), or null. */
  steadyStateBytes: number | null
  /** Days until that size is reached at the current net growth (null if reached or unknown). */
  reachedInDays: number | null
  /** Without a bound: the size in 30 days at the current growth. */
  in30DaysBytes: number | null
  /** The interval of steadyStateBytes (or in30DaysBytes) over the spread of the rates; null when not known. */
  range?: { low: number; high: number } | null
  /** The history the rates come from; when not enough, no rate is extrapolated. */
  history?: HistoryCheck
  explanation: string
}

/** GET …/storage/topics/{t}/history?start=&end= */
export interface TopicHistory extends TimeWindow {
  topic: string
  /** Bucket size when the window was downsampled (max per bucket), else null (every sample). */
  step: string | null
  points: { time: string; bytes: number; leaderBytes: number | null }[]
  growthBytesPerDay: number | null
  growth: GrowthView
  ingest: { messagesPerDay: number | null; bytesPerMessage: number | null; bytesPerDay: number | null }
  current: { sampledAt: string | null; bytes: number | null; partitions: number; replicationFactor: number; complete: boolean } | null
  retention: RetentionSettings | null
  forecast: Forecast | null
}

export interface ReplicaLayout {
  broker: number
  logDir: string | null
  /** Null: the broker did not answer, unknown. */
  bytes: number | null
  leader: boolean
  /** ceil(bytes / segment.bytes), at least 1 (the active segment); null when the size is unknown. */
  estimatedSegments: number | null
  /** Bytes behind the leader (followers). */
  offsetLag: number | null
  future: boolean
}

export interface PartitionLayout {
  partition: number
  leader: number | null
  earliestOffset: string | null
  latestOffset: string | null
  messages: number | null
  oldestTimestamp: string | null
  /** Age of the oldest retained record at the time of the sample, ms. */
  oldestAgeMs: number | null
  newestTimestamp: string | null
  replicas: ReplicaLayout[]
}

/** GET …/storage/topics/{t}/layout */
export interface TopicLayout extends SampleHeader {
  topic: string
  bytes: number | null
  leaderBytes: number | null
  replicationFactor: number
  complete: boolean
  retention: RetentionSettings
  partitions: PartitionLayout[]
}

export interface TtlOptions {
  safetyFactor: number
  /** Share of each broker's free space the topic may grow into. */
  budgetShare: number
}

export type TtlStatus = 'keep' | 'raise' | 'lower' | 'conflict' | 'insufficient-data'

/** GET …/storage/topics/{t}/ttl-advice?start=&end=&safetyFactor=&budgetShare= */
export interface TtlAdvice {
  topic: string
  sampledAt: string | null
  window: TimeWindow
  status: TtlStatus
  current: { retentionMs: number | null; retentionBytes: number | null }
  suggested: { retentionMs: number | null; retentionBytes: number | null }
  /** The IncrementalAlterConfigs change that applies the advice, or null when nothing changes. */
  change: { set: Record<string, string> } | null
  reasoning: string[]
  inputs: {
    slowestGroup: string | null
    maxLagMs: number | null
    /** The slowest group's oldest unread record age (null in samples taken before it was recorded; maxLagMs is used then). */
    oldestUnreadAgeMs?: number | null
    lagNeedMs: number | null
    ingestBytesPerDay: number | null
    diskMaxRetentionMs: number | null
    brokers: { broker: number; topicBytes: number; usableBytes: number | null; budgetBytes: number | null; maxRetentionMs: number | null }[]
    steadyStateBytesAtSuggested: number | null
    /** The steady state at the current settings (null: unbounded or unknown). */
    steadyStateBytesAtCurrent?: number | null
  } & TtlOptions
  /** The advice in money: storage per month now and at the suggested settings. */
  cost?: { price: StoragePrice; currentPerMonth: number | null; suggestedPerMonth: number | null }
}

/**
 * POST …/storage/topics/{t}/ttl-advice/apply. An operator may apply only the advice as computed
 * now: send back the advice's `window` (and the options it was computed with).
 */
export interface RetentionChange {
  set: { 'retention.ms'?: string; 'retention.bytes'?: string }
  window?: WindowInput
  safetyFactor?: number
  budgetShare?: number
}

export interface RetentionChangeResult {
  topic: string
  applied: Record<string, string>
  before: Record<string, string | null>
  after: Record<string, string | null>
}

/** What "sample now" started. */
export interface SampleNowResult {
  /** "in-process": sampling in this process now; "lambda": the sampler function was invoked. */
  mode: 'in-process' | 'lambda'
  requestedAt: string
  /** True when a sample of this cluster was already running here and this request joined it. */
  joined?: boolean
}

/** POST …/storage/sample (202). */
export interface SampleNowAccepted extends SampleNowResult {
  cluster: string
}

export type Severity = 'info' | 'warning' | 'critical'

export interface Finding {
  rule: string
  severity: Severity
  topic?: string
  group?: string
  broker?: number
  logDir?: string
  message: string
  evidence: Record<string, number | string | boolean | null>
  suggestion?: string
}

export interface AuditOptions {
  /** A log dir forecast to fill within this many days is reported. */
  fillWithinDays: number
  /** Lag in time at this share of retention.ms is reported (at 1.0 and above: critical). */
  lagShare: number
  /** A topic at least this big that no group reads is reported. */
  largeTopicBytes: number
  /** History looked at for growth, ms. */
  windowMs: number
  /** Growth is not extrapolated from less history than this, ms. */
  minSpanMs: number
  /** Growth below this (bytes/day) counts as not growing. */
  minGrowthBytesPerDay: number
  /** Growth is not extrapolated from fewer samples than this. */
  minSamples?: number
  /** retention.ms above 0 and below this is reported: it deletes records about as soon as they are written. */
  minRetentionMs?: number
}

/** GET …/storage/audit (the latest stored; `?format=csv` as CSV), and POST …/storage/audit (runs one; body: Partial<AuditOptions>). */
export interface AuditReport {
  id: string
  cluster: string
  generatedAt: string
  /** The sample the findings are based on (null: no sample yet, so nothing to audit). */
  sampledAt: string | null
  sampleId: string | null
  partial: boolean
  sizesAvailable: boolean
  options: AuditOptions
  findings: Finding[]
  summary: { critical: number; warning: number; info: number }
}
