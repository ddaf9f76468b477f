// Consumer groups of both protocols (classic and KIP-848 `consumer`), with lag in messages and in time.
import { AppError } from '../errors.ts'
import type { KafkaCluster } from './cluster.ts'
import { numericTopicConfig } from './configs.ts'
import { describeConsumerProtocolGroups } from './consumer-group-describe.ts'
import { fetchRecords } from './fetch.ts'
import { listPartitionOffsets, listPartitionOffsetsMany, partitionKey, type TopicPartitions } from './offsets.ts'

export interface GroupMemberInfo {
  memberId: string
  clientId: string
  host: string
  assignments: { topic: string; partitions: number[] }[]
}

export interface GroupSummary {
  groupId: string
  state: string
  /** "classic" or "consumer" (KIP-848), as the broker reports it. */
  type: string
  protocolType: string
  members: number
  topics: string[]
  lag: number
}

interface Committed { topic: string; partition: number; offset: bigint }

export const groupNotFound = (groupId: string) =>
  new AppError('GROUP_NOT_FOUND', `Consumer group '${groupId}' does not exist.`, { status: 404 })

async function listAllGroups(cluster: KafkaCluster) {
  // Without a type filter the client asks for classic groups only; KIP-848 groups must be named.
  const groups = await cluster.call('Listing consumer groups', (admin) => admin.listGroups({ types: ['classic', 'consumer'] }))
  return [...groups.values()].map((g) => ({ groupId: g.id, state: g.state, type: g.groupType || 'classic', protocolType: g.protocolType }))
}

/** Members of each group, whatever its protocol; one batched request per protocol. */
export async function groupMembers(cluster: KafkaCluster, groups: { groupId: string; type: string }[]): Promise<Map<string, GroupMemberInfo[]>> {
  const members = new Map<string, GroupMemberInfo[]>()
  const classic = groups.filter((g) => g.type !== 'consumer').map((g) => g.groupId)
  const consumer = groups.filter((g) => g.type === 'consumer').map((g) => g.groupId)
  const [classicDescribed, consumerDescribed] = await Promise.all([
    classic.length ? cluster.call('Describing consumer groups', (admin) => admin.describeGroups({ groups: classic })) : new Map(),
    describeConsumerProtocolGroups(cluster, consumer),
  ])
  for (const [id, group] of classicDescribed) {
    members.set(id, [...group.members.values()].map((m) => ({
      memberId: m.id, clientId: m.clientId, host: m.clientHost,
      assignments: [...(m.assignments?.values() ?? [])].map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y) })),
    })))
  }
  for (const [id, group] of consumerDescribed) {
    members.set(id, group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignments: m.assignment })))
  }
  return members
}

async function committedOffsets(cluster: KafkaCluster, groupIds: string[]): Promise<Map<string, Committed[]>> {
  const result = new Map<string, Committed[]>()
  if (groupIds.length === 0) return result
  const groups = await cluster.call('Reading committed offsets', (admin) => admin.listConsumerGroupOffsets({ groups: groupIds }))
  for (const group of groups) {
    result.set(group.groupId, group.topics.flatMap((t) => t.partitions
      .filter((p) => p.committedOffset >= 0n)
      .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset }))))
  }
  return result
}

function scopeOf(entries: { topic: string; partition: number }[]): TopicPartitions[] {
  const byTopic = new Map<string, Set<number>>()
  for (const e of entries) byTopic.set(e.topic, (byTopic.get(e.topic) ?? new Set()).add(e.partition))
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions: [...partitions] }))
}

export async function listGroupSummaries(cluster: KafkaCluster): Promise<GroupSummary[]> {
  const groups = await listAllGroups(cluster)
  const ids = groups.map((g) => g.groupId)
  const [members, committed] = await Promise.all([groupMembers(cluster, groups), committedOffsets(cluster, ids)])
  const ends = await listPartitionOffsets(cluster, scopeOf([...committed.values()].flat()), 'latest')
  return groups.map((g) => {
    const offsets = committed.get(g.groupId) ?? []
    const assigned = (members.get(g.groupId) ?? []).flatMap((m) => m.assignments.map((a) => a.topic))
    let lag = 0n
    for (const c of offsets) {
      const end = BigInt(ends.get(partitionKey(c.topic, c.partition))?.offset ?? c.offset)
      if (end > c.offset) lag += end - c.offset
    }
    return {
      ...g,
      members: members.get(g.groupId)?.length ?? 0,
      topics: [...new Set([...offsets.map((o) => o.topic), ...assigned])].sort(),
      lag: Number(lag),
    }
  }).sort((a, b) => a.groupId.localeCompare(b.groupId))
}

