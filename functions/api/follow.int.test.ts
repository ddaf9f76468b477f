// Following one key across topics on the real stack: records of two topics indexed by the real
// indexer, found by key (or by a JSON field's value) and listed oldest first, scoped like search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledPlan } from '../core/indexing/batch.ts'
import { indexBatch } from '../core/indexing/indexer.ts'
import type { FollowTimeline } from '../contract/index.ts'
import { queryUntil } from '../testing/logs.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const orders = uniqueName('it-follow-orders')
const payments = uniqueName('it-follow-payments')
const key = uniqueName('order')
const orderId = uniqueName('oid')
const now = Date.now()
const get = (path: string) => app.request(path, { headers: bearer(viewerToken) })
const topicPlan = (topic: string) => ({ topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32768, extractFields: 20, updatedAt: '', updatedBy: 'test' })

beforeAll(async () => {
  const plan = new CompiledPlan({ cluster: 'local', topics: [topicPlan(orders), topicPlan(payments)] })
  const record = (topic: string, offset: number, at: number, recordKey: string, value: object) => ({
    topic, partition: 0, offset: String(offset), timestamp: now - at, key: Buffer.from(recordKey), value: Buffer.from(JSON.stringify(value)), headers: [],
  })
  // Interleaved in time across the two topics; one record of another key in each as decoys.
  await indexBatch(deps.logs, plan, [
    record(orders, 0, 50_000, key, { step: 'created', orderId }),
    record(payments, 0, 40_000, key, { step: 'charged', orderId }),
    record(orders, 1, 30_000, key, { step: 'shipped', orderId }),
    record(payments, 1, 20_000, 'someone-else', { step: 'charged', orderId: 'other' }),
    record(orders, 2, 10_000, 'someone-else', { step: 'created', orderId }),
  ])
  await queryUntil(deps.logs, `{kind="messages",cluster="local",topic in ("${orders}","${payments}")} | stats count() n`, (r) => Number(r[0]?.n) === 5)
})

afterAll(async () => {
  await deps.close()
})

describe('GET /search/follow', () => {
  it('lists every indexed record with the key across both topics, oldest first, each with its place in Kafka', async () => {
    const response = await get(`/api/clusters/local/search/follow?key=${encodeURIComponent(key)}`)
    expect(response.status).toBe(200)
    const body = await response.json() as FollowTimeline
    expect(body.records.map((r) => [r.topic, r.offset, JSON.parse(r.preview).step])).toEqual([
      [orders, '0', 'created'], [payments, '0', 'charged'], [orders, '1', 'shipped'],
    ])
    expect(body.records.every((r) => r.key === key && r.partition === 0)).toBe(true)
    expect(body.records.map((r) => Date.parse(r.time))).toEqual([now - 50_000, now - 40_000, now - 30_000])
    expect(body.topics).toEqual([{ topic: orders, records: 2 }, { topic: payments, records: 1 }])
    expect(body).toMatchObject({ field: 'key', value: key, truncated: false, limit: 500 })
  })

  it('follows a JSON field\'s value instead of the key', async () => {
    const body = await (await get(`/api/clusters/local/search/follow?field=orderId&value=${encodeURIComponent(orderId)}`)).json() as FollowTimeline
    expect(body.records.map((r) => `${r.topic}:${r.offset}`)).toEqual([`${orders}:0`, `${payments}:0`, `${orders}:1`, `${orders}:2`])
  })

  it('keeps the newest records when cut, and says so', async () => {
    const body = await (await get(`/api/clusters/local/search/follow?key=${encodeURIComponent(key)}&limit=2`)).json() as FollowTimeline
    expect(body.truncated).toBe(true)
    expect(body.records.map((r) => `${r.topic}:${r.offset}`)).toEqual([`${payments}:0`, `${orders}:1`])
  })

  it('matches the value exactly, however it is quoted', async () => {
    for (const value of [`${key}" OR "*`, `${key}*`, '*']) {
      const body = await (await get(`/api/clusters/local/search/follow?key=${encodeURIComponent(value)}`)).json() as FollowTimeline
      expect(body.records, value).toEqual([])
    }
  })

  it('shows a principal limited to some topics only the records of those topics', async () => {
    const token = 'scoped-follow-token-0123456789-abcdef'
    const scoped = testDeps({ KAFKA_PLUS_TOKENS: JSON.stringify([{ name: 'sam', grants: [{ role: 'viewer', topics: [orders] }], token }]) })
    try {
      const response = await createApp(scoped).request(`/api/clusters/local/search/follow?key=${encodeURIComponent(key)}`, { headers: bearer(token) })
      const body = await response.json() as FollowTimeline
      expect(body.records.map((r) => `${r.topic}:${r.offset}`)).toEqual([`${orders}:0`, `${orders}:1`])
    } finally {
      await scoped.close()
    }
  })

  it('refuses a request without a value', async () => {
    const response = await get('/api/clusters/local/search/follow?field=orderId')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'INVALID_INPUT' })
  })
})
