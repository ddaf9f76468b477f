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
  /**
   * Unread records are about to be deleted on a committed partition: its oldest unread record has
   * reached 80% of the topic's retention.ms, or retention already deleted some (as the group detail's atRisk).
   */
  atRisk?: boolean
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
  /**
   * Null for a partition without a commit: assigned to a member, or any other partition of a topic
   * the group has commits on (lag, lagMs and oldestUnreadAgeMs then say nothing: 0 and null).
   */
  committedOffset: string | null
  endOffset: string
  lag: number
  /**
   * How far behind the newest record the next unread record is, in ms (null if unknown): the gap
   * between the two records' timestamps, not their age. 0 when caught up.
   */
  lagMs: number | null
  /**
   * Age of the next unread (oldest unread) record against now, in ms: what retention measures.
   * 0 when caught up, null if unknown (no commit yet, or the record could not be read).
   */
  oldestUnreadAgeMs: number | null
  retentionMs: number | null
  /** The oldest unread record's age has reached 80% of retention: unread data is about to be deleted. */
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

/** One group reading a topic, found by its commits on it. */
export interface TopicConsumer {
  groupId: string
  state: string
  type: string
  members: number
  /** Partitions of the topic the group has committed on (the lag covers only these). */
  committedPartitions: number
  /** Messages not yet read, summed over the committed partitions. */
  lag: number
  /** The oldest unread record's age against now, worst partition (0: caught up; null: unknown). */
  oldestUnreadAgeMs: number | null
  /** The worst partition's lag behind the newest record, in ms (see GroupOffsetRow.lagMs). */
  lagMs: number | null
  /** Records retention deleted before the group read them. */
  deletedUnread: number
  /** Unread records are at least 80% of retention old, or some were already deleted unread. */
  atRisk: boolean
}

/** GET /api/clusters/{c}/topics/{t}/groups: the groups reading the topic, most lag first. */
export interface TopicConsumerList {
  topic: string
  partitions: number
  retentionMs: number | null
  items: TopicConsumer[]
}
