// Topic routes against the real broker: topics made by another Kafka client show up, counted and paged.
import { Admin, produce } from '../testing/kafka.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryUntil } from '../testing/logs.ts'
import { adminToken, bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { sampleCluster } from '../core/storage/sampler.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'topics-int-test', bootstrapBrokers: brokers })
const prefix = uniqueName('it-topics')
const created: string[] = []

interface TopicItem { name: string; partitions: number; replicationFactor: number; underReplicated: boolean; offline: boolean; underMinIsr: boolean | null; messages: number; internal: boolean; bytes: number | null }
interface TopicPage { items: TopicItem[]; total: number; nextCursor: string | null; sizes: { sampledAt: string | null; problem: { code: string; detail: string } | null } }

async function list(query: string, token = viewerToken): Promise<TopicPage> {
  const response = await app.request(`/api/clusters/local/topics?${query}`, { headers: bearer(token) })
  expect(response.status).toBe(200)
  return await response.json() as TopicPage
}

beforeAll(async () => {
  const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]
  await admin.createTopics({ topics: names, partitions: 3, replicas: 1 })
  created.push(...names)
  // 7 records over the partitions of -a, none in -b and -c.
  await produce(brokers, `${prefix}-a`, Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 3 })))
})

afterAll(async () => {
  await admin.deleteTopics({ topics: created }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('GET /api/clusters/{c}/topics', () => {
  it('lists topics created by another client, with partitions, RF and approximate message counts', async () => {
    const page = await list(`q=${prefix}`)
    expect(page.total).toBe(3)
    expect(page.items.map((t) => t.name)).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`])
    // bytes: from the latest storage sample, which other tests may take at any time (null before one has these topics).
    expect(page.items[0]).toEqual({ name: `${prefix}-a`, partitions: 3, replicationFactor: 1, underReplicated: false, offline: false, underMinIsr: false, messages: 7, internal: false, bytes: page.items[0]?.bytes ?? null })
    expect(page.sizes.problem).toBeNull()
    expect(page.items[1]?.messages).toBe(0)
    expect(page.nextCursor).toBeNull()
  })

  it('pages with an opaque cursor, without gaps or repeats', async () => {
    const first = await list(`q=${prefix}&limit=2`)
    expect(first.items.map((t) => t.name)).toEqual([`${prefix}-a`, `${prefix}-b`])
    expect(first.nextCursor).toBeTruthy()
    const second = await list(`q=${prefix}&limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((t) => t.name)).toEqual([`${prefix}-c`])
    expect(second.nextCursor).toBeNull()
    expect(second.total).toBe(3)
  })

  it('filters case-insensitively and hides internal topics unless asked', async () => {
    expect((await list(`q=${prefix.toUpperCase()}-B`)).items.map((t) => t.name)).toEqual([`${prefix}-b`])
    // The producer above makes the broker create __consumer_offsets lazily at the latest when a group commits;
    // ask for it via a group-free route: the internal flag must be reported either way.
    const withInternal = await list('internal=true&limit=1000')
    const hidden = await list('limit=1000')
    expect(hidden.items.every((t) => !t.internal && !t.name.startsWith('__'))).toBe(true)
    for (const topic of withInternal.items.filter((t) => t.name.startsWith('__'))) expect(topic.internal).toBe(true)
    expect(withInternal.total).toBeGreaterThanOrEqual(hidden.total)
  })

  it('sorts server-side by messages and by sampled size, both ways, and pages in that order', async () => {
    const names = (page: TopicPage) => page.items.map((t) => t.name)
    const [a, b, c] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]
    expect(names(await list(`q=${prefix}&sort=messages&order=desc`))).toEqual([a, b, c])
    // Ties (b and c hold nothing) go by name in both orders.
    expect(names(await list(`q=${prefix}&sort=messages&order=asc`))).toEqual([b, c, a])
    expect(names(await list(`q=${prefix}&sort=name&order=desc`))).toEqual([c, b, a])

    const run = await sampleCluster(deps.kafka.get('local'), deps.logs)
    expect(run.ok).toBe(true)
    // The sample is searchable a moment after it was stored.
    await expect.poll(async () => (await list(`q=${prefix}-a`)).items[0]?.bytes ?? null, { timeout: 15_000, interval: 500 }).toBeGreaterThan(0)
    const bySize = await list(`q=${prefix}&sort=bytes&order=desc`)
    expect(names(bySize)).toEqual([a, b, c])
    expect(bySize.sizes.sampledAt).toBeTruthy()
    expect(bySize.items.map((t) => t.bytes)).toEqual([expect.any(Number), 0, 0])

    const first = await list(`q=${prefix}&sort=bytes&order=asc&limit=2`)
    expect(names(first)).toEqual([b, c])
    const second = await list(`q=${prefix}&sort=bytes&order=asc&limit=2&cursor=${first.nextCursor}`)
    expect(names(second)).toEqual([a])
    expect(second.nextCursor).toBeNull()
    // A cursor only continues the order it was made in.
    const mixed = await app.request(`/api/clusters/local/topics?q=${prefix}&sort=messages&limit=2&cursor=${first.nextCursor}`, { headers: bearer(viewerToken) })
    expect(mixed.status).toBe(400)
    expect(((await mixed.json()) as { detail: string }).detail).toContain('another order')
  })

  it.each([
    ['sort=size', 'sort'],
    ['order=up', 'order'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['internal=maybe', 'internal'],
    ['cursor=not*a*cursor', 'cursor'],
  ])('rejects %s with INVALID_INPUT naming the field', async (query, field) => {
    const response = await app.request(`/api/clusters/local/topics?${query}`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(400)
    const problem = await response.json() as { code: string; detail: string }
    expect(problem.code).toBe('INVALID_INPUT')
    expect(problem.detail).toContain(field)
  })
})

describe('POST /api/clusters/{c}/topics', () => {
  const post = (body: unknown) => app.request('/api/clusters/local/topics', {
    method: 'POST', headers: { 'content-type': 'application/json', ...bearer(adminToken) }, body: JSON.stringify(body),
  })

  it('creates a topic with configs and leaves an audit record', async () => {
    const name = `${prefix}-created`
    const response = await post({ name, partitions: 2, replicationFactor: 1, configs: { 'retention.ms': 3_600_000 } })
    expect(response.status).toBe(201)
    created.push(name)
    expect((await list(`q=${name}`)).items[0]).toMatchObject({ name, partitions: 2 })
    const [config] = await admin.describeConfigs({ resources: [{ resourceType: 2, resourceName: name, configurationKeys: ['retention.ms'] }] })
    expect(config?.configs.find((c) => c.name === 'retention.ms')?.value).toBe('3600000')
    const audit = await queryUntil(deps.logs, `kind:audit action:"topic.create" target:"${name}" outcome:=succeeded`, (rows) => rows.length > 0)
    expect(audit[0]).toMatchObject({ actor: 'admin', role: 'admin', cluster: 'local', target: name })
    expect(JSON.parse(String(audit[0]?.after))).toMatchObject({ name, partitions: 2, configs: { 'retention.ms': '3600000' } })
  })

  it('answers 409 TOPIC_EXISTS for a duplicate', async () => {
    const response = await post({ name: `${prefix}-a`, partitions: 1, replicationFactor: 1 })
    expect(response.status).toBe(409)
    expect((await response.json() as { code: string }).code).toBe('TOPIC_EXISTS')
  })

  it.each([
    [{ name: 'bad name!', partitions: 1, replicationFactor: 1 }, 'name'],
    [{ name: 'x'.repeat(250), partitions: 1, replicationFactor: 1 }, 'name'],
    [{ name: '..', partitions: 1, replicationFactor: 1 }, 'name'],
    [{ name: 'ok', partitions: 0, replicationFactor: 1 }, 'partitions'],
    [{ name: 'ok', partitions: 1.5, replicationFactor: 1 }, 'partitions'],
    [{ name: 'ok', partitions: 1, replicationFactor: 0 }, 'replicationFactor'],
    [{ name: 'ok', partitions: 1, replicationFactor: 1, configs: { 'Not A Config': '1' } }, 'configs'],
    [{ name: 'ok', partitions: 1, replicationFactor: 1, surprise: true }, 'surprise'],
  ])('rejects %j before it reaches Kafka', async (body, field) => {
    const response = await post(body)
    expect(response.status).toBe(400)
    const problem = await response.json() as { code: string; detail: string }
    expect(problem.code).toBe('INVALID_INPUT')
    expect(problem.detail).toContain(field)
  })

  it('passes Kafka-side refusals on as INVALID_INPUT (replication factor above the broker count)', async () => {
    const response = await post({ name: `${prefix}-rf3`, partitions: 1, replicationFactor: 3 })
    expect(response.status).toBe(400)
    const problem = await response.json() as { code: string; kafkaError: string }
    expect(problem).toMatchObject({ code: 'INVALID_INPUT', kafkaError: 'INVALID_REPLICATION_FACTOR' })
  })
})
