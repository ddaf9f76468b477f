// The retention audit on the real broker: every rule fires on a case built for it and stays quiet
// on a healthy one; reports are stored, read back and exported; TTL advice and its one-click apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { latestAudit, runAudit } from '../core/storage/audit.ts'
import type { AuditReport } from '../core/storage/audit.ts'
import type { Finding } from '../core/storage/audit-rules.ts'
import { sampleNowAndWait, sleep } from '../testing/storage.ts'
import { latestSample, sampleRecords } from '../core/storage/store.ts'
import { Admin, commitOffsets, produce } from '../testing/kafka.ts'
import { queryUntil } from '../testing/logs.ts'
import { adminToken, bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

// A cluster id of its own (same broker), so only this file's samples are in its history.
const clusterId = uniqueName('it-audit')
// Rates from samples seconds apart: the forecast history minimum (a day, 12 samples by default) is lifted here.
const deps = testDeps({ KAFKA_CLUSTER_ID: clusterId, KAFKA_PLUS_FORECAST_MIN_HISTORY_MS: '0', KAFKA_PLUS_FORECAST_MIN_SAMPLES: '2' })
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'storage-audit-test', bootstrapBrokers: brokers })
const cluster = deps.kafka.get(clusterId)
const kb = 'x'.repeat(1000)
const hour = 3_600_000
const now = Date.now()

// One topic per case: the "bad" one each rule is built for, and a healthy twin.
const t = {
  foreverGrowing: uniqueName('it-au-forever-grow'), foreverIdle: uniqueName('it-au-forever-idle'), boundedGrowing: uniqueName('it-au-bounded-grow'),
  staleSegment: uniqueName('it-au-stale'), freshSegment: uniqueName('it-au-fresh'),
  lagNear: uniqueName('it-au-lag-near'), lagQuiet: uniqueName('it-au-lag-quiet'), lagOver: uniqueName('it-au-lag-over'), lagLost: uniqueName('it-au-lag-lost'), lagFine: uniqueName('it-au-lag-fine'),
  unread: uniqueName('it-au-unread'), read: uniqueName('it-au-read'),
  hugeCap: uniqueName('it-au-huge-cap'), smallCap: uniqueName('it-au-small-cap'),
}
const group = (name: string) => `${name}-group`
const records = (n: number, timestamp?: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ value: kb, partition: 0, ...(timestamp ? { timestamp: BigInt(timestamp(i)) } : {}) }))

let report: AuditReport
/** When the sample after the growth was taken: later samples (the quiet log dir case) add no growth. */
let grownAt: number
const findingsFor = (topic: string, rule?: string) => report.findings.filter((f) => f.topic === topic && (!rule || f.rule === rule))

