// Topic detail and every admin action on a topic, on the real broker, each with its audit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin, produce, waitForLeaders } from '../testing/kafka.ts'
import { queryUntil } from '../testing/logs.ts'
import { adminToken, bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'topic-admin-test', bootstrapBrokers: brokers })
const created: string[] = []

const json = { 'content-type': 'application/json' }
const call = (method: string, path: string, body?: unknown, token = adminToken) =>
  app.request(`/api/clusters/local/topics/${path}`, { method, headers: { ...json, ...bearer(token) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })

interface Config { name: string; value: string | null; source: string; isDefault: boolean }
interface Detail { name: string; partitions: { partition: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[]; earliestOffset: string; latestOffset: string }[]; configs: Config[] }

async function newTopic(partitions = 2, configs: Record<string, string> = {}) {
  const name = uniqueName('it-admin')
  await admin.createTopics({ topics: [name], partitions, replicas: 1, configs: Object.entries(configs).map(([n, value]) => ({ name: n, value })) })
  created.push(name)
  await waitForLeaders(brokers, name)
  return name
}

async function auditOf(topic: string, action: string) {
  const rows = await queryUntil(deps.logs, `{kind="audit"} action:=${JSON.stringify(action)} target:=${JSON.stringify(topic)} outcome:=succeeded`, (r) => r.length > 0)
  expect(rows, `audit ${action} ${topic}`).toHaveLength(1)
  const row = rows[0] as Record<string, string>
  return { ...row, before: row.before ? JSON.parse(row.before) as unknown : null, after: row.after ? JSON.parse(row.after) as unknown : null }
}

afterAll(async () => {
  await admin.deleteTopics({ topics: created }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('topic detail', () => {
  let topic: string
  beforeAll(async () => {
    topic = await newTopic(3, { 'retention.ms': '86400000' })
    await produce(brokers, topic, Array.from({ length: 9 }, (_, i) => ({ value: `v${i}`, partition: i % 3 })))
  })

  it('shows partitions with leader, replicas, ISR and offsets, and configs with their source', async () => {
    const response = await call('GET', topic, undefined, viewerToken)
    expect(response.status).toBe(200)
    const detail = await response.json() as Detail
    expect(detail.partitions).toEqual([0, 1, 2].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], earliestOffset: '0', latestOffset: '3' })))
    expect(detail.configs.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '86400000', source: 'TOPIC_CONFIG', isDefault: false })
    expect(detail.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({ value: 'delete', isDefault: true })
  })

  it('answers 404 TOPIC_NOT_FOUND for a missing topic and 400 for an invalid name', async () => {
    const missing = await call('GET', uniqueName('missing'), undefined, viewerToken)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { code: string }).code).toBe('TOPIC_NOT_FOUND')
    expect((await call('GET', 'bad%20name', undefined, viewerToken)).status).toBe(400)
  })
})

describe('incremental config changes', () => {
  it('sets and deletes only the named keys, keeping other overrides, and audits before → after', async () => {
    const topic = await newTopic(1, { 'retention.ms': '86400000', 'max.message.bytes': '2000000' })
    const response = await call('PATCH', `${topic}/configs`, { set: { 'retention.ms': '3600000', 'cleanup.policy': 'compact' }, delete: ['max.message.bytes'] })
    expect(response.status).toBe(200)
    const { configs } = await response.json() as { configs: Config[] }
    const value = (name: string) => configs.find((c) => c.name === name)
    expect(value('retention.ms')).toMatchObject({ value: '3600000', isDefault: false })
    expect(value('cleanup.policy')).toMatchObject({ value: 'compact', isDefault: false })
    expect(value('max.message.bytes')?.isDefault).toBe(true)
    // A second change to one key leaves the other override alone (AlterConfigs would have wiped it).
    await call('PATCH', `${topic}/configs`, { set: { 'retention.ms': '7200000' } })
    const after = await (await call('GET', topic)).json() as Detail
    expect(after.configs.filter((c) => !c.isDefault).map((c) => [c.name, c.value])).toEqual([['cleanup.policy', 'compact'], ['retention.ms', '7200000']])
    const rows = await queryUntil(deps.logs, `{kind="audit"} action:="topic.configs" target:=${JSON.stringify(topic)} outcome:=succeeded`, (r) => r.length >= 2)
    const first = rows.map((r) => ({ before: JSON.parse(String(r.before)) as unknown, after: JSON.parse(String(r.after)) as unknown }))
      .find((r) => JSON.stringify(r.before).includes('max.message.bytes'))
    // Every touched key with its effective value on both sides: the broker default a new override
    // replaced (cleanup.policy) and the one a deleted override fell back to (max.message.bytes).
    const brokerDefault = value('max.message.bytes')?.value
    expect(brokerDefault).toMatch(/^\d+$/)
    expect(first).toEqual({
      before: { 'max.message.bytes': '2000000', 'retention.ms': '86400000', 'cleanup.policy': 'delete' },
      after: { 'cleanup.policy': 'compact', 'retention.ms': '3600000', 'max.message.bytes': brokerDefault },
    })
  })

  it.each([
    [{ set: {} }, 'Nothing to change'],
    [{ set: { 'Retention MS': '1' } }, 'set'],
    [{ set: { 'retention.ms': '1' }, delete: ['retention.ms'] }, 'cannot be set and deleted'],
    [{ replace: {} }, 'replace'],
  ])('rejects %j', async (body, mention) => {
    const topic = created[0] as string
    const response = await call('PATCH', `${topic}/configs`, body)
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toContain(mention)
  })

  // Issue 11, row 14: Kafka accepts these, and then acks=all producers cannot write.
  it('refuses min.insync.replicas above the replication factor on create and on change (INVALID_TOPIC_CONFIG)', async () => {
    const name = uniqueName('it-admin-isr')
    const create = await app.request('/api/clusters/local/topics', {
      method: 'POST', headers: { ...json, ...bearer(adminToken) }, body: JSON.stringify({ name, partitions: 1, replicationFactor: 1, configs: { 'min.insync.replicas': '2' } }),
    })
    if (create.status === 201) created.push(name)
    expect(create.status).toBe(400)
    expect(await create.json()).toMatchObject({ code: 'INVALID_TOPIC_CONFIG', detail: expect.stringContaining('replication factor 1') })
    expect((await call('GET', name)).status).toBe(404)
    const topic = await newTopic(1)
    const change = await call('PATCH', `${topic}/configs`, { set: { 'min.insync.replicas': '2' } })
    expect(change.status).toBe(400)
    expect(await change.json()).toMatchObject({ code: 'INVALID_TOPIC_CONFIG', detail: expect.stringContaining('acks=all') })
    const fine = await call('PATCH', `${topic}/configs`, { set: { 'min.insync.replicas': '1' } })
    expect(fine.status).toBe(200)
  })

  it('passes Kafka\'s refusal of a bad value on as INVALID_INPUT', async () => {
    const response = await call('PATCH', `${created[0] as string}/configs`, { set: { 'retention.ms': 'soon' } })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'INVALID_INPUT', kafkaError: 'INVALID_CONFIG' })
  })
})

