// Consumer groups and the offset reset (functions/core/groups/).

export interface GroupSummary {
  groupId: string
  state: string
  /** "classic" or "consumer" (KIP-848), as the broker reports it. */
  type: string
  protocolType: string
  members: number
  /** Topics with committed offsets or assigned to a member, sorted. */
  topics: string[]
  /** Messages not yet read, summed over the committed partitions. */
  lag: number
}

/** GET /api/clusters/{c}/groups */
export interface GroupList {
  items: GroupSummary[]
}

/**
 * GET /api/clusters/{c}/groups?q=&limit=&cursor=: a page of groups sorted by id (without `limit`,
 * every group); `total` counts the matching groups, `nextCursor` asks for the next page.
 */
export interface GroupPage extends GroupList {
  total: number
  nextCursor: string | null
}

export interface GroupMember {
  memberId: string
  clientId: string
  host: string
  assignments: { topic: string; partitions: number[] }[]
}

export interface GroupOffsetRow {
  topic: string
  partition: number
  /** Null for an assigned partition without a commit yet. */
  committedOffset: string | null
  endOffset: string
  lag: number
  /** How far behind the newest record the next unread record is, in ms (null if unknown). */
  lagMs: number | null
  retentionMs: number | null
  /** Lag in time has reached 80% of retention: unread data is about to be deleted. */
  atRisk: boolean
}

/** GET /api/clusters/{c}/groups/{g} */
export interface GroupDetail {
  groupId: string
  state: string
  type: string
  members: GroupMember[]
  offsets: GroupOffsetRow[]
  warnings: string[]
}

export type ResetStrategy = 'earliest' | 'latest' | 'offset' | 'timestamp' | 'shift' | 'duration'

/** POST /api/clusters/{c}/groups/{g}/offsets/reset (`?format=csv` answers the plan as CSV). */
export interface ResetRequest {
  strategy: ResetStrategy
  /**
   * offset and shift: a whole number (digits, as int64 may exceed a JSON number); timestamp: RFC 3339
   * or epoch ms; duration: ISO 8601 (PT1H).
   */
  value?: string | number
  /** Every partition with a committed offset when absent. */
  topics?: { topic: string; partitions?: number[] }[]
  /** false (the default): a dry run that only plans. */
  execute?: boolean
}

export interface ResetPlanRow {
  topic: string
  partition: number
  currentOffset: string | null
  newOffset: string
  /** The requested offset was outside the log and moved to this end of it. */
  clamped?: 'earliest' | 'latest'
}

export interface ResetResult {
  executed: boolean
  plan: ResetPlanRow[]
  warnings: string[]
}