beforeAll(async () => {
  const create = (name: string, configs: Record<string, string> = {}) => admin.createTopics({ topics: [name], partitions: 1, replicas: 1, configs: Object.entries(configs).map(([n, value]) => ({ name: n, value })) })
  await Promise.all([
    create(t.foreverGrowing, { 'retention.ms': '-1' }), create(t.foreverIdle, { 'retention.ms': '-1' }), create(t.boundedGrowing),
    // Retention one minute, default segment.ms (7 d): records from 30 minutes ago in a segment that still receives records.
    create(t.staleSegment, { 'retention.ms': '60000' }), create(t.freshSegment),
    create(t.lagNear, { 'retention.ms': String(hour) }), create(t.lagQuiet, { 'retention.ms': String(hour) }), create(t.lagOver, { 'retention.ms': String(hour) }),
    create(t.lagLost, { 'retention.ms': String(hour) }), create(t.lagFine, { 'retention.ms': String(hour) }),
    create(t.unread), create(t.read),
    create(t.hugeCap, { 'retention.bytes': String(10 ** 15) }), create(t.smallCap, { 'retention.bytes': String(10 * 1024 * 1024) }),
  ])
  await Promise.all([
    produce(brokers, t.foreverGrowing, records(100)), produce(brokers, t.foreverIdle, records(100)), produce(brokers, t.boundedGrowing, records(50)),
    produce(brokers, t.staleSegment, [...records(20, (i) => now - 30 * 60_000 + i), ...records(1, () => now)]),
    produce(brokers, t.freshSegment, records(20, (i) => now - 10 * 60_000 + i)),
    // 55 min behind on a 1 h retention (92%), 70 min behind (117%), and records deleted unread.
    produce(brokers, t.lagNear, [...records(20, (i) => now - 55 * 60_000 + i), ...records(1, () => now)]),
    produce(brokers, t.lagOver, [...records(20, (i) => now - 70 * 60_000 + i), ...records(1, () => now)]),
    // A stopped group on a quiet topic: nothing newer than its unread records, which are 55 min old.
    produce(brokers, t.lagQuiet, records(20, (i) => now - 55 * 60_000 + i)),
    produce(brokers, t.lagLost, records(20)), produce(brokers, t.lagFine, records(20)),
    produce(brokers, t.unread, records(300)), produce(brokers, t.read, records(300)),
    produce(brokers, t.hugeCap, records(10)), produce(brokers, t.smallCap, records(10)),
  ])
  await admin.deleteRecords({ topics: [{ name: t.lagLost, partitions: [{ partition: 0, offset: 5n }] }] })
  await Promise.all([
    commitOffsets(brokers, group(t.lagNear), t.lagNear, { 0: 0 }),
    commitOffsets(brokers, group(t.lagOver), t.lagOver, { 0: 0 }),
    commitOffsets(brokers, group(t.lagQuiet), t.lagQuiet, { 0: 0 }),
    commitOffsets(brokers, group(t.lagLost), t.lagLost, { 0: 0 }),
    commitOffsets(brokers, group(t.lagFine), t.lagFine, { 0: 20 }),
    commitOffsets(brokers, group(t.read), t.read, { 0: 300 }),
  ])
  await sampleNowAndWait(cluster, deps.logs)
  await sleep(1_000)
  // Growth between the two samples: 3 MB into the forever topic (fills the log dir in days at this
  // rate), 100 KB into the bounded one; the idle forever topic stays as it is.
  // (in 500 KB requests: one batch must stay under the broker's 1 MB message.max.bytes)
  for (let i = 0; i < 6; i++) await produce(brokers, t.foreverGrowing, records(500))
  await produce(brokers, t.boundedGrowing, records(50))
  grownAt = Date.parse((await sampleNowAndWait(cluster, deps.logs)).sampledAt)
  expect((await latestSample(deps.logs, clusterId))?.notes).toEqual([])
  const response = await app.request(`/api/clusters/${clusterId}/storage/audit`, {
    method: 'POST', headers: { ...bearer(operatorToken), 'content-type': 'application/json' },
    body: JSON.stringify({ largeTopicBytes: 200_000, minSpanMs: 0, minSamples: 2 }),
  })
  expect(response.status).toBe(200)
  report = await response.json() as AuditReport
})