export interface GroupOffsetRow {
  topic: string
  partition: number
  committedOffset: string | null
  endOffset: string
  lag: number
  /** How far behind the newest record the next unread record is, in ms (null if unknown). */
  lagMs: number | null
  retentionMs: number | null
  /** Lag in time has reached 80% of retention: unread data is about to be deleted. */
  atRisk: boolean
}

export interface GroupDetail {
  groupId: string
  state: string
  type: string
  members: GroupMemberInfo[]
  offsets: GroupOffsetRow[]
  warnings: string[]
}

export const atRiskShare = 0.8

export async function groupDetail(cluster: KafkaCluster, groupId: string): Promise<GroupDetail> {
  const group = (await listAllGroups(cluster)).find((g) => g.groupId === groupId)
  if (!group) throw groupNotFound(groupId)
  const [members, committed] = await Promise.all([groupMembers(cluster, [group]), committedOffsets(cluster, [groupId])])
  const groupMembersList = members.get(groupId) ?? []
  // Assigned partitions without a commit yet still belong in the table.
  const rows = new Map<string, { topic: string; partition: number; offset: bigint | null }>()
  for (const m of groupMembersList) for (const a of m.assignments) for (const p of a.partitions) rows.set(partitionKey(a.topic, p), { topic: a.topic, partition: p, offset: null })
  for (const c of committed.get(groupId) ?? []) rows.set(partitionKey(c.topic, c.partition), c)
  const scope = scopeOf([...rows.values()])
  const [{ ends, starts, newest }, retention] = await Promise.all([
    listPartitionOffsetsMany(cluster, scope, { ends: 'latest', starts: 'earliest', newest: 'maxTimestamp' }),
    numericTopicConfig(cluster, scope.map((s) => s.topic), 'retention.ms'),
  ])
  const warnings: string[] = []
  // The next unread record of every lagging partition, read without joining the group.
  const lagging = [...rows.values()].filter((r) => r.offset !== null && BigInt(ends.get(partitionKey(r.topic, r.partition))?.offset ?? '0') > (r.offset ?? 0n))
  const positions = lagging.map((r) => {
    const start = BigInt(starts.get(partitionKey(r.topic, r.partition))?.offset ?? '0')
    const from = (r.offset as bigint) < start ? start : (r.offset as bigint)
    if ((r.offset as bigint) < start) warnings.push(`${r.topic}-${r.partition}: the committed offset ${r.offset} is before the log start ${start}; ${start - (r.offset as bigint)} records were deleted unread.`)
    return { topic: r.topic, partition: r.partition, offset: from.toString() }
  })
  const nextUnread = new Map<string, number>()
  if (positions.length > 0) {
    for (const fetched of await fetchRecords(cluster, positions, { partitionMaxBytes: 64 * 1024 })) {
      const first = fetched.records[0]
      if (first) nextUnread.set(partitionKey(fetched.topic, fetched.partition), first.timestamp)
    }
  }
  const offsets = [...rows.values()].map((r): GroupOffsetRow => {
    const key = partitionKey(r.topic, r.partition)
    const end = BigInt(ends.get(key)?.offset ?? '0')
    const lag = r.offset === null ? 0 : Number(end > r.offset ? end - r.offset : 0n)
    const newestTs = newest.get(key)?.timestamp ?? -1
    const unreadTs = nextUnread.get(key)
    const lagMs = lag === 0 ? (r.offset === null ? null : 0) : unreadTs !== undefined && newestTs >= 0 ? Math.max(0, newestTs - unreadTs) : null
    const retentionMs = retention.get(r.topic) ?? null
    const atRisk = lagMs !== null && retentionMs !== null && retentionMs > 0 && lagMs >= retentionMs * atRiskShare
    if (atRisk) warnings.push(`${r.topic}-${r.partition}: lag of ${Math.round((lagMs as number) / 1000)} s is ${Math.round(((lagMs as number) / (retentionMs as number)) * 100)}% of retention; unread records are about to be deleted.`)
    return { topic: r.topic, partition: r.partition, committedOffset: r.offset === null ? null : r.offset.toString(), endOffset: end.toString(), lag, lagMs, retentionMs, atRisk }
  }).sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
  return { groupId, state: group.state, type: group.type, members: groupMembersList, offsets, warnings }
}
