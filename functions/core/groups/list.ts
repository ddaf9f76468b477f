// Consumer groups of both protocols (classic and KIP-848 `consumer`), with their lag in messages,
// paged like topics.
import { AppError } from '../errors.ts'
import { committedOffsets, describeGroupMembers, findGroupListing, listGroups, listOffsets, scopeOf, type CommittedOffset, type GroupListing, type KafkaCluster } from '../kafka/index.ts'
import { decodeCursor, encodeCursor } from '../topics/list.ts'
import { numericTopicConfig } from '../topics/configs.ts'
import { atRiskShare } from './detail.ts'
import { lagOfCommits, type GroupCommit, type GroupTopicLag } from './lag.ts'
import type { GroupPage, GroupSummary } from '../../contract/groups.ts'
export type { GroupPage, GroupSummary }

export const groupNotFound = (groupId: string) =>
  new AppError('GROUP_NOT_FOUND', `Consumer group '${groupId}' does not exist.`, { status: 404 })

/** The group as listed, or GROUP_NOT_FOUND; asked of its coordinator alone, not by listing every group. */
export async function findGroup(cluster: KafkaCluster, groupId: string): Promise<GroupListing> {
  const group = await findGroupListing(cluster, groupId)
  if (!group) throw groupNotFound(groupId)
  return group
}

export interface GroupListQuery {
  /** Case-insensitive part of the group id. */
  q?: string | undefined
  /** A page of this many groups (after `cursor`); unset: every group, as before paging existed. */
  limit?: number | undefined
  cursor?: string | undefined
}

// Pages are in code-point order, as topic pages are: cursors compare ids the same way, and it
// sorts 45,000 ids several times faster than a collator. The whole list keeps its locale order.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const collator = new Intl.Collator()
const byLocale = (a: string, b: string) => collator.compare(a, b) || byCodePoint(a, b)

interface Described {
  group: GroupListing
  members: number
  offsets: CommittedOffset[]
  topics: string[]
}

/** Members and committed offsets of `groups` (only visible topics with `visible`). */
async function describeGroups(cluster: KafkaCluster, groups: GroupListing[], visible?: (topic: string) => boolean): Promise<Described[]> {
  if (groups.length === 0) return []
  const [members, committed] = await Promise.all([describeGroupMembers(cluster, groups), committedOffsets(cluster, groups.map((g) => g.groupId))])
  return groups.map((group) => {
    const offsets = (committed.get(group.groupId) ?? []).filter((o) => !visible || visible(o.topic))
    const assigned = (members.get(group.groupId) ?? []).flatMap((m) => m.assignments.map((a) => a.topic)).filter((t) => !visible || visible(t))
    return { group, members: members.get(group.groupId)?.length ?? 0, offsets, topics: [...new Set([...offsets.map((o) => o.topic), ...assigned])].sort() }
  })
}

/**
 * Lag in messages of each group, and whether unread data is about to be deleted: the partitions
 * these groups committed on (one metadata, ListOffsets and DescribeConfigs round for their topics,
 * and a Fetch of each lagging partition's next unread record), so a page costs what its groups do.
 */
async function withLag(cluster: KafkaCluster, described: Described[], now = Date.now()): Promise<GroupSummary[]> {
  const commits: GroupCommit[] = described.flatMap((d) => d.offsets.map((o) => ({ groupId: d.group.groupId, topic: o.topic, partition: o.partition, offset: BigInt(o.offset) })))
  const topics = [...new Set(commits.map((c) => c.topic))]
  const lags = new Map<string, GroupTopicLag[]>()
  let retention = new Map<string, number>()
  if (commits.length > 0) {
    const metadata = await cluster.metadata(topics)
    const [offsets, retentionMs] = await Promise.all([
      listOffsets(cluster, scopeOf(commits), { earliest: 'earliest', latest: 'latest', newest: 'maxTimestamp' }, metadata),
      // Commits can outlive their topic: ask configs only of topics that still exist.
      numericTopicConfig(cluster, metadata.topics.map((t) => t.name).filter((name) => topics.includes(name)), 'retention.ms'),
    ])
    retention = retentionMs
    for (const row of await lagOfCommits(cluster, metadata, offsets, commits, new Map(), 10_000, now)) {
      lags.set(row.groupId, [...(lags.get(row.groupId) ?? []), row])
    }
  }
  return described.map(({ group, members, topics: groupTopics }) => {
    const rows = lags.get(group.groupId) ?? []
    const atRisk = rows.some((r) => {
      const retentionMs = retention.get(r.topic) ?? null
      return r.deletedUnread > 0 || (r.oldestUnreadAgeMs !== null && retentionMs !== null && retentionMs > 0 && r.oldestUnreadAgeMs >= retentionMs * atRiskShare)
    })
    return { ...group, members, topics: groupTopics, lag: rows.reduce((sum, r) => sum + r.lag, 0), atRisk }
  })
}

/** The page after `cursor` (a group id, encoded), and the cursor of the next one; `sorted` by code point. */
function pageOf<T>(sorted: T[], idOf: (item: T) => string, query: GroupListQuery): { items: T[]; nextCursor: string | null } {
  if (query.limit === undefined) return { items: sorted, nextCursor: null }
  const after = query.cursor ? decodeCursor(query.cursor) : undefined
  const start = after === undefined ? 0 : sorted.findIndex((item) => idOf(item) > after)
  const items = start < 0 ? [] : sorted.slice(start, start + query.limit)
  const last = items.at(-1)
  return { items, nextCursor: start >= 0 && start + query.limit < sorted.length && last ? encodeCursor(idOf(last)) : null }
}

/**
 * Groups sorted by id, with members, topics and lag; with `limit`, one page of them, and the
 * per-group work (DescribeGroups, OffsetFetch, ListOffsets) only for that page, so the first page
 * of 45,000 groups costs what 100 groups cost plus one ListGroups. With `visible` (scoped roles),
 * a group shows only its visible topics (and their lag), and a group without any visible topic is
 * left out: telling which those are takes every group's offsets, but lag is still asked for the
 * page only.
 */
export async function listGroupSummaries(cluster: KafkaCluster, visible?: (topic: string) => boolean, query: GroupListQuery = {}): Promise<GroupPage> {
  const needle = query.q?.toLowerCase()
  const groups = (await listGroups(cluster))
    .filter((g) => !needle || g.groupId.toLowerCase().includes(needle))
    .sort((a, b) => (query.limit === undefined ? byLocale : byCodePoint)(a.groupId, b.groupId))
  if (!visible) {
    const page = pageOf(groups, (g) => g.groupId, query)
    return { items: await withLag(cluster, await describeGroups(cluster, page.items)), total: groups.length, nextCursor: page.nextCursor }
  }
  const shown = (await describeGroups(cluster, groups, visible)).filter((d) => d.topics.length > 0)
  const page = pageOf(shown, (d) => d.group.groupId, query)
  return { items: await withLag(cluster, page.items), total: shown.length, nextCursor: page.nextCursor }
}
