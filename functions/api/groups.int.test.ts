// Consumer groups (both protocols): the list and one group's detail, checked against real consumers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupTopics, waitForMembers } from '../testing/groups.ts'
import { Admin, commitOffsets, joinGroup, latestOffset, produce } from '../testing/kafka.ts'
import type { GroupDetail, TopicConsumerList } from '../contract/index.ts'
import { adminToken, bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'groups-int-test', bootstrapBrokers: brokers })
const topics = groupTopics(brokers, 'it-groups')
const { topic, twoPartitions } = topics

beforeAll(() => topics.create(admin))

afterAll(async () => {
  await topics.remove(admin)
  await admin.close()
  await deps.close()
})

describe('consumer groups', () => {
  it('lists classic and KIP-848 groups with type, members, topics and lag', async () => {
    const classic = uniqueName('g-classic')
    const modern = uniqueName('g-modern')
    await commitOffsets(brokers, classic, topic, { 0: 60 })
    const member = await joinGroup(brokers, modern, twoPartitions, 'consumer')
    try {
      await waitForMembers(app, modern, 1)
      const response = await app.request('/api/clusters/local/groups', { headers: bearer(viewerToken) })
      expect(response.status).toBe(200)
      const { items } = await response.json() as { items: { groupId: string; type: string; members: number; topics: string[]; lag: number; state: string }[] }
      const end = await latestOffset(brokers, topic, 0)
      expect(items.find((g) => g.groupId === classic)).toMatchObject({ type: 'classic', members: 0, topics: [topic], lag: end - 60 })
      expect(items.find((g) => g.groupId === modern)).toMatchObject({ type: 'consumer', members: 1, topics: [twoPartitions] })
    } finally {
      await member.stop()
    }
  })

  it('details a group: members with assignments, lag in messages and in time, retention warnings', async () => {
    const laggard = uniqueName('g-lag')
    await commitOffsets(brokers, laggard, topic, { 0: 10 })
    // Retention of 100 s: the unread record at offset 10 is ~90 s older than the newest record.
    await admin.incrementalAlterConfigs({ resources: [{ resourceType: 2, resourceName: topic, configs: [{ name: 'retention.ms', value: '100000', configOperation: 0 }] }] })
    try {
      const response = await app.request(`/api/clusters/local/groups/${laggard}`, { headers: bearer(viewerToken) })
      expect(response.status).toBe(200)
      const detail = await response.json() as { type: string; members: unknown[]; offsets: { committedOffset: string; lag: number; lagMs: number; retentionMs: number; atRisk: boolean }[]; warnings: string[] }
      expect(detail.type).toBe('classic')
      expect(detail.members).toEqual([])
      const row = detail.offsets[0]
      const end = await latestOffset(brokers, topic, 0)
      expect(row).toMatchObject({ committedOffset: '10', lag: end - 10, retentionMs: 100_000, atRisk: true })
      // The newest record is at least the one produced at topics.started - 1 s; offset 10 was at topics.started - 90 s.
      expect(row?.lagMs).toBeGreaterThanOrEqual(89_000)
      expect(detail.warnings.join(' ')).toMatch(/about to be deleted/)
    } finally {
      await admin.incrementalAlterConfigs({ resources: [{ resourceType: 2, resourceName: topic, configs: [{ name: 'retention.ms', configOperation: 1 }] }] })
    }
  })

  it('a stopped group on a quiet topic: the oldest unread record\'s age against now puts it at risk', async () => {
    const quiet = uniqueName('it-groups-quiet')
    const stopped = uniqueName('g-stopped')
    const day = 86_400_000
    await admin.createTopics({ topics: [quiet], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: String(7 * day) }] })
    try {
      // Every record 6 days old: nothing newer, so "behind the newest record" is 0.
      const sixDaysAgo = Date.now() - 6 * day
      await produce(brokers, quiet, Array.from({ length: 5 }, (_, i) => ({ value: `old ${i}`, partition: 0, timestamp: BigInt(sixDaysAgo + i) })))
      await commitOffsets(brokers, stopped, quiet, { 0: 1 })
      const detail = await (await app.request(`/api/clusters/local/groups/${stopped}`, { headers: bearer(viewerToken) })).json() as GroupDetail
      const [row] = detail.offsets
      expect(row).toMatchObject({ committedOffset: '1', lag: 4, lagMs: 3, atRisk: true })
      expect(row?.oldestUnreadAgeMs).toBeGreaterThanOrEqual(6 * day - 1_000)
      expect(row?.oldestUnreadAgeMs).toBeLessThan(6 * day + 60_000)
      expect(detail.warnings.join(' ')).toContain('the oldest unread record is 6.0 d old, 86% of retention (7.0 d)')
      // Caught up: no age at all.
      await commitOffsets(brokers, stopped, quiet, { 0: 5 })
      const caughtUp = await (await app.request(`/api/clusters/local/groups/${stopped}`, { headers: bearer(viewerToken) })).json() as GroupDetail
      expect(caughtUp.offsets[0]).toMatchObject({ lag: 0, lagMs: 0, oldestUnreadAgeMs: 0, atRisk: false })
    } finally {
      await admin.deleteGroups({ groups: [stopped] }).catch(() => {})
      await admin.deleteTopics({ topics: [quiet] })
    }
  })

  it('lists the groups reading a topic with their lag, not those reading another', async () => {
    const behind = uniqueName('g-reader-behind')
    const current = uniqueName('g-reader-current')
    const elsewhere = uniqueName('g-reader-elsewhere')
    await commitOffsets(brokers, behind, twoPartitions, { 0: 4 })
    await commitOffsets(brokers, current, twoPartitions, { 0: 10, 1: 10 })
    await commitOffsets(brokers, elsewhere, topic, { 0: 1 })
    try {
      const response = await app.request(`/api/clusters/local/topics/${twoPartitions}/groups`, { headers: bearer(viewerToken) })
      expect(response.status).toBe(200)
      const list = await response.json() as TopicConsumerList
      expect(list).toMatchObject({ topic: twoPartitions, partitions: 2 })
      const mine = list.items.filter((g) => [behind, current, elsewhere].includes(g.groupId))
      expect(mine.map((g) => g.groupId)).toEqual([behind, current])
      expect(mine[0]).toMatchObject({ type: 'classic', members: 0, committedPartitions: 1, lag: 6, deletedUnread: 0, atRisk: false })
      expect(mine[0]?.oldestUnreadAgeMs).toBeGreaterThan(0)
      expect(mine[1]).toMatchObject({ committedPartitions: 2, lag: 0, oldestUnreadAgeMs: 0 })
      const missing = await app.request(`/api/clusters/local/topics/${uniqueName('ghost')}/groups`, { headers: bearer(viewerToken) })
      expect(missing.status).toBe(404)
    } finally {
      await admin.deleteGroups({ groups: [behind, current, elsewhere] }).catch(() => {})
    }
  })

  it('shows a KIP-848 member with its assignment', async () => {
    const modern = uniqueName('g-modern-detail')
    const member = await joinGroup(brokers, modern, twoPartitions, 'consumer')
    try {
      await waitForMembers(app, modern, 1)
      const detail = await (await app.request(`/api/clusters/local/groups/${modern}`, { headers: bearer(adminToken) })).json() as { type: string; members: { clientId: string; assignments: { topic: string; partitions: number[] }[] }[] }
      expect(detail.type).toBe('consumer')
      expect(detail.members[0]?.clientId).toBe('test-member-consumer')
      expect(detail.members[0]?.assignments).toEqual([{ topic: twoPartitions, partitions: [0, 1] }])
    } finally {
      await member.stop()
    }
  })

  it('pages the list by id with q, limit and cursor, lag included', async () => {
    const prefix = uniqueName('g-page')
    const ids = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]
    for (const [i, id] of ids.entries()) await commitOffsets(brokers, id, topic, { 0: 10 * (i + 1) })
    const page = async (query: string) => {
      const response = await app.request(`/api/clusters/local/groups?${query}`, { headers: bearer(viewerToken) })
      expect(response.status).toBe(200)
      return await response.json() as { items: { groupId: string; lag: number }[]; total: number; nextCursor: string | null }
    }
    const end = await latestOffset(brokers, topic, 0)
    const first = await page(`q=${prefix}&limit=2`)
    expect(first.total).toBe(3)
    expect(first.items.map((g) => [g.groupId, g.lag])).toEqual([[ids[0], end - 10], [ids[1], end - 20]])
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await page(`q=${prefix}&limit=2&cursor=${first.nextCursor}`)
    expect(second).toEqual({ items: [expect.objectContaining({ groupId: ids[2], lag: end - 30 })], total: 3, nextCursor: null })
    const refused = await app.request('/api/clusters/local/groups?limit=0', { headers: bearer(viewerToken) })
    expect(refused.status).toBe(400)
  })

  it('answers 404 GROUP_NOT_FOUND for an unknown group', async () => {
    const response = await app.request(`/api/clusters/local/groups/${uniqueName('ghost')}`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { code: string }).code).toBe('GROUP_NOT_FOUND')
  })
})
