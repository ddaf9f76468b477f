// The indexing plan over HTTP on the real stack: roles, validation, audit, counters and the
// generated Vector config.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Admin } from '../testing/kafka.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readAuditTrail } from '../core/audit.ts'
import { CompiledPlan } from '../core/indexing/batch.ts'
import { indexBatch } from '../core/indexing/indexer.ts'
import { FilePlanStore } from '../core/indexing/plan-store.ts'
import { adminToken, bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const home = mkdtempSync(join(tmpdir(), 'kp-plan-'))
// The configured plan store: files under this run's KAFKA_PLUS_HOME, read back here on their own.
const deps = testDeps({ KAFKA_PLUS_HOME: home })
const app = createApp(deps)
const store = new FilePlanStore(home)
const topic = uniqueName('it-plan')
const admin = new Admin({ clientId: 'indexing-routes-test', bootstrapBrokers: deps.config.clusters[0]?.brokers ?? [] })
const path = `/api/clusters/local/indexing/topics/${topic}`
const put = (body: unknown, token = operatorToken) =>
  app.request(path, { method: 'PUT', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) })

beforeAll(async () => {
  await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await deps.close()
  rmSync(home, { recursive: true, force: true })
})

describe('indexing plan routes', () => {
  it('let viewers read but not change the plan', async () => {
    expect((await app.request('/api/clusters/local/indexing', { headers: bearer(viewerToken) })).status).toBe(200)
    const refused = await put({ enabled: true, sampleRate: 0.5 }, viewerToken)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('refuse invalid settings with every issue named, and unknown topics', async () => {
    const bad = await put({ enabled: true, sampleRate: 0, keep: ['/(?<=x)y/'], extra: 1 })
    expect(bad.status).toBe(400)
    const problem = await bad.json() as { code: string; detail: string }
    expect(problem.code).toBe('INVALID_INPUT')
    expect(problem.detail).toContain('sampleRate')
    expect(problem.detail).toContain('look-ahead')
    const missing = await app.request(`/api/clusters/local/indexing/topics/${topic}-nope`, {
      method: 'PUT', headers: { ...bearer(operatorToken), 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true }),
    })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'TOPIC_NOT_FOUND' })
  })

  it('store an operator\'s change, audit it before → after, and list it with its counters', async () => {
    const created = await put({ enabled: true, sampleRate: 0.25, keep: ['ERROR', '/timeout/i'] })
    expect(created.status).toBe(200)
    expect(await created.json()).toMatchObject({ topic, enabled: true, sampleRate: 0.25, keep: ['ERROR', '/timeout/i'], maxValueBytes: 32768, extractFields: 20, updatedBy: 'olive' })
    const changed = await put({ enabled: true, sampleRate: 0.5 })
    expect(await changed.json()).toMatchObject({ sampleRate: 0.5, keep: ['ERROR', '/timeout/i'] })

    // Counters come from what the indexer wrote beside the messages.
    await indexBatch(deps.logs, new CompiledPlan(await store.load('local')), Array.from({ length: 40 }, (_, i) => ({
      topic, partition: 0, offset: String(i), timestamp: Date.now(), key: Buffer.from(`k${i}`), value: Buffer.from(`v${i} ${'x'.repeat(100)}`), headers: [],
    })))
    await expect.poll(async () => {
      const response = await app.request('/api/clusters/local/indexing', { headers: bearer(viewerToken) })
      const body = await response.json() as { topics: { topic: string; stats: { seen: number } | null }[] }
      return body.topics.find((t) => t.topic === topic)?.stats?.seen
    }, { timeout: 15_000, interval: 500 }).toBe(40)
    const listed = await (await app.request('/api/clusters/local/indexing', { headers: bearer(viewerToken) })).json() as {
      writable: boolean; topics: { topic: string; stats: { seen: number; indexed: number; savedBytes: number; savedRatio: number } }[]
    }
    const entry = listed.topics.find((t) => t.topic === topic)
    expect(listed.writable).toBe(true)
    expect(entry?.stats.indexed).toBeLessThan(40)
    expect(entry?.stats.savedRatio).toBeGreaterThan(0)
    expect(entry?.stats.savedBytes).toBeGreaterThan(0)

    const trail = (limit: number) => readAuditTrail(deps.logs, deps.config.auditKey, 'local', { target: topic, limit })
    await expect.poll(async () => (await trail(10)).items.filter((i) => i.outcome === 'succeeded').length, { timeout: 15_000 }).toBe(2)
    // The viewer's refused attempt (first test) is on record too.
    expect((await trail(10)).items.filter((i) => i.outcome === 'refused')).toMatchObject([{ actor: 'vera', error: 'FORBIDDEN' }])
    const [latest] = (await trail(1)).items
    expect(latest).toMatchObject({ action: 'indexing.topic.set', actor: 'olive', before: { sampleRate: 0.25 }, after: { sampleRate: 0.5 } })
  })

  it('serve the generated Vector config for the plan, as YAML', async () => {
    const response = await app.request('/api/clusters/local/indexing/vector.yaml', { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/yaml')
    const config = parse(await response.text()) as { sources: Record<string, { topics: string[] }> }
    expect(config.sources.kafka_plus_local_kafka?.topics).toContain(topic)
  })

  it('remove a topic from the plan (operator, audited), and say so when it is not there', async () => {
    const removed = await app.request(path, { method: 'DELETE', headers: bearer(adminToken) })
    expect(removed.status).toBe(204)
    expect((await store.load('local')).topics.find((t) => t.topic === topic)).toBeUndefined()
    const again = await app.request(path, { method: 'DELETE', headers: bearer(adminToken) })
    expect(again.status).toBe(404)
    expect(await again.json()).toMatchObject({ code: 'NOT_IN_PLAN' })
    await expect.poll(async () => (await readAuditTrail(deps.logs, deps.config.auditKey, 'local', { target: topic, limit: 1 })).items[0]?.action, { timeout: 15_000 }).toBe('indexing.topic.remove')
  })
})
