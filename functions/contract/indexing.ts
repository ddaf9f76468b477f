// The indexing plan and its counters (functions/core/indexing/).
import type { ErrorCode } from '../core/errors.ts'

export interface TopicIndexStats {
  seen: number
  indexed: number
  /** Records indexed only because a keep rule matched. */
  kept: number
  bytesSeen: number
  bytesIndexed: number
  /** Key and value bytes not indexed thanks to sampling. */
  savedBytes: number
  /** savedBytes / bytesSeen (0 when nothing was seen). */
  savedRatio: number
  lastIndexedAt: string | null
}

export interface TopicPlan {
  topic: string
  enabled: boolean
  /** Share of record keys indexed, in (0, 1]; records matching a keep rule are always indexed. */
  sampleRate: number
  /** Substrings, or /regex/ with optional i, m, s flags, matched on key, value and header values. */
  keep: string[]
  /** Longer values are cut to this many bytes (and flagged `truncated`). */
  maxValueBytes: number
  /** How many top-level JSON fields become VictoriaLogs fields (0: none). */
  extractFields: number
  // The MSK event source mapping's settings (AWS); absent in plans written before them: defaults.
  /** Where a new mapping starts reading; fixed once the mapping exists. */
  startingPosition?: StartingPosition
  /** Records per indexer invocation, at most (AWS: 1–10000). */
  batchSize?: number
  /** Seconds a batch may wait to fill up (AWS: 0–300). */
  batchingWindowSeconds?: number
  /**
   * New each time the topic is added to the plan (kept while it is edited, paused or resumed): part
   * of its MSK mapping's consumer group, so a topic removed and added back gets a fresh group and
   * reads from its starting position, where the old group's committed offsets would win (AWS
   * ignores StartingPosition for a group that has offsets). Absent in plans written before it.
   */
  generation?: string
  updatedAt: string
  updatedBy: string
}

/** LATEST: from now on; TRIM_HORIZON: from the start of retention. */
export type StartingPosition = 'LATEST' | 'TRIM_HORIZON'

/** A topic's MSK event source mapping as the indexing API shows it (AWS; null in local mode). */
export interface TopicMapping {
  topic: string
  /** The mapping's UUID. */
  id: string
  /** Creating, Enabling, Enabled, Disabling, Disabled, Updating or Deleting. */
  state: string
  consumerGroup: string
  startingPosition: StartingPosition | null
  batchSize: number | null
  batchingWindowSeconds: number | null
  /** The last poll's outcome ("OK", "No records processed", "PROBLEM: …"). */
  lastProcessingResult: string | null
  /** Why the state last changed ("USER_INITIATED", or the problem that disabled it). */
  stateTransitionReason: string | null
  lastModified: string | null
}

/** A problem met while following the plan on AWS; the plan itself was stored. */
export interface MappingProblem {
  code: ErrorCode
  detail: string
}

/** PUT answer: the topic's plan, and what became of its mapping. */
export interface TopicPlanResult extends TopicPlan {
  mapping: TopicMapping | null
  mappingError: MappingProblem | null
}

/** A topic's plan with its counters; `stats` is null when nothing was counted yet or the counters could not be read. */
export interface TopicIndexing extends TopicPlan {
  stats: TopicIndexStats | null
  mapping: TopicMapping | null
}

/** GET /api/clusters/{c}/indexing */
export interface IndexingOverview {
  cluster: string
  /** False where the plan is fixed by the deployment (PLAN_READ_ONLY on changes). */
  writable: boolean
  defaults: { sampleRate: number; maxValueBytes: number; extractFields: number }
  runners: { builtin: { consumerGroup: string }; vector: { consumerGroup: string; config: string } }
  /** Sorted by topic. */
  topics: TopicIndexing[]
  /** Set when the counters could not be read (VictoriaLogs down); the plan is still there. */
  statsError: { code: ErrorCode; detail: string } | null
  /** AWS: mappings of topics no longer in the plan, until they are deleted (the reconciler retries). */
  mappingsBeingRemoved: TopicMapping[]
  /** AWS: set when the mappings could not be listed. */
  mappingsError: MappingProblem | null
}

/** PUT /api/clusters/{c}/indexing/topics/{t} (answers the TopicPlan): omitted fields keep their current value. */
export interface TopicPlanInput {
  enabled: boolean
  sampleRate?: number
  keep?: string[]
  maxValueBytes?: number
  extractFields?: number
  startingPosition?: StartingPosition
  batchSize?: number
  batchingWindowSeconds?: number
}
