// Scoped roles on real data: a token whose only grant is operator on `<base>-orders.*` sees only
// those topics in lists (topics, groups, indexing plan), and history search reads only their
// messages, whatever LogsQL it sends (subqueries included): the topic scope cannot be escaped.
// VictoriaLogs answers a stream filter from a cache that learns of new streams within seconds, so
// the search waits for the first row; the filters used here are unique to this run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { Admin, commitOffsets, produce } from '../testing/kafka.ts'
import { queryUntil } from '../testing/logs.ts'
import { adminToken, bearer, testDeps, uniqueName } from '../testing/stack.ts'
import { createApp } from './app.ts'

const base = uniqueName('it-scope')
const orders = `${base}-orders.eu`
const payments = `${base}-payments`
const ordersGroup = `${base}-orders-reader`
const paymentsGroup = `${base}-payments-reader`
const word = base.replaceAll('-', '')
const scopedToken = 'test-orders-scoped-token-0123456789abc'
const deps = testDeps({
  KAFKA_PLUS_TOKENS: JSON.stringify([{ name: 'orders-bot', token: scopedToken, grants: [{ role: 'operator', clusters: ['local'], topics: [`${base}-orders.*`] }] }]),
})
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'access-int-test', bootstrapBrokers: brokers })
const logs = new VictoriaLogsClient(deps.config.victoriaLogsUrl)

const get = (path: string, token = scopedToken) => app.request(path, { headers: bearer(token) })
const send = (method: string, path: string, body: unknown, token = adminToken) =>
  app.request(path, { method, headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) })
const search = (query: string, path = 'search') => get(`/api/clusters/local/${path}?query=${encodeURIComponent(query)}&start=${Date.now() - 600_000}`)
const rows = async (response: Response) => (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>)

beforeAll(async () => {
  await admin.createTopics({ topics: [orders, payments], partitions: 1, replicas: 1 })
  await produce(brokers, orders, [{ value: 'o' }])
  await produce(brokers, payments, [{ value: 'p' }])
  await commitOffsets(brokers, ordersGroup, orders, { 0: 1 })
  await commitOffsets(brokers, paymentsGroup, payments, { 0: 1 })
  // One group reading both: the scoped principal sees it, with the orders topic only.
  await commitOffsets(brokers, `${base}-both`, orders, { 0: 0 })
  await commitOffsets(brokers, `${base}-both`, payments, { 0: 0 })
  const at = new Date(Date.now() - 60_000).toISOString()
  await logs.insert([
    { _time: at, _msg: `order ${word}`, kind: 'messages', cluster: 'local', topic: orders, partition: 0, offset: '0' },
    { _time: at, _msg: `payment ${word}`, kind: 'messages', cluster: 'local', topic: payments, partition: 0, offset: '0' },
    { _time: at, _msg: `payment ${word} again`, kind: 'messages', cluster: 'local', topic: payments, partition: 0, offset: '1' },
  ], { streamFields: ['kind', 'cluster', 'topic'] })
  await queryUntil(logs, `${word} | stats count() n`, (r) => Number(r[0]?.n) === 3)
  for (const topic of [orders, payments]) {
    expect((await send('PUT', `/api/clusters/local/indexing/topics/${topic}`, { enabled: false, sampleRate: 1 })).status).toBe(200)
  }
})

afterAll(async () => {
  for (const topic of [orders, payments]) await send('DELETE', `/api/clusters/local/indexing/topics/${topic}`, {})
  await admin.deleteGroups({ groups: [ordersGroup, paymentsGroup, `${base}-both`] }).catch(() => {})
  await admin.deleteTopics({ topics: [orders, payments] }).catch(() => {})
  await admin.close()
  await logs.close()
  await deps.close()
})