afterAll(async () => {
  await admin.deleteGroups({ groups: Object.values(t).map(group) }).catch(() => {})
  await admin.deleteTopics({ topics: Object.values(t) }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('retention audit rules', () => {
  it('infinite retention on a growing topic; quiet on an idle one and on a growing one with retention', () => {
    const [finding] = findingsFor(t.foreverGrowing, 'infinite-retention-growing')
    expect(finding).toMatchObject({ severity: 'warning', evidence: expect.objectContaining({ retentionMs: -1 }) })
    expect(finding?.evidence.growthBytesPerDay).toBeGreaterThan(1024 * 1024)
    expect(finding?.suggestion).toContain('retention.ms')
    expect(findingsFor(t.foreverIdle)).toEqual([])
    expect(findingsFor(t.boundedGrowing)).toEqual([])
  })

  it('data older than retention because the active segment does not roll; quiet when within retention', () => {
    const [finding] = findingsFor(t.staleSegment, 'retention-not-enforced')
    expect(finding?.severity).toBe('warning')
    expect(finding?.evidence).toMatchObject({ retentionMs: 60_000, segmentMs: 604_800_000 })
    expect(finding?.evidence.oldestAgeMs).toBeGreaterThanOrEqual(30 * 60_000)
    expect(finding?.message).toContain('segment.ms')
    expect(finding?.suggestion).toContain('segment.ms')
    expect(findingsFor(t.freshSegment)).toEqual([])
  })

  it('group lag in time approaching, exceeding retention, and records deleted unread; quiet for a group that keeps up', () => {
    const near = findingsFor(t.lagNear, 'consumer-lag-retention')
    expect(near).toEqual([expect.objectContaining({ severity: 'warning', group: group(t.lagNear) })])
    expect(near[0]?.evidence.share).toBeGreaterThanOrEqual(0.9)
    expect(near[0]?.evidence.share).toBeLessThan(1)
    // Judged by the unread records' age against the sample time, not by how far behind the newest record they are.
    const quiet = findingsFor(t.lagQuiet, 'consumer-lag-retention')
    expect(quiet).toEqual([expect.objectContaining({ severity: 'warning', group: group(t.lagQuiet) })])
    expect(quiet[0]?.evidence.oldestUnreadAgeMs).toBeGreaterThanOrEqual(55 * 60_000)
    expect(quiet[0]?.evidence.lagMs).toBeLessThan(1_000)
    const over = findingsFor(t.lagOver, 'consumer-lag-retention')
    expect(over).toEqual([expect.objectContaining({ severity: 'critical', group: group(t.lagOver) })])
    expect(over[0]?.evidence.lagMs).toBeGreaterThanOrEqual(70 * 60_000)
    const lost = findingsFor(t.lagLost, 'consumer-lag-retention')
    expect(lost).toEqual([expect.objectContaining({ severity: 'critical', evidence: expect.objectContaining({ deletedUnread: 5 }) })])
    expect(lost[0]?.message).toContain('lost 5 records')
    expect(findingsFor(t.lagFine)).toEqual([])
  })

  it('large topics no group reads; quiet for one that is read', () => {
    const [finding] = findingsFor(t.unread, 'large-unread-topic')
    expect(finding).toMatchObject({ severity: 'info', evidence: expect.objectContaining({ thresholdBytes: 200_000, messages: 300 }) })
    expect(findingsFor(t.read)).toEqual([])
  })

  it('retention.bytes × partitions × replicas above the disk; quiet for a cap that fits', () => {
    const [finding] = findingsFor(t.hugeCap, 'retention-bytes-over-disk')
    expect(finding?.severity).toBe('critical')
    expect(finding?.evidence.allowedBytes).toBe(10 ** 15)
    expect(finding?.evidence.diskTotalBytes).toBeLessThan(10 ** 15)
    expect(findingsFor(t.smallCap, 'retention-bytes-over-disk')).toEqual([])
    // 10 MiB per partition is less than one default segment (1 GiB): a cap that fits the disk, but empties the partition at every roll.
    expect(findingsFor(t.smallCap)).toEqual([expect.objectContaining({ rule: 'retention-too-small', severity: 'warning' })])
  })

  it('a log dir forecast to fill within 14 days; quiet when it does not grow', async () => {
    let fill = report.findings.filter((f) => f.rule === 'logdir-fill-forecast')
    // Other tests on the shared broker delete topics meanwhile, which can cancel this file's growth
    // in the log dir: then grow it again between two fresh samples and audit just those.
    for (let attempt = 0; attempt < 4 && fill.length === 0; attempt++) {
      const first = await sampleNowAndWait(cluster, deps.logs)
      for (let i = 0; i < 6; i++) await produce(brokers, t.foreverGrowing, records(500))
      const second = await sampleNowAndWait(cluster, deps.logs)
      const windowMs = Date.parse(second.sampledAt) - Date.parse(first.sampledAt) + 500
      fill = (await runAudit(deps.logs, clusterId, { windowMs, minSpanMs: 0, minSamples: 2 })).findings.filter((f) => f.rule === 'logdir-fill-forecast')
    }
    expect(fill).toEqual([expect.objectContaining({ broker: 1, evidence: expect.objectContaining({ withinDays: 14 }) })])
    expect(fill[0]?.evidence.daysUntilFull).toBeLessThan(14)
    // Healthy: two samples with nothing written in between (retried while other activity on the
    // shared broker changes the log dir), audited over just those two.
    let quiet: Finding[] | undefined
    for (let attempt = 0; attempt < 6 && !quiet; attempt++) {
      await sleep(1_200)
      const first = await sampleNowAndWait(cluster, deps.logs)
      const second = await sampleNowAndWait(cluster, deps.logs)
      const sample = (id: string, at: string) => ({ id, sampledAt: at }) as Parameters<typeof sampleRecords>[2]
      const [a, b] = await Promise.all([sampleRecords(deps.logs, clusterId, sample(first.sampleId, first.sampledAt), 'logdir'), sampleRecords(deps.logs, clusterId, sample(second.sampleId, second.sampledAt), 'logdir')])
      if (a[0]?.bytes !== b[0]?.bytes) continue
      const windowMs = Date.parse(second.sampledAt) - Date.parse(first.sampledAt) + 500
      quiet = (await runAudit(deps.logs, clusterId, { windowMs, minSpanMs: 0, minSamples: 2 })).findings.filter((f) => f.rule === 'logdir-fill-forecast')
    }
    expect(quiet).toEqual([])
  })
})

describe('stored reports, export', () => {
  it('keeps the report with the samples and serves the latest one, as JSON and CSV', async () => {
    const rows = await queryUntil(deps.logs, `{kind="storage",cluster=${JSON.stringify(clusterId)},record="finding"} auditId:=${JSON.stringify(report.id)}`, (r) => r.length === report.findings.length)
    expect(rows).toHaveLength(report.findings.length)
    // Searchable a moment after the insert: then it is the latest report of this cluster.
    const deadline = Date.now() + 15_000
    let stored = await latestAudit(deps.logs, clusterId)
    while (stored?.id !== report.id && Date.now() < deadline) {
      await sleep(250)
      stored = await latestAudit(deps.logs, clusterId)
    }
    expect(stored?.findings.map((f) => [f.rule, f.topic])).toEqual(report.findings.map((f) => [f.rule, f.topic]))
    const json = await app.request(`/api/clusters/${clusterId}/storage/audit?download=true`, { headers: bearer(viewerToken) })
    expect(json.status).toBe(200)
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename=".*retention-audit.*\.json"/)
    const latest = await json.json() as AuditReport
    expect(latest.id).toBe(report.id)
    const csv = await app.request(`/api/clusters/${clusterId}/storage/audit?format=csv`, { headers: bearer(viewerToken) })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe('generatedAt,severity,rule,topic,group,broker,logDir,message,evidence,suggestion')
    expect(lines).toHaveLength(latest.findings.length + 1)
  })

  it('running an audit needs the operator role; reading it does not', async () => {
    const denied = await app.request(`/api/clusters/${clusterId}/storage/audit`, { method: 'POST', headers: bearer(viewerToken) })
    expect(denied.status).toBe(403)
  })

  // Issue 11, row 12: a viewer's GET ran and stored an audit.
  it('GET never runs or stores an audit: fresh=true is refused, and a cluster without one answers 404', async () => {
    const fresh = await app.request(`/api/clusters/${clusterId}/storage/audit?fresh=true`, { headers: bearer(viewerToken) })
    expect(fresh.status).toBe(400)
    expect(await fresh.json()).toMatchObject({ code: 'INVALID_INPUT', detail: expect.stringContaining('POST') })
    const none = uniqueName('it-audit-none')
    const noneDeps = testDeps({ KAFKA_CLUSTER_ID: none })
    try {
      const response = await createApp(noneDeps).request(`/api/clusters/${none}/storage/audit`, { headers: bearer(viewerToken) })
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ code: 'STORAGE_NO_DATA', detail: expect.stringContaining('operator') })
      await sleep(1_500)
      expect(await latestAudit(deps.logs, none)).toBeNull()
    } finally {
      await noneDeps.close()
    }
  })
})

