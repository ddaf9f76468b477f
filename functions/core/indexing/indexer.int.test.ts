// The built-in indexer on the real stack: a consumer group reading real topics into the real
// VictoriaLogs, sampling by key, keep rules, and a real outage of VictoriaLogs (a TCP proxy in
// front of it, stopped and restarted) that must lose nothing.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VictoriaLogsClient } from '../victorialogs/index.ts'
import { Admin, produce } from '../../testing/kafka.ts'
import { queryUntil } from '../../testing/logs.ts'
import { testConfig, uniqueName } from '../../testing/stack.ts'
import { startLocalIndexer, type LocalIndexer } from './local-indexer.ts'
import { FilePlanStore } from './plan-store.ts'
import type { TopicPlan } from './plan.ts'
import { sampled } from './sampling.ts'

const config = testConfig()
const cluster = config.clusters[0]!
const brokers = cluster.brokers
const logs = new VictoriaLogsClient(config.victoriaLogsUrl)
const home = mkdtempSync(join(tmpdir(), 'kp-indexer-'))
const store = new FilePlanStore(home)
const admin = new Admin({ clientId: 'indexer-test', bootstrapBrokers: brokers })
const topics: string[] = []
const running: LocalIndexer[] = []

const topicPlan = (topic: string, extra: Partial<TopicPlan> = {}): TopicPlan => ({
  topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32768, extractFields: 20, updatedAt: new Date().toISOString(), updatedBy: 'test', ...extra,
})

async function newTopic(prefix: string, partitions = 3): Promise<string> {
  const topic = uniqueName(prefix)
  topics.push(topic)
  await admin.createTopics({ topics: [topic], partitions, replicas: 1 })
  return topic
}

async function setPlan(topicPlans: TopicPlan[]) {
  await store.save({ cluster: cluster.id, topics: topicPlans })
}

/** One indexer at a time: they share the plan file, so an older one would index the new topic too. */
async function run(client: VictoriaLogsClient = logs): Promise<LocalIndexer> {
  await Promise.all(running.splice(0).map((i) => i.stop()))
  const indexer = startLocalIndexer({ cluster, logs: client, store, groupId: uniqueName('it-indexer'), planPollMs: 300, lingerMs: 100, log: process.env.DEBUG_INDEXER ? (m) => console.log(m) : () => {} })
  running.push(indexer)
  return indexer
}

const scope = (topic: string) => `{kind="messages",cluster="${cluster.id}",topic="${topic}"}`

async function countIndexed(topic: string, expected: number, timeoutMs = 30_000): Promise<{ rows: number; unique: number }> {
  const rows = await queryUntil(logs, `${scope(topic)} | stats count() rows, count_uniq(partition, offset) uniq`,
    (r) => Number(r[0]?.uniq ?? 0) >= expected, timeoutMs)
  return { rows: Number(rows[0]?.rows ?? 0), unique: Number(rows[0]?.uniq ?? 0) }
}

/** A TCP proxy to VictoriaLogs that can be taken down (connections cut, port closed) and back up. */
function tcpProxy(target: URL) {
  let server: Server | undefined
  const sockets = new Set<Socket>()
  let port = 0
  const up = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname)
      for (const s of [client, upstream]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}) }
      client.pipe(upstream).pipe(client)
    })
    server.listen(port, '127.0.0.1', () => {
      port = (server?.address() as { port: number }).port
      resolve()
    })
  })
  const down = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy()
    server?.close(() => resolve())
  })
  return { up, down, url: () => `http://127.0.0.1:${port}` }
}

beforeAll(async () => {
  await setPlan([])
})

afterAll(async () => {
  await Promise.all(running.map((i) => i.stop()))
  await admin.deleteTopics({ topics }).catch(() => {})
  await admin.close()
  await logs.close()
  rmSync(home, { recursive: true, force: true })
})