describe('lists narrowed to the topics a principal may view', () => {
  it('topics: only the pattern\'s, with totals counted over those', async () => {
    const body = await (await get(`/api/clusters/local/topics?q=${base}`)).json() as { items: { name: string }[]; total: number }
    expect(body.items.map((t) => t.name)).toEqual([orders])
    expect(body.total).toBe(1)
    const asAdmin = await (await get(`/api/clusters/local/topics?q=${base}`, adminToken)).json() as { items: { name: string }[] }
    expect(asAdmin.items.map((t) => t.name).sort()).toEqual([orders, payments])
  })

  it('groups: those reading a visible topic, showing only visible topics; others do not exist', async () => {
    const { items } = await (await get('/api/clusters/local/groups')).json() as { items: { groupId: string; topics: string[] }[] }
    const ours = items.filter((g) => g.groupId.startsWith(base)).sort((a, b) => a.groupId.localeCompare(b.groupId))
    expect(ours).toEqual([
      expect.objectContaining({ groupId: `${base}-both`, topics: [orders] }),
      expect.objectContaining({ groupId: ordersGroup, topics: [orders] }),
    ])
    expect(items.every((g) => g.topics.every((t) => t.startsWith(`${base}-orders.`)))).toBe(true)
    const both = await (await get(`/api/clusters/local/groups/${base}-both`)).json() as { offsets: { topic: string }[] }
    expect(both.offsets.map((o) => o.topic)).toEqual([orders])
    const hidden = await get(`/api/clusters/local/groups/${paymentsGroup}`)
    expect(hidden.status).toBe(404)
    expect(await hidden.json()).toMatchObject({ code: 'GROUP_NOT_FOUND' })
  })

  it('indexing plan: only the pattern\'s topics; changes to others refused', async () => {
    const plan = await (await get('/api/clusters/local/indexing')).json() as { topics: { topic: string }[] }
    expect(plan.topics.map((t) => t.topic)).toEqual([orders])
    expect((await send('PUT', `/api/clusters/local/indexing/topics/${orders}`, { enabled: false, sampleRate: 0.5 }, scopedToken)).status).toBe(200)
    expect((await send('PUT', `/api/clusters/local/indexing/topics/${payments}`, { enabled: false, sampleRate: 0.5 }, scopedToken)).status).toBe(403)
  })
})

describe('history search scoped to the topics a principal may view', () => {
  it('returns only the visible topic\'s messages', async () => {
    let found: Record<string, string>[] = []
    for (const deadline = Date.now() + 30_000; found.length === 0 && Date.now() < deadline;) {
      found = await rows(await search(word))
      if (found.length === 0) await new Promise((r) => setTimeout(r, 500))
    }
    // Both topics' messages are there (beforeAll counted 3 without a stream filter); the other
    // topic's stay out. (No unscoped search here: it would share, and could stale, the stream
    // filter cache entry of other tests searching the whole cluster at the same time.)
    expect(found.map((r) => r.topic)).toEqual([orders])
  })

  it('cannot be escaped with filters, stream selectors or subqueries', async () => {
    for (const query of [
      `topic:="${payments}"`, `{topic="${payments}"} ${word}`, `{topic=~".*"} ${word}`, `${word} OR topic:="${payments}"`,
      `${word} | union ({kind="messages",cluster="local",topic="${payments}"})`,
      `_msg:in({topic="${payments}"} | fields _msg)`,
      `* | join by (cluster) ({topic="${payments}"}) | filter ${word}`,
      `"}${word}`, `${word} | filter topic:~"payments"`,
    ]) {
      const response = await search(query)
      expect([200, 400], query).toContain(response.status)
      if (response.status === 200) expect((await rows(response)).every((r) => r.topic === orders), query).toBe(true)
    }
  })

  it('counts and facets only the visible topic', async () => {
    const hits = await (await search(word, 'search/hits')).json() as { total: number }
    expect(hits.total).toBe(1)
    const facets = await (await search(word, 'search/facets')).json() as { fields: { name: string; values: { value: string }[] }[] }
    const topics = facets.fields.find((f) => f.name === 'topic')?.values.map((v) => v.value) ?? []
    expect(topics.every((t) => t === orders)).toBe(true)
  })
})
