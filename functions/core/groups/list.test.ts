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

vi.mock('../kafka/index.ts', async (original) => ({
  scopeOf: (await original<typeof import('../kafka/index.ts')>()).scopeOf,
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
    return Promise.resolve({ ends: { get: () => ({ offset: '25', timestamp: -1 }) } })
  },
}))

const { listGroupSummaries } = await import('./list.ts')
const cluster = {} as import('../kafka/index.ts').KafkaCluster

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
