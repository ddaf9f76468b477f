// The audit trail against the real VictoriaLogs and Kafka: no change without its record (a
// VictoriaLogs of the test's own is killed), refusals and failures recorded, and a trail that
// shows forged lines, missing records and copies for what they are.
import { afterAll, describe, expect, it } from 'vitest'
import { AuditChain, recordAudit, type AuditItem, type AuditTrailIntegrity } from '../core/audit.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { Admin, waitForLeaders } from '../testing/kafka.ts'
import { ownVictoriaLogs, type OwnVictoriaLogs } from '../testing/own-victorialogs.ts'
import { adminToken, bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'audit-test', bootstrapBrokers: brokers })
const created: string[] = []
const json = { 'content-type': 'application/json' }

type Trail = { items: AuditItem[]; integrity: AuditTrailIntegrity }

async function newTopic(): Promise<string> {
  const name = uniqueName('it-audit')
  await admin.createTopics({ topics: [name], partitions: 1, replicas: 1 })
  created.push(name)
  await waitForLeaders(brokers, name)
  return name
}

const change = (application: ReturnType<typeof createApp>, topic: string, set: Record<string, string>, token = adminToken) =>
  application.request(`/api/clusters/local/topics/${topic}/configs`, { method: 'PATCH', headers: { ...json, ...bearer(token) }, body: JSON.stringify({ set }) })

