// The offset reset (kafka-consumer-groups.sh --reset-offsets parity), checked against what real consumers read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupTopics, waitForMembers } from '../testing/groups.ts'
import { Admin, commitOffsets, joinGroup, latestOffset, produce, readNextOffsets } from '../testing/kafka.ts'
import { queryUntil } from '../testing/logs.ts'
import { bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'offset-reset-int-test', bootstrapBrokers: brokers })
const topics = groupTopics(brokers, 'it-reset')
const { topic, twoPartitions, started } = topics

interface PlanRow { topic: string; partition: number; currentOffset: string | null; newOffset: string; clamped?: string }
interface ResetResponse { executed: boolean; plan: PlanRow[]; warnings: string[] }

function reset(groupId: string, body: Record<string, unknown>, token = operatorToken, query = '') {
  return app.request(`/api/clusters/local/groups/${encodeURIComponent(groupId)}/offsets/reset${query}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify(body),
  })
}

async function resetOk(groupId: string, body: Record<string, unknown>): Promise<ResetResponse> {
  const response = await reset(groupId, body)
  const json = await response.json() as ResetResponse
  expect(response.status, JSON.stringify(json)).toBe(200)
  return json
}

beforeAll(() => topics.create(admin))

afterAll(async () => {
  await topics.remove(admin)
  await admin.close()
  await deps.close()
})

describe('offset reset', () => {
  const group = uniqueName('g-reset')

  beforeAll(async () => {
    await commitOffsets(brokers, group, topic, { 0: 50 })
  })

  it('previews by default without changing anything', async () => {
    const preview = await resetOk(group, { strategy: 'earliest' })
    expect(preview).toEqual({ executed: false, plan: [{ topic, partition: 0, currentOffset: '50', newOffset: '0' }], warnings: [] })
    expect(await readNextOffsets(brokers, group, topic, 1)).toEqual([{ partition: 0, offset: '50' }])
  })

  it.each([
    ['earliest', {}, '0'],
    ['latest', {}, '100'],
    ['offset', { value: '42' }, '42'],
    ['shift', { value: -10 }, '40'],
    ['shift', { value: '5' }, '55'],
  ])('executes %s %j and a real consumer resumes from the new offset', async (strategy, extra, expected) => {
    await commitOffsets(brokers, group, topic, { 0: 50 })
    const result = await resetOk(group, { strategy, ...extra, execute: true })
    expect(result.executed).toBe(true)
    expect(result.plan[0]?.newOffset).toBe(expected)
    if (expected === '100') {
      // Nothing left to read at the end: produce one record and it is the one read.
      await produce(brokers, topic, [{ value: 'after-latest', timestamp: BigInt(Date.now()) }])
      expect(await readNextOffsets(brokers, group, topic, 1)).toEqual([{ partition: 0, offset: '100' }])
    } else {
      expect(await readNextOffsets(brokers, group, topic, 1)).toEqual([{ partition: 0, offset: expected }])
    }
  })

  it('rewinds to a point in time (RFC 3339 and epoch ms) and by duration', async () => {
    const at = new Date(started - 100_000 + 30 * 1000).toISOString()
    expect((await resetOk(group, { strategy: 'timestamp', value: at, execute: true })).plan[0]?.newOffset).toBe('30')
    expect(await readNextOffsets(brokers, group, topic, 1)).toEqual([{ partition: 0, offset: '30' }])
    expect((await resetOk(group, { strategy: 'timestamp', value: started - 100_000 + 70_500 })).plan[0]?.newOffset).toBe('71')
    // 25.5 s before "now" (a little after `started`), the first record at or after is ~75.
    const byDuration = await resetOk(group, { strategy: 'duration', value: 'PT25.5S', execute: true })
    const offset = Number(byDuration.plan[0]?.newOffset)
    expect(offset).toBeGreaterThanOrEqual(74)
    expect(offset).toBeLessThanOrEqual(100)
    expect(await readNextOffsets(brokers, group, topic, 1)).toEqual([{ partition: 0, offset: String(offset) }])
  })

  it('clamps offsets outside the log and says so', async () => {
    const high = await resetOk(group, { strategy: 'offset', value: '999999' })
    expect(high.plan[0]).toMatchObject({ newOffset: String(await latestOffset(brokers, topic, 0)), clamped: 'latest' })
    expect(high.warnings[0]).toMatch(/past the log end; clamped/)
    await commitOffsets(brokers, group, topic, { 0: 3 })
    const low = await resetOk(group, { strategy: 'shift', value: -10 })
    expect(low.plan[0]).toMatchObject({ newOffset: '0', clamped: 'earliest' })
    expect(low.warnings[0]).toMatch(/before the log start; clamped/)
  })

  it('scopes to one topic or to chosen partitions', async () => {
    const scoped = uniqueName('g-scope')
    await commitOffsets(brokers, scoped, twoPartitions, { 0: 5, 1: 5 })
    const one = await resetOk(scoped, { strategy: 'earliest', topics: [{ topic: twoPartitions, partitions: [1] }], execute: true })
    expect(one.plan).toEqual([{ topic: twoPartitions, partition: 1, currentOffset: '5', newOffset: '0' }])
    const read = await readNextOffsets(brokers, scoped, twoPartitions, 15)
    const firstPerPartition = Object.fromEntries([0, 1].map((p) => [p, read.find((r) => r.partition === p)?.offset]))
    expect(firstPerPartition).toEqual({ 0: '5', 1: '0' })
  })

  it('exports the plan as CSV', async () => {
    const response = await reset(group, { strategy: 'earliest' }, operatorToken, '?format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(await response.text()).toMatch(new RegExp(`^topic,partition,current_offset,new_offset,clamped\\n${topic},0,\\d+,0,\\n$`))
  })

  it('leaves an audit record on execute', async () => {
    await resetOk(group, { strategy: 'offset', value: 7, execute: true })
    const rows = await queryUntil(deps.logs, `{kind="audit"} action:"group.offsets.reset" target:="${group}"`, (r) => r.some((x) => String(x.after).includes('"7"')))
    const record = rows.find((x) => String(x.after).includes('"7"'))
    expect(record).toMatchObject({ actor: 'olive', role: 'operator' })
    expect(JSON.parse(String(record?.after))).toMatchObject({ strategy: 'offset', offsets: [{ topic, partition: 0, offset: '7' }] })
  })

  it.each(['classic', 'consumer'] as const)('refuses to reset a group with active %s members, naming them (GROUP_NOT_EMPTY)', async (protocol) => {
    const busy = uniqueName(`g-busy-${protocol}`)
    const member = await joinGroup(brokers, busy, topic, protocol)
    try {
      await waitForMembers(app, busy, 1)
      const response = await reset(busy, { strategy: 'earliest', topics: [{ topic }], execute: true })
      expect(response.status).toBe(409)
      const problem = await response.json() as { code: string; detail: string; members: { clientId: string }[] }
      expect(problem.code).toBe('GROUP_NOT_EMPTY')
      expect(problem.detail).toContain(`test-member-${protocol}`)
      expect(problem.members[0]?.clientId).toBe(`test-member-${protocol}`)
    } finally {
      await member.stop()
    }
  })

  it.each([
    [{ strategy: 'rewind' }, 'strategy'],
    [{ strategy: 'offset' }, 'value'],
    [{ strategy: 'offset', value: 'ten' }, 'value'],
    [{ strategy: 'duration', value: 'an hour' }, 'duration'],
    [{ strategy: 'timestamp', value: 'yesterday' }, 'RFC 3339'],
    [{ strategy: 'earliest', topics: [{ topic: 'bad name!' }] }, 'topics'],
    [{ strategy: 'earliest', unknown: 1 }, 'unknown'],
  ])('rejects %j with INVALID_INPUT', async (body, mention) => {
    const response = await reset(group, body)
    expect(response.status).toBe(400)
    const problem = await response.json() as { code: string; detail: string }
    expect(problem.code).toBe('INVALID_INPUT')
    expect(problem.detail).toContain(mention)
  })

  it('answers 404 for an unknown group or partition, and 403 for a viewer', async () => {
    expect((await reset(uniqueName('nobody'), { strategy: 'earliest' })).status).toBe(404)
    const partition = await reset(group, { strategy: 'earliest', topics: [{ topic, partitions: [5] }] })
    expect(partition.status).toBe(400)
    expect(((await partition.json()) as { detail: string }).detail).toContain('no partition 5')
    expect((await reset(group, { strategy: 'earliest' }, viewerToken)).status).toBe(403)
  })
})