describe('partitions, purge and delete', () => {
  it('adds partitions (new total), refuses fewer, and audits', async () => {
    const topic = await newTopic(2)
    const fewer = await call('POST', `${topic}/partitions`, { count: 2 })
    expect(fewer.status).toBe(400)
    expect(((await fewer.json()) as { detail: string }).detail).toContain('must be larger')
    const response = await call('POST', `${topic}/partitions`, { count: 5 })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ partitions: 5 })
    expect(((await (await call('GET', topic)).json()) as Detail).partitions).toHaveLength(5)
    expect(await auditOf(topic, 'topic.partitions')).toMatchObject({ actor: 'admin', before: { partitions: 2 }, after: { partitions: 5 } })
  })

  it('purges records only with the name repeated, then earliest = latest', async () => {
    const topic = await newTopic(2)
    await produce(brokers, topic, Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })))
    const unconfirmed = await call('POST', `${topic}/purge`, { confirm: 'wrong' })
    expect(unconfirmed.status).toBe(400)
    expect(((await unconfirmed.json()) as { code: string }).code).toBe('CONFIRMATION_REQUIRED')
    expect(((await (await call('GET', topic)).json()) as Detail).partitions.map((p) => p.earliestOffset)).toEqual(['0', '0'])
    const one = await call('POST', `${topic}/purge`, { confirm: topic, partitions: [1] })
    expect(await one.json()).toEqual({ partitions: [{ partition: 1, lowWatermark: '5', deleted: 5 }] })
    const partial = ((await (await call('GET', topic)).json()) as Detail).partitions
    expect(partial.map((p) => [p.earliestOffset, p.latestOffset])).toEqual([['0', '5'], ['5', '5']])
    await call('POST', `${topic}/purge`, { confirm: topic })
    expect(((await (await call('GET', topic)).json()) as Detail).partitions.map((p) => p.earliestOffset)).toEqual(['5', '5'])
    const rows = await queryUntil(deps.logs, `{kind="audit"} action:="topic.purge" target:=${JSON.stringify(topic)} outcome:=succeeded`, (r) => r.length >= 2)
    expect(rows).toHaveLength(2)
    // The refused purge (wrong confirmation) is on record too.
    const refused = await queryUntil(deps.logs, `{kind="audit"} action:="topic.purge" target:=${JSON.stringify(topic)} outcome:=refused`, (r) => r.length > 0)
    expect(refused).toMatchObject([{ error: 'CONFIRMATION_REQUIRED', actor: 'admin' }])
  })

  it('deletes only with the name repeated, and audits', async () => {
    const topic = await newTopic(3)
    const unconfirmed = await call('DELETE', `${topic}?confirm=${topic}x`)
    expect(unconfirmed.status).toBe(400)
    expect(((await unconfirmed.json()) as { code: string }).code).toBe('CONFIRMATION_REQUIRED')
    expect((await call('DELETE', topic)).status).toBe(400)
    expect((await call('DELETE', `${topic}?confirm=${topic}`, undefined, operatorToken)).status).toBe(403)
    expect((await call('DELETE', `${topic}?confirm=${topic}`)).status).toBe(204)
    expect((await call('GET', topic)).status).toBe(404)
    expect(await auditOf(topic, 'topic.delete')).toMatchObject({ actor: 'admin', before: { partitions: 3 } })
    // The trail: the deletion, and before it the three refused attempts, newest first.
    const trail = await app.request(`/api/clusters/local/audit?target=${topic}`, { headers: bearer(viewerToken) })
    const { items, integrity } = (await trail.json()) as { items: { action: string; actor: string; outcome: string; error: string | null }[]; integrity: { status: string } }
    expect(items.map((i) => [i.action, i.actor, i.outcome, i.error])).toEqual([
      ['topic.delete', 'admin', 'succeeded', null],
      ['topic.delete', 'olive', 'refused', 'FORBIDDEN'],
      ['topic.delete', 'admin', 'refused', 'CONFIRMATION_REQUIRED'],
      ['topic.delete', 'admin', 'refused', 'CONFIRMATION_REQUIRED'],
    ])
    expect(integrity.status).toBe('ok')
  })
})