describe('built-in indexer (local consumer)', () => {
  it('at rate 1 makes every produced record findable by its unique word, then commits', async () => {
    const topic = await newTopic('it-idx-all')
    const words = Array.from({ length: 60 }, (_, i) => `w${Date.now().toString(36)}x${i}q`)
    await produce(brokers, topic, words.map((w, i) => ({ key: `k${i}`, value: JSON.stringify({ level: i % 2 ? 'info' : 'warn', text: `message with ${w}` }), headers: { trace: `t-${i}` } })))
    await setPlan([topicPlan(topic)])
    const indexer = await run()
    expect((await countIndexed(topic, words.length)).unique).toBe(words.length)
    // Acknowledged and searchable is not yet on VictoriaLogs' disk: nothing counted or committed yet.
    expect(indexer.status()).toMatchObject({ batches: 0, indexed: 0, pending: words.length })
    for (const word of [words[0], words[29], words[59]]) {
      const rows = await queryUntil(logs, `${scope(topic)} ${word}`, (r) => r.length === 1)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ topic, cluster: cluster.id, kind: 'messages', sampleRate: '1', keyEncoding: 'utf8' })
      expect(rows[0]?.['headers.trace']).toMatch(/^t-\d+$/)
      expect(['info', 'warn']).toContain(rows[0]?.level)
    }
    // Counted and committed only once VictoriaLogs has the batch on disk (about 15 s after it
    // acknowledged it, with its default flush interval): then the offsets cover every record.
    await expect.poll(() => indexer.status().indexed, { timeout: 30_000 }).toBe(words.length)
    const [committed] = await admin.listConsumerGroupOffsets({ groups: [indexer.status().groupId] })
    const total = committed?.topics.find((t) => t.name === topic)?.partitions.reduce((sum, p) => sum + Number(p.committedOffset), 0)
    expect(total).toBe(words.length)
  })

  it('at rate 0.1 indexes ~10% of 10,000 keyed records, whole keys at a time, and every keep-rule match', async () => {
    const topic = await newTopic('it-idx-sample')
    // 2,000 keys × 5 records; every 199th record is an ERROR, which must be indexed whatever its key.
    const records = Array.from({ length: 10_000 }, (_, i) => ({ key: `user-${i % 2_000}`, value: i % 199 === 0 ? `order ${i} ERROR payment declined` : `order ${i} ok` }))
    for (let i = 0; i < records.length; i += 2_500) await produce(brokers, topic, records.slice(i, i + 2_500))
    const errors = records.filter((r) => r.value.includes('ERROR')).length
    const expected = records.filter((r) => r.value.includes('ERROR') || sampled(Buffer.from(r.key), 0, '0', 0.1)).length
    await setPlan([topicPlan(topic, { sampleRate: 0.1, keep: ['ERROR'] })])
    const indexer = await run()
    const { unique } = await countIndexed(topic, expected)
    expect(unique).toBe(expected)
    const share = unique / records.length
    expect(share).toBeGreaterThanOrEqual(0.08)
    expect(share).toBeLessThanOrEqual(0.12)
    const found = await queryUntil(logs, `${scope(topic)} ERROR | stats count() n`, (r) => Number(r[0]?.n) === errors)
    expect(Number(found[0]?.n)).toBe(errors)
    // Keys kept or dropped together: among records no rule forced in, a key has all 5 or none.
    const plainPerKey = new Map<string, number>()
    for (const r of records) if (!r.value.includes('ERROR')) plainPerKey.set(r.key, (plainPerKey.get(r.key) ?? 0) + 1)
    const perKey = await queryUntil(logs, `${scope(topic)} -ERROR | stats by (key) count() n`, (r) => r.length > 0)
    for (const row of perKey) {
      expect(sampled(Buffer.from(String(row.key)), 0, '0', 0.1)).toBe(true)
      expect(Number(row.n)).toBe(plainPerKey.get(String(row.key)))
    }
    expect(perKey.length).toBe([...plainPerKey.keys()].filter((k) => sampled(Buffer.from(k), 0, '0', 0.1)).length)
    await expect.poll(() => indexer.status().seen, { timeout: 30_000 }).toBe(10_000)
  })

  it('loses nothing through a VictoriaLogs outage mid-stream: retries, commits nothing meanwhile, catches up', async () => {
    const topic = await newTopic('it-idx-outage', 2)
    const proxy = tcpProxy(new URL(config.victoriaLogsUrl))
    await proxy.up()
    const viaProxy = new VictoriaLogsClient(proxy.url())
    await setPlan([topicPlan(topic)])
    const indexer = await run(viaProxy)
    const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: `event ${from + i}` }))
    await produce(brokers, topic, batch(0, 500))
    await expect.poll(() => indexer.status().indexed, { timeout: 30_000 }).toBe(500)

    await proxy.down()
    await produce(brokers, topic, batch(500, 1_000))
    await expect.poll(() => indexer.status().retries, { timeout: 20_000 }).toBeGreaterThan(1)
    // While VictoriaLogs is unreachable nothing new is committed.
    const [during] = await admin.listConsumerGroupOffsets({ groups: [indexer.status().groupId] })
    const committedDuring = during?.topics.find((t) => t.name === topic)?.partitions.reduce((sum, p) => sum + Number(p.committedOffset), 0) ?? 0
    expect(committedDuring).toBeLessThanOrEqual(500)
    await produce(brokers, topic, batch(1_500, 500))

    await proxy.up()
    const { unique, rows } = await countIndexed(topic, 2_000, 60_000)
    expect(unique).toBe(2_000)
    // At-least-once: a batch cut mid-write may be sent twice, never lost.
    expect(rows).toBeGreaterThanOrEqual(2_000)
    await expect.poll(async () => {
      const [after] = await admin.listConsumerGroupOffsets({ groups: [indexer.status().groupId] })
      return after?.topics.find((t) => t.name === topic)?.partitions.reduce((sum, p) => sum + Number(p.committedOffset), 0)
    }, { timeout: 30_000 }).toBe(2_000)
    await proxy.down()
    await viaProxy.close()
  }, 120_000)
})
