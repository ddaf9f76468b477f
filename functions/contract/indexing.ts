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
  updatedAt: string
  updatedBy: string
}

/** A topic's plan with its counters; `stats` is null when nothing was counted yet or the counters could not be read. */
export interface TopicIndexing extends TopicPlan {
  stats: TopicIndexStats | null
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
}

/** PUT /api/clusters/{c}/indexing/topics/{t} (answers the TopicPlan): omitted fields keep their current value. */
export interface TopicPlanInput {
  enabled: boolean
  sampleRate?: number
  keep?: string[]
  maxValueBytes?: number
  extractFields?: number
}
