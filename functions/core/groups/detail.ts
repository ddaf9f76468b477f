// One consumer group: members, and per partition its committed offset and lag in messages and
// in time, with a warning when unread records are about to be deleted by retention. Retention
// deletes by age against now, so the warning compares the oldest unread record's age with it.
import { describeGroupMembers, committedOffsets, fetchRecords, listOffsets, PartitionTable, type KafkaCluster } from '../kafka/index.ts'
import { numericTopicConfig } from '../topics/configs.ts'
import { findGroup, groupNotFound } from './list.ts'
import type { GroupOffsetRow, GroupDetail } from '../../contract/groups.ts'
export type { GroupOffsetRow, GroupDetail }

export const atRiskShare = 0.8

const fmtAge = (ms: number) => (ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} d` : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : `${Math.round(ms / 1000)} s`)

/**
 * With `visible` (scoped roles), only visible topics appear (in offsets and in members'
 * assignments); a group without any visible topic is GROUP_NOT_FOUND, as if it did not exist.
 */
export async function groupDetail(cluster: KafkaCluster, groupId: string, visible?: (topic: string) => boolean, now = Date.now()): Promise<GroupDetail> {
  const group = await findGroup(cluster, groupId)
  const [members, committed] = await Promise.all([describeGroupMembers(cluster, [group]), committedOffsets(cluster, [groupId])])
  const shown = (topic: string) => !visible || visible(topic)
  const groupMembersList = (members.get(groupId) ?? []).map((m) => (visible ? { ...m, assignments: m.assignments.filter((a) => shown(a.topic)) } : m))
  // Assigned partitions without a commit yet still belong in the table.
  const rows = new PartitionTable<{ topic: string; partition: number; offset: bigint | null }>()
  for (const m of groupMembersList) for (const a of m.assignments) for (const p of a.partitions) rows.set(a.topic, p, { topic: a.topic, partition: p, offset: null })
  for (const c of committed.get(groupId) ?? []) if (shown(c.topic)) rows.set(c.topic, c.partition, { topic: c.topic, partition: c.partition, offset: BigInt(c.offset) })
  if (visible && rows.size === 0) throw groupNotFound(groupId)
  // The other partitions of every topic the group reads, without a commit: the lag leaves them
  // out and "reset all topics" does not touch them, so they are shown rather than hidden. (The
  // snapshot serves listOffsets below too.)
  const metadata = await cluster.metadata()
  for (const topic of new Set([...rows.values()].map((r) => r.topic))) {
    for (const p of metadata.topics.find((t) => t.name === topic)?.partitions ?? []) {
      if (!rows.get(topic, p.partition)) rows.set(topic, p.partition, { topic, partition: p.partition, offset: null })
    }
  }
  const scope = rows.scope()
  const [{ ends, starts, newest }, retention] = await Promise.all([
    listOffsets(cluster, scope, { ends: 'latest', starts: 'earliest', newest: 'maxTimestamp' }, metadata),
    numericTopicConfig(cluster, scope.map((s) => s.topic), 'retention.ms'),
  ])
  const warnings: string[] = []
  // The next unread record of every lagging partition, read without joining the group.
  const lagging = [...rows.values()].filter((r) => r.offset !== null && BigInt(ends.get(r.topic, r.partition)?.offset ?? '0') > (r.offset ?? 0n))
  const positions = lagging.map((r) => {
    const start = BigInt(starts.get(r.topic, r.partition)?.offset ?? '0')
    const from = (r.offset as bigint) < start ? start : (r.offset as bigint)
    if ((r.offset as bigint) < start) warnings.push(`${r.topic}-${r.partition}: the committed offset ${r.offset} is before the log start ${start}; ${start - (r.offset as bigint)} records were deleted unread.`)
    return { topic: r.topic, partition: r.partition, offset: from.toString() }
  })
  const nextUnread = new PartitionTable<number>()
  if (positions.length > 0) {
    for (const fetched of await fetchRecords(cluster, positions, { partitionMaxBytes: 64 * 1024 })) {
      const first = fetched.records[0]
      if (first) nextUnread.set(fetched.topic, fetched.partition, first.timestamp)
    }
  }
  const offsets = [...rows.values()].map((r): GroupOffsetRow => {
    const end = BigInt(ends.get(r.topic, r.partition)?.offset ?? '0')
    const lag = r.offset === null ? 0 : Number(end > r.offset ? end - r.offset : 0n)
    const newestTs = newest.get(r.topic, r.partition)?.timestamp ?? -1
    const unreadTs = nextUnread.get(r.topic, r.partition)
    const caughtUp = r.offset === null ? null : 0
    const lagMs = lag === 0 ? caughtUp : unreadTs !== undefined && newestTs >= 0 ? Math.max(0, newestTs - unreadTs) : null
    const oldestUnreadAgeMs = lag === 0 ? caughtUp : unreadTs !== undefined ? Math.max(0, now - unreadTs) : null
    const retentionMs = retention.get(r.topic) ?? null
    const atRisk = oldestUnreadAgeMs !== null && retentionMs !== null && retentionMs > 0 && oldestUnreadAgeMs >= retentionMs * atRiskShare
    if (atRisk) warnings.push(`${r.topic}-${r.partition}: the oldest unread record is ${fmtAge(oldestUnreadAgeMs as number)} old, ${Math.round(((oldestUnreadAgeMs as number) / (retentionMs as number)) * 100)}% of retention (${fmtAge(retentionMs as number)}); unread records are about to be deleted.`)
    return { topic: r.topic, partition: r.partition, committedOffset: r.offset === null ? null : r.offset.toString(), endOffset: end.toString(), lag, lagMs, oldestUnreadAgeMs, retentionMs, atRisk }
  }).sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
  return { groupId, state: group.state, type: group.type, members: groupMembersList, offsets, warnings }
}
