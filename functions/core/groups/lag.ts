// Lag of every consumer group in one pass, per group and topic, in messages and in time: what
// the storage sampler records each round. groupDetail() does the same for one group with several
// round trips; here it is one ListGroups, batched OffsetFetch, and a Fetch per leader (in a few
// size rounds, see recordTimestamps()) for all lagging partitions together; end offsets come
// from the sample itself.
import { AppError } from '../errors.ts'
import {
  committedOffsets, listGroups, PartitionTable, recordTimestamps,
  type ClusterSnapshot, type CommittedOffset, type FetchPosition, type KafkaCluster, type ListedOffset,
} from '../kafka/index.ts'

export interface GroupTopicLag {
  groupId: string
  state: string
  topic: string
  /** Partitions of the topic with a committed offset. */
  partitions: number
  /** Messages not yet read, summed over the partitions. */
  lag: number
  /** The worst partition's lag in time: newest record's time minus the next unread record's (null: unknown). */
  maxLagMs: number | null
  /**
   * The oldest unread record's age against `now` (the sample's time), worst partition: what
   * retention deletes by, so what the data-loss rule uses (0: caught up; null: unknown).
   */
  oldestUnreadAgeMs: number | null
  /** Lagging partitions whose lag in time could not be read. */
  unknownLagPartitions: number
  /** Records deleted by retention before the group read them (committed offset < log start). */
  deletedUnread: number
}

export interface PartitionOffsets {
  earliest: PartitionTable<ListedOffset>
  latest: PartitionTable<ListedOffset>
  /** ListOffsets MAX_TIMESTAMP: the newest record's time per partition. */
  newest: PartitionTable<ListedOffset>
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

export interface GroupCommit { groupId: string; topic: string; partition: number; offset: bigint }

/**
 * The committed offsets of many groups, 200 per OffsetFetch, `parallel` requests at a time; with
 * `topic`, only that topic's commits are kept (the broker answers all of them regardless).
 */
export async function commitsOfGroups(cluster: KafkaCluster, groupIds: string[], options: { topic?: string; parallel?: number } = {}): Promise<GroupCommit[]> {
  const committed: GroupCommit[] = []
  const fetchCommitted = async (ids: string[]): Promise<void> => {
    let answer: Map<string, CommittedOffset[]>
    try {
      answer = await committedOffsets(cluster, ids)
    } catch (error: unknown) {
      // A group deleted since the listing fails the whole batch: halve until it is isolated.
      if (!(error instanceof AppError) || error.code !== 'GROUP_NOT_FOUND') throw error
      if (ids.length === 1) return
      const half = Math.ceil(ids.length / 2)
      await fetchCommitted(ids.slice(0, half))
      await fetchCommitted(ids.slice(half))
      return
    }
    for (const [groupId, commits] of answer) {
      for (const c of commits) if (options.topic === undefined || c.topic === options.topic) committed.push({ groupId, topic: c.topic, partition: c.partition, offset: BigInt(c.offset) })
    }
  }
  const batches = chunk(groupIds, 200)
  const parallel = options.parallel ?? 1
  for (let i = 0; i < batches.length; i += parallel) await Promise.all(batches.slice(i, i + parallel).map(fetchCommitted))
  return committed
}

export async function groupLagByTopic(cluster: KafkaCluster, metadata: ClusterSnapshot, offsets: PartitionOffsets, timeoutMs = 10_000, now = Date.now()): Promise<GroupTopicLag[]> {
  const groups = await listGroups(cluster)
  if (groups.length === 0) return []
  const committed = await commitsOfGroups(cluster, groups.map((g) => g.groupId))
  return lagOfCommits(cluster, metadata, offsets, committed, new Map(groups.map((g) => [g.groupId, g.state])), timeoutMs, now)
}

/** Lag per group and topic of the given commits; `offsets` must cover their partitions. */
export async function lagOfCommits(
  cluster: KafkaCluster, metadata: ClusterSnapshot, offsets: PartitionOffsets, committed: GroupCommit[], state: Map<string, string>, timeoutMs = 10_000, now = Date.now(),
): Promise<GroupTopicLag[]> {
  // The next unread record of each lagging partition; many groups often share a position.
  const next = (c: GroupCommit) => {
    const start = BigInt(offsets.earliest.get(c.topic, c.partition)?.offset ?? '0')
    return c.offset < start ? start : c.offset
  }
  const end = (c: GroupCommit) => BigInt(offsets.latest.get(c.topic, c.partition)?.offset ?? c.offset.toString())
  const lagging = committed.filter((c) => end(c) > c.offset)
  // One fetch per distinct offset per partition is needed; group positions into rounds in which
  // each partition appears once (usually one round: groups on a partition mostly share a position).
  const positions = new PartitionTable<Map<string, FetchPosition>>()
  for (const c of lagging) {
    const offset = next(c).toString()
    const atPartition = positions.get(c.topic, c.partition) ?? new Map<string, FetchPosition>()
    positions.set(c.topic, c.partition, atPartition)
    atPartition.set(offset, { topic: c.topic, partition: c.partition, offset })
  }
  const rounds: FetchPosition[][] = []
  for (const atPartition of positions.values()) {
    // Pathological spread (more than 8 positions on one partition): the rest stay unknown.
    [...atPartition.values()].slice(0, 8).forEach((position, round) => (rounds[round] ??= []).push(position))
  }
  const byOffset = new PartitionTable<Map<string, number | null>>()
  for (const round of rounds) {
    const { timestamps } = await recordTimestamps(cluster, round, { metadata, timeoutMs })
    for (const position of round) {
      const atPartition = byOffset.get(position.topic, position.partition) ?? new Map<string, number | null>()
      byOffset.set(position.topic, position.partition, atPartition)
      atPartition.set(position.offset, timestamps.get(position.topic, position.partition)?.timestamp ?? null)
    }
  }
  const rows = new Map<string, Map<string, GroupTopicLag>>()
  for (const c of committed) {
    const topics = rows.get(c.groupId) ?? new Map<string, GroupTopicLag>()
    rows.set(c.groupId, topics)
    const row = topics.get(c.topic) ?? { groupId: c.groupId, state: state.get(c.groupId) ?? '', topic: c.topic, partitions: 0, lag: 0, maxLagMs: 0, oldestUnreadAgeMs: 0, unknownLagPartitions: 0, deletedUnread: 0 }
    topics.set(c.topic, row)
    row.partitions++
    const last = end(c)
    if (last <= c.offset) continue
    row.lag += Number(last - c.offset)
    const start = next(c)
    if (start > c.offset) row.deletedUnread += Number(start - c.offset)
    const newest = offsets.newest.get(c.topic, c.partition)?.timestamp ?? -1
    const unread = byOffset.get(c.topic, c.partition)?.get(start.toString()) ?? null
    if (unread === null || newest < 0) row.unknownLagPartitions++
    else row.maxLagMs = Math.max(row.maxLagMs ?? 0, newest - unread)
    if (unread !== null) row.oldestUnreadAgeMs = Math.max(row.oldestUnreadAgeMs ?? 0, now - unread)
  }
  const result = [...rows.values()].flatMap((topics) => [...topics.values()])
  // Lagging everywhere and not one lag in time known: unknown, not zero.
  for (const row of result) {
    if (row.lag > 0 && row.unknownLagPartitions > 0 && row.maxLagMs === 0) row.maxLagMs = null
    if (row.lag > 0 && row.unknownLagPartitions > 0 && row.oldestUnreadAgeMs === 0) row.oldestUnreadAgeMs = null
  }
  return result
}
