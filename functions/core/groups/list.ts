// Consumer groups of both protocols (classic and KIP-848 `consumer`), with their lag in messages.
import { AppError } from '../errors.ts'
import { committedOffsets, describeGroupMembers, listGroups, listOffsets, scopeOf, type GroupListing, type KafkaCluster } from '../kafka/index.ts'
import type { GroupSummary } from '../../contract/groups.ts'
export type { GroupSummary }

export const groupNotFound = (groupId: string) =>
  new AppError('GROUP_NOT_FOUND', `Consumer group '${groupId}' does not exist.`, { status: 404 })

/** The group as listed, or GROUP_NOT_FOUND. */
export async function findGroup(cluster: KafkaCluster, groupId: string): Promise<GroupListing> {
  const group = (await listGroups(cluster)).find((g) => g.groupId === groupId)
  if (!group) throw groupNotFound(groupId)
  return group
}

/**
 * With `visible` (scoped roles), a group shows only its visible topics (and their lag), and a
 * group without any visible topic is left out.
 */
export async function listGroupSummaries(cluster: KafkaCluster, visible?: (topic: string) => boolean): Promise<GroupSummary[]> {
  const groups = await listGroups(cluster)
  const ids = groups.map((g) => g.groupId)
  const [members, allCommitted] = await Promise.all([describeGroupMembers(cluster, groups), committedOffsets(cluster, ids)])
  const committed = visible ? new Map([...allCommitted].map(([id, offsets]) => [id, offsets.filter((o) => visible(o.topic))])) : allCommitted
  const { ends } = await listOffsets(cluster, scopeOf([...committed.values()].flat()), { ends: 'latest' })
  const summaries = groups.map((g) => {
    const offsets = committed.get(g.groupId) ?? []
    const assigned = (members.get(g.groupId) ?? []).flatMap((m) => m.assignments.map((a) => a.topic)).filter((t) => !visible || visible(t))
    let lag = 0n
    for (const c of offsets) {
      const end = BigInt(ends.get(c.topic, c.partition)?.offset ?? c.offset)
      const committedAt = BigInt(c.offset)
      if (end > committedAt) lag += end - committedAt
    }
    return {
      ...g,
      members: members.get(g.groupId)?.length ?? 0,
      topics: [...new Set([...offsets.map((o) => o.topic), ...assigned])].sort(),
      lag: Number(lag),
    }
  }).sort((a, b) => a.groupId.localeCompare(b.groupId))
  return visible ? summaries.filter((g) => g.topics.length > 0) : summaries
}
