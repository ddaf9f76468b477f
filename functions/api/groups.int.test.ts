// Consumer groups (both protocols): the list and one group's detail, checked against real consumers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupTopics, waitForMembers } from '../testing/groups.ts'
import { Admin, commitOffsets, joinGroup, latestOffset } from '../testing/kafka.ts'
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