async function trail(topic: string, until: (t: Trail) => boolean, application = app): Promise<Trail> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const response = await application.request(`/api/clusters/local/audit?target=${topic}&limit=50`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    const body = await response.json() as Trail
    if (until(body) || Date.now() > deadline) return body
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function retention(topic: string): Promise<string | undefined> {
  const response = await app.request(`/api/clusters/local/topics/${topic}`, { headers: bearer(viewerToken) })
  const detail = await response.json() as { configs: { name: string; value: string | null }[] }
  return detail.configs.find((c) => c.name === 'retention.ms')?.value ?? undefined
}

afterAll(async () => {
  await admin.deleteTopics({ topics: created }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('audit records: written before the change, outcome after, refusals too', () => {
  it('a change: its request and outcome as one item (before → after), verified', async () => {
    const topic = await newTopic()
    expect((await change(app, topic, { 'retention.ms': '3600000' })).status).toBe(200)
    const { items, integrity } = await trail(topic, (t) => t.items[0]?.outcome === 'succeeded' && t.items[0].records.length === 2)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      actor: 'admin', role: 'admin', action: 'topic.configs', target: topic, outcome: 'succeeded', error: null, integrity: 'ok',
      before: {}, after: { 'retention.ms': '3600000' }, request: { set: { 'retention.ms': '3600000' }, delete: [] },
    })
    expect(items[0]?.records.map((r) => r.outcome)).toEqual(['succeeded', 'requested'])
    expect(integrity).toEqual({ status: 'ok', checked: 2, forged: 0, removedBefore: 0, duplicates: 0 })
  })

  it('refusals are recorded with their code (403, confirmation missing); a failure after the request too', async () => {
    const topic = await newTopic()
    expect((await change(app, topic, { 'retention.ms': '1' }, operatorToken)).status).toBe(403)
    const unconfirmed = await app.request(`/api/clusters/local/topics/${topic}?confirm=wrong`, { method: 'DELETE', headers: bearer(adminToken) })
    expect(unconfirmed.status).toBe(400)
    // Kafka refuses the value after the request was recorded: the outcome says so.
    expect((await change(app, topic, { 'retention.ms': 'soon' })).status).toBe(400)
    const { items, integrity } = await trail(topic, (t) => t.items.length >= 3 && t.items.every((i) => i.outcome !== 'pending'))
    expect(items.map((i) => [i.action, i.actor, i.outcome, i.error])).toEqual([
      ['topic.configs', 'admin', 'failed', 'INVALID_INPUT'],
      ['topic.delete', 'admin', 'refused', 'CONFIRMATION_REQUIRED'],
      ['topic.configs', 'olive', 'refused', 'FORBIDDEN'],
    ])
    expect(items[0]?.request).toEqual({ set: { 'retention.ms': 'soon' }, delete: [] })
    expect(integrity.status).toBe('ok')
    expect(await retention(topic)).not.toBe('1')
  })

  it('a change while VictoriaLogs is down is refused (503 AUDIT_UNAVAILABLE) and the topic stays as it was', async () => {
    const own: OwnVictoriaLogs = await ownVictoriaLogs()
    const logs = new VictoriaLogsClient(own.url)
    const isolated = createApp({ ...deps, logs, auditChain: new AuditChain(deps.config.auditKey) })
    try {
      const topic = await newTopic()
      const before = await retention(topic)
      await own.kill()
      const refused = await change(isolated, topic, { 'retention.ms': '60000' })
      expect(refused.status).toBe(503)
      expect(await refused.json()).toMatchObject({ code: 'AUDIT_UNAVAILABLE', retryable: true })
      const deletion = await isolated.request(`/api/clusters/local/topics/${topic}?confirm=${topic}`, { method: 'DELETE', headers: bearer(adminToken) })
      expect(deletion.status).toBe(503)
      expect(await retention(topic)).toBe(before)
      expect((await app.request(`/api/clusters/local/topics/${topic}`, { headers: bearer(viewerToken) })).status).toBe(200)

      // Back: the same change goes through, audited, on a fresh chain that verifies.
      await own.start()
      expect((await change(isolated, topic, { 'retention.ms': '60000' })).status).toBe(200)
      expect(await retention(topic)).toBe('60000')
      const after = await trail(topic, (t) => t.items[0]?.outcome === 'succeeded', isolated)
      expect(after.items.map((i) => i.outcome)).toEqual(['succeeded'])
      expect(after.integrity.status).toBe('ok')
    } finally {
      await logs.close()
      await own.close()
    }
  }, 60_000)
})

describe('a trail that cannot be forged or cut quietly', () => {
  it('a line written straight into VictoriaLogs with kind=audit shows as forged, and the trail as flagged', async () => {
    const topic = await newTopic()
    expect((await change(app, topic, { 'retention.ms': '7200000' })).status).toBe(200)
    const genuine = await trail(topic, (t) => t.items[0]?.records.length === 2)
    const real = genuine.items[0]?.records[0]
    // One line with no chain fields at all, one copying a real record's writer and position.
    await deps.logs.insert([
      { _time: new Date().toISOString(), _msg: 'mallory topic.delete', kind: 'audit', cluster: 'local', actor: 'mallory', role: 'admin', action: 'topic.delete', target: topic, outcome: 'succeeded', attempt: 'x1' },
      { _time: new Date().toISOString(), _msg: 'mallory topic.configs', kind: 'audit', cluster: 'local', actor: 'mallory', role: 'admin', action: 'topic.configs', target: topic, outcome: 'succeeded', attempt: 'x2',
        writer: real?.writer, seq: String((real?.seq ?? 0) + 1), prev: 'f'.repeat(64), mac: 'e'.repeat(64), after: '{"retention.ms":"1"}' },
    ], { streamFields: ['kind', 'cluster'] })
    const { items, integrity } = await trail(topic, (t) => t.items.length >= 3)
    const byActor = (actor: string) => items.filter((i) => i.actor === actor).map((i) => i.integrity)
    expect(byActor('mallory')).toEqual(['forged', 'forged'])
    expect(byActor('admin')).toEqual(['ok'])
    expect(integrity).toMatchObject({ status: 'flagged', forged: 2, removedBefore: 0 })
  })

  it('a record missing from a writer\'s chain flags the next one (removed-before); a copy shows as duplicate', async () => {
    const topic = await newTopic()
    const chain = new AuditChain(deps.config.auditKey)
    const entry = (i: number) => ({ cluster: 'local', actor: { name: 'admin', role: 'admin' as const }, action: 'topic.configs', target: topic, outcome: 'succeeded' as const, attempt: `${topic}-${i}`, after: { i } })
    let copy: Record<string, string> | undefined
    // Four records signed in one chain; the second never reaches VictoriaLogs (as if deleted), the fourth twice.
    for (let i = 1; i <= 4; i++) {
      await chain.append(entry(i), async (document) => {
        if (i === 2) return
        if (i === 4) copy = document
        await deps.logs.insert([document], { streamFields: ['kind', 'cluster'] })
      })
    }
    await deps.logs.insert([copy as Record<string, string>], { streamFields: ['kind', 'cluster'] })
    const { items, integrity } = await trail(topic, (t) => t.items.length >= 3 && t.items[0]?.records.length === 2)
    expect(items.map((i) => [(i.after as { i: number }).i, i.integrity])).toEqual([[4, 'duplicate'], [3, 'removed-before'], [1, 'ok']])
    expect(integrity).toMatchObject({ status: 'flagged', forged: 0, removedBefore: 1, duplicates: 2 })
    // recordAudit is the same path the routes take.
    await recordAudit(deps.logs, chain, entry(5))
    const later = await trail(topic, (t) => t.items.length >= 4)
    expect(later.items[0]).toMatchObject({ integrity: 'ok', records: [{ seq: 5 }] })
  })

  it('two API instances writing at once keep separate chains that both verify', async () => {
    const topic = await newTopic()
    const one = createApp({ ...deps, auditChain: new AuditChain(deps.config.auditKey) })
    const two = createApp({ ...deps, auditChain: new AuditChain(deps.config.auditKey) })
    const answers = await Promise.all(Array.from({ length: 6 }, async (_, i) => change(i % 2 ? one : two, topic, { 'retention.ms': String(3_600_000 + i) })))
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200))
    const { items, integrity } = await trail(topic, (t) => t.items.length >= 6 && t.items.every((i) => i.outcome === 'succeeded'))
    expect(items).toHaveLength(6)
    expect(new Set(items.flatMap((i) => i.records.map((r) => r.writer))).size).toBe(2)
    expect(integrity).toEqual({ status: 'ok', checked: 12, forged: 0, removedBefore: 0, duplicates: 0 })
  })
})