describe('TTL advice', () => {
  interface Advice { status: string; window: { start: string; end: string }; current: { retentionMs: number }; suggested: { retentionMs: number; retentionBytes: number | null }; change: { set: Record<string, string> } | null; reasoning: string[]; inputs: { slowestGroup: string; maxLagMs: number; lagNeedMs: number; diskMaxRetentionMs: number | null } }
  const advice = async (topic: string) => {
    const response = await app.request(`/api/clusters/${clusterId}/storage/topics/${topic}/ttl-advice?start=${grownAt - hour}&end=${grownAt + 1_000}`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    return response.json() as Promise<Advice>
  }

  it('raises retention to cover the slowest group × 2, with its reasoning', async () => {
    const a = await advice(t.lagNear)
    expect(a.status).toBe('raise')
    expect(a.inputs.slowestGroup).toBe(group(t.lagNear))
    expect(a.inputs.maxLagMs).toBeGreaterThanOrEqual(55 * 60_000)
    // 55 min × 2 = 110 min, rounded up to whole hours.
    expect(a.suggested.retentionMs).toBe(2 * hour)
    expect(a.change).toEqual({ set: { 'retention.ms': String(2 * hour) } })
    expect(a.reasoning.join(' ')).toContain(group(t.lagNear))
  })

  it('bounds infinite retention of a fast-growing topic by the disk budget', async () => {
    const a = await advice(t.foreverGrowing)
    expect(a.status).toBe('lower')
    expect(a.inputs.diskMaxRetentionMs).toBeGreaterThan(0)
    expect(a.suggested.retentionMs).toBeGreaterThanOrEqual(hour)
    expect(a.suggested.retentionMs).toBeLessThanOrEqual(Math.max(hour, a.inputs.diskMaxRetentionMs as number))
    expect(Object.keys(a.change?.set ?? {})).toEqual(['retention.ms', 'retention.bytes'])
    // In money too, at the default price ($0.10 per GB-month).
    expect(a.reasoning.join(' ')).toMatch(/(Saves|Costs) \$\d+\.\d\d\/month/)
    const cost = (a as unknown as { cost: { price: { perGbMonth: number }; currentPerMonth: number; suggestedPerMonth: number } }).cost
    expect(cost.price.perGbMonth).toBe(0.1)
    expect(cost.suggestedPerMonth).toBeGreaterThan(0)
  })

  it('applies the advice with IncrementalAlterConfigs (operator), leaving other overrides, audited', async () => {
    await admin.alterConfigs({ resources: [{ resourceType: 2, resourceName: t.lagNear, configs: [{ name: 'retention.ms', value: String(hour) }, { name: 'max.message.bytes', value: '500000' }] }] })
    const a = await advice(t.lagNear)
    const path = `/api/clusters/${clusterId}/storage/topics/${t.lagNear}/ttl-advice/apply`
    // The window the advice was computed over goes back with it, so the server recomputes the same advice.
    const body = JSON.stringify({ ...a.change, window: a.window })
    const denied = await app.request(path, { method: 'POST', headers: { ...bearer(viewerToken), 'content-type': 'application/json' }, body })
    expect(denied.status).toBe(403)
    const response = await app.request(path, { method: 'POST', headers: { ...bearer(operatorToken), 'content-type': 'application/json' }, body })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ before: { 'retention.ms': String(hour) }, after: { 'retention.ms': String(2 * hour) } })
    const [described] = await admin.describeConfigs({ resources: [{ resourceType: 2, resourceName: t.lagNear, configurationKeys: ['retention.ms', 'max.message.bytes'] }] })
    expect(Object.fromEntries(described?.configs.map((c) => [c.name, c.value]) ?? [])).toEqual({ 'retention.ms': String(2 * hour), 'max.message.bytes': '500000' })
    const audit = await queryUntil(deps.logs, `{kind="audit"} action:="topic.retention" target:=${JSON.stringify(t.lagNear)} outcome:=succeeded`, (r) => r.length > 0)
    expect(audit[0]).toMatchObject({ actor: 'olive', role: 'operator' })
    const bad = await app.request(path, { method: 'POST', headers: { ...bearer(operatorToken), 'content-type': 'application/json' }, body: JSON.stringify({ set: { 'cleanup.policy': 'compact' } }) })
    expect(bad.status).toBe(400)
  })

  // Issue 11, row 7: an operator could set any retention (retention.ms=1 wipes a topic).
  it('operators apply only the advice the server computes now; other values need admin (403 FORBIDDEN)', async () => {
    const path = `/api/clusters/${clusterId}/storage/topics/${t.foreverIdle}/ttl-advice/apply`
    const post = (token: string, body: unknown) => app.request(path, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const retention = async () => {
      const [described] = await admin.describeConfigs({ resources: [{ resourceType: 2, resourceName: t.foreverIdle, configurationKeys: ['retention.ms'] }] })
      return described?.configs.find((c) => c.name === 'retention.ms')?.value
    }
    const wipe = await post(operatorToken, { set: { 'retention.ms': '1' } })
    expect(wipe.status).toBe(403)
    expect(await wipe.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('admin') })
    // The advice itself with one value changed is just as foreign.
    const a = await advice(t.foreverIdle)
    if (a.change) {
      const [key] = Object.keys(a.change.set) as [string]
      const tampered = await post(operatorToken, { set: { ...a.change.set, [key]: '1' }, window: a.window })
      expect(tampered.status).toBe(403)
    }
    expect(await retention()).toBe('-1')
    const byAdmin = await post(adminToken, { set: { 'retention.ms': String(3 * hour) } })
    expect(byAdmin.status).toBe(200)
    expect(await retention()).toBe(String(3 * hour))
  })
})
