// Lag of every consumer group in one pass, per group and topic, in messages and in time: what
// the storage sampler records each round. groupDetail() does the same for one group with several
// round trips; here it is one ListGroups, batched OffsetFetch, and a Fetch per leader (in a few
// size rounds, see record-timestamps.ts) for all lagging partitions together; end offsets come
// from the sample itself.
import { AppError } from '../errors.ts'
import type { KafkaCluster, MetadataResponse } from './cluster.ts'
import { partitionKey, type ListedOffset } from './offsets.ts'
import { recordTimestamps } from './record-timestamps.ts'

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
  /** Lagging partitions whose lag in time could not be read. */
  unknownLagPartitions: number
  /** Records deleted by retention before the group read them (committed offset < log start). */
  deletedUnread: number
}

export interface PartitionOffsets {
  earliest: Map<string, ListedOffset>
  latest: Map<string, ListedOffset>
  /** ListOffsets MAX_TIMESTAMP: the newest record's time per partition. */
  newest: Map<string, ListedOffset>
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

export async function groupLagByTopic(cluster: KafkaCluster, metadata: MetadataResponse, offsets: PartitionOffsets, timeoutMs = 10_000): Promise<GroupTopicLag[]> {
  const listed = await cluster.call('Listing consumer groups', (admin) => admin.listGroups({ types: ['classic', 'consumer'] }))
  const groups = [...listed.values()].map((g) => ({ groupId: g.id, state: g.state }))
  if (groups.length === 0) return []
  const committed: { groupId: string; topic: string; partition: number; offset: bigint }[] = []
  const fetchCommitted = async (ids: string[]): Promise<void> => {
    let answer
    try {
      answer = await cluster.call('Reading committed offsets', (admin) => admin.listConsumerGroupOffsets({ groups: ids }))
    } catch (error: unknown) {
      // A group deleted since the listing fails the whole batch: halve until it is isolated.
      if (!(error instanceof AppError) || error.code !== 'GROUP_NOT_FOUND') throw error
      if (ids.length === 1) return
      const half = Math.ceil(ids.length / 2)
      await fetchCommitted(ids.slice(0, half))
      await fetchCommitted(ids.slice(half))
      return
    }
    for (const group of answer) {
      for (const topic of group.topics) {
        for (const p of topic.partitions) {
          if (p.committedOffset >= 0n) committed.push({ groupId: group.groupId, topic: topic.name, partition: p.partitionIndex, offset: p.committedOffset })
        }
      }
    }
  }
  for (const ids of chunk(groups.map((g) => g.groupId), 200)) await fetchCommitted(ids)
  // The next unread record of each lagging partition; many groups often share a position.
  const next = (c: (typeof committed)[number]) => {
    const start = BigInt(offsets.earliest.get(partitionKey(c.topic, c.partition))?.offset ?? '0')
    return c.offset < start ? start : c.offset
  }
  const end = (c: (typeof committed)[number]) => BigInt(offsets.latest.get(partitionKey(c.topic, c.partition))?.offset ?? c.offset.toString())
  const lagging = committed.filter((c) => end(c) > c.offset)
  const positions = new Map(lagging.map((c) => [`${partitionKey(c.topic, c.partition)}@${next(c)}`, { topic: c.topic, partition: c.partition, offset: next(c).toString() }]))
  const byOffset = new Map<string, Map<string, number | null>>()
  // One fetch per distinct offset per partition is needed; group positions into rounds in which
  // each partition appears once (usually one round: groups on a partition mostly share a position).
  const rounds: { keys: Set<string>; positions: { topic: string; partition: number; offset: string }[] }[] = []
  for (const position of positions.values()) {
    const key = partitionKey(position.topic, position.partition)
    let round = rounds.find((r) => !r.keys.has(key))
    if (!round) {
      if (rounds.length >= 8) continue // pathological spread: those stay unknown
      round = { keys: new Set(), positions: [] }
      rounds.push(round)
    }
    round.keys.add(key)
    round.positions.push(position)
  }
  for (const { positions: round } of rounds) {
    const { timestamps } = await recordTimestamps(cluster, round, { metadata, timeoutMs })
    for (const position of round) {
      const key = partitionKey(position.topic, position.partition)
      const map = byOffset.get(key) ?? new Map<string, number | null>()
      byOffset.set(key, map)
      map.set(position.offset, timestamps.get(key)?.timestamp ?? null)
    }
  }
  const state = new Map(groups.map((g) => [g.groupId, g.state]))
  const rows = new Map<string, GroupTopicLag>()
  for (const c of committed) {
    const key = partitionKey(c.topic, c.partition)
    const id = `${c.groupId}\u0000${c.topic}`
    const row = rows.get(id) ?? { groupId: c.groupId, state: state.get(c.groupId) ?? '', topic: c.topic, partitions: 0, lag: 0, maxLagMs: 0, unknownLagPartitions: 0, deletedUnread: 0 }
    rows.set(id, row)
    row.partitions++
    const last = end(c)
    if (last <= c.offset) continue
    row.lag += Number(last - c.offset)
    const start = next(c)
    if (start > c.offset) row.deletedUnread += Number(start - c.offset)
    const newest = offsets.newest.get(key)?.timestamp ?? -1
    const unread = byOffset.get(key)?.get(start.toString()) ?? null
    if (unread === null || newest < 0) row.unknownLagPartitions++
    else row.maxLagMs = Math.max(row.maxLagMs ?? 0, newest - unread)
  }
  // Lagging everywhere and not one lag in time known: unknown, not zero.
  for (const row of rows.values()) if (row.lag > 0 && row.unknownLagPartitions > 0 && row.maxLagMs === 0) row.maxLagMs = null
  return [...rows.values()]
}
