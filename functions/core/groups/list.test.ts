// Group list paging against an in-memory cluster standing in for Kafka (the wire calls are covered
// by functions/api/groups.int.test.ts): pages follow the cursor in id order, and the per-group
// calls (DescribeGroups, OffsetFetch, ListOffsets) ask only for the groups on the page.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CommittedOffset, GroupListing, TopicPartitions } from '../kafka/index.ts'

const groupCount = 250
const ids = Array.from({ length: groupCount }, (_, i) => `g-${String(i).padStart(3, '0')}`)
/** Group i committed offset 10 on partition 0 of topic `t-<i mod 7>`, whose end is at 25. */
const topicOf = (id: string) => `t-${Number(id.slice(2)) % 7}`
const calls = { described: [] as string[][], committed: [] as string[][], offsets: [] as TopicPartitions[][] }

const hour = 3_600_000
/** Topic t-3 keeps records an hour; the others a week. Every group's next unread record is 50 minutes old. */
const retentionOf = (topic: string) => (topic === 't-3' ? hour : 7 * 24 * hour)

vi.mock('../kafka/index.ts', async (original) => ({
  scopeOf: (await original<typeof import('../kafka/index.ts')>()).scopeOf,
  PartitionTable: (await original<typeof import('../kafka/index.ts')>()).PartitionTable,
  recordTimestamps: () => Promise.resolve({ timestamps: { get: () => ({ timestamp: Date.now() - 50 * 60_000 }) }, failures: [] }),
  describeTopicConfigs: (_cluster: unknown, topics: string[]) =>
    Promise.resolve(new Map(topics.map((t) => [t, [{ name: 'retention.ms', value: String(retentionOf(t)), source: 'DYNAMIC_TOPIC_CONFIG' }]]))),
  // Listed out of order, as brokers answer.
  listGroups: () => Promise.resolve([...ids].reverse().map((groupId): GroupListing => ({ groupId, state: 'Empty', type: 'classic', protocolType: 'consumer' }))),
  describeGroupMembers: (_cluster: unknown, groups: { groupId: string }[]) => {
    calls.described.push(groups.map((g) => g.groupId))
    return Promise.resolve(new Map(groups.map((g) => [g.groupId, []])))
  },
  committedOffsets: (_cluster: unknown, groupIds: string[]) => {
    calls.committed.push(groupIds)
    return Promise.resolve(new Map(groupIds.map((id): [string, CommittedOffset[]] => [id, [{ topic: topicOf(id), partition: 0, offset: '10' }]])))
  },
  listOffsets: (_cluster: unknown, scope: TopicPartitions[]) => {
    calls.offsets.push(scope)
    return Promise.resolve({
      earliest: { get: () => ({ offset: '0', timestamp: -1 }) },
      latest: { get: () => ({ offset: '25', timestamp: -1 }) },
      newest: { get: () => ({ offset: '24', timestamp: Date.now() }) },
    })
  },
}))

const { listGroupSummaries } = await import('./list.ts')
const cluster = { metadata: (topics: string[]) => Promise.resolve({ topics: topics.map((name) => ({ name })) }) } as unknown as import('../kafka/index.ts').KafkaCluster

beforeEach(() => {
  calls.described = []
  calls.committed = []
  calls.offsets = []
})

describe('group list paging', () => {
  it('walks every group once, in id order, page by page, asking Kafka only about the page', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await listGroupSummaries(cluster, undefined, { limit: 100, cursor })
      expect(page.total).toBe(groupCount)
      expect(page.items.length).toBeLessThanOrEqual(100)
      const shown = page.items.map((g) => g.groupId)
      expect(calls.committed.at(-1)).toEqual(shown)
      expect(calls.described.at(-1)).toEqual(shown)
      expect(new Set(calls.offsets.at(-1)?.map((s) => s.topic))).toEqual(new Set(shown.map(topicOf)))
      expect(page.items.every((g) => g.lag === 15 && g.topics[0] === topicOf(g.groupId))).toBe(true)
      seen.push(...shown)
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(ids)
  })

  it('flags a group at risk when its oldest unread record nears its topic\'s retention', async () => {
    const page = await listGroupSummaries(cluster, undefined, { limit: 20 })
    // 50 minutes is 83% of t-3's hour: at risk; of a week, nothing.
    expect(page.items.filter((g) => g.atRisk).map((g) => g.groupId)).toEqual(page.items.filter((g) => topicOf(g.groupId) === 't-3').map((g) => g.groupId))
    expect(page.items.some((g) => g.atRisk)).toBe(true)
  })

  it('filters by part of the id before paging', async () => {
    const page = await listGroupSummaries(cluster, undefined, { q: 'G-1', limit: 10 })
    expect(page.total).toBe(100)
    expect(page.items.map((g) => g.groupId)).toEqual(ids.slice(100, 110))
    expect(calls.committed).toEqual([ids.slice(100, 110)])
  })

  it('lists every group without a limit, as before paging existed', async () => {
    const page = await listGroupSummaries(cluster)
    expect(page.items.map((g) => g.groupId)).toEqual(ids)
    expect(page.nextCursor).toBeNull()
  })

  it('with scoped roles, leaves out groups without a visible topic before paging, and asks lag for the page only', async () => {
    const page = await listGroupSummaries(cluster, (topic) => topic === 't-0', { limit: 5 })
    const visibleIds = ids.filter((id) => topicOf(id) === 't-0')
    expect(page.total).toBe(visibleIds.length)
    expect(page.items.map((g) => g.groupId)).toEqual(visibleIds.slice(0, 5))
    expect(calls.offsets).toHaveLength(1)
    expect(calls.offsets[0]).toEqual([{ topic: 't-0', partitions: [0] }])
  })
})
