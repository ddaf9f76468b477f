// Alerts end to end on the real stack: rules saved through the API (operator, audited, URLs
// masked), evaluated by the sampler path after a real sample (runAlertJob, as the sampler Lambda
// and local mode call it), delivered to a real HTTP receiver started here (Slack, Teams and
// generic payloads) and to SNS through the SDK client faked; deduplicated; test send; history.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PublishCommand } from '@aws-sdk/client-sns'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AlertDelivery } from '../core/alerts/deliver.ts'
import { runAlertJob } from '../core/alerts/evaluate.ts'
import { sampleThenAlert } from '../core/alerts/job.ts'
import type { AlertHistory, AlertRules, AlertTestResult } from '../contract/index.ts'
import { sleep } from '../testing/storage.ts'
import { Admin } from '../testing/kafka.ts'
import { bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

interface Received { path: string; body: Record<string, unknown> }

const received: Received[] = []
let flakyCalls = 0
const receiver: Server = createServer((req: IncomingMessage, res) => {
  let text = ''
  req.on('data', (chunk: Buffer) => { text += chunk.toString() })
  req.on('end', () => {
    const path = req.url ?? ''
    if (path === '/hang') return // never answers: the sender's deadline must end it
    if (path === '/flaky' && flakyCalls++ === 0) return void res.writeHead(503).end()
    if (path === '/gone') return void res.writeHead(404).end()
    received.push({ path, body: JSON.parse(text) as Record<string, unknown> })
    res.writeHead(200).end('ok')
  })
})
const published: PublishCommand[] = []
const snsClient = { send: (command: PublishCommand) => { published.push(command); return Promise.resolve({}) } }

const clusterId = uniqueName('it-alerts')
const topicArn = 'arn:aws:sns:us-east-1:123456789012:kafka-plus-test-AlertsTopic'
const deps = testDeps({
  KAFKA_CLUSTER_ID: clusterId, KAFKA_PLUS_ALERTS_STORE: 'memory', KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN: topicArn,
  KAFKA_PLUS_ALERTS_WEBHOOK_TIMEOUT_MS: '1000', KAFKA_PLUS_ALERTS_WEBHOOK_ATTEMPTS: '3',
}, { snsClient })
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'alerts-test', bootstrapBrokers: brokers })
const instant = uniqueName('it-al-instant')
const secret = `T0${Date.now().toString(36)}SECRETPATH`
let base = ''
const ctx = () => ({ ...deps.alerts, logs: deps.logs, storage: deps.config.storage })
const mine = () => received.filter((r) => JSON.stringify(r.body).includes(instant))

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  app.request(`/api/clusters/${clusterId}/alerts/${path}`, { ...init, headers: { ...bearer(init.token ?? operatorToken), 'content-type': 'application/json' } })

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  await admin.createTopics({ topics: [instant], partitions: 1, replicas: 1, configs: [{ name: 'retention.ms', value: '1' }] })
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [instant] }).catch(() => {})
  await admin.close()
  await deps.close()
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
})

// Built when used: the receiver's port is known only after beforeAll.
const rule = () => ({
  name: 'Critical retention', enabled: true, kind: 'retention-audit', threshold: 2, remindAfterMs: 3_600_000,
  destinations: [
    { id: 'slack', kind: 'slack', url: `${base}/slack/${secret}` },
    { id: 'teams', kind: 'teams', url: `${base}/teams/${secret}` },
    { id: 'json', kind: 'webhook', url: `${base}/generic/${secret}` },
    { id: 'sns', kind: 'sns' },
  ],
})

describe('alert rules through the API', () => {
  it('operators save rules (audited), viewers read them with webhook URLs masked', async () => {
    const body = JSON.stringify(rule())
    expect((await api('rules/retention', { method: 'PUT', body, token: viewerToken })).status).toBe(403)
    const saved = await api('rules/retention', { method: 'PUT', body })
    expect(saved.status).toBe(200)
    const view = await api('rules', { token: viewerToken })
    const text = await view.text()
    expect(text).not.toContain(secret)
    const rules = JSON.parse(text) as AlertRules
    expect(rules).toMatchObject({ snsAvailable: true, writable: true })
    expect(rules.rules[0]?.destinations).toEqual([
      { id: 'slack', kind: 'slack', maskedUrl: `${base}/…PATH` },
      { id: 'teams', kind: 'teams', maskedUrl: `${base}/…PATH` },
      { id: 'json', kind: 'webhook', maskedUrl: `${base}/…PATH` },
      { id: 'sns', kind: 'sns' },
    ])
    // Saving again without the URLs keeps them (the client never had them).
    const again = await api('rules/retention', { method: 'PUT', body: JSON.stringify({ ...rule(), destinations: rule().destinations.map(({ id, kind }) => ({ id, kind })) }) })
    expect(again.status).toBe(200)
    // The audit trail has the change, without the secret.
    // (VictoriaLogs makes a record searchable within seconds; a fresh, loaded CI machine took over 10 s.)
    let trailText = ''
    await expect.poll(async () => {
      trailText = await (await app.request(`/api/clusters/${clusterId}/audit?limit=50`, { headers: bearer(viewerToken) })).text()
      return trailText
    }, { timeout: 30_000, interval: 500 }).toContain('alerts.rule.put')
    expect(trailText).not.toContain(secret)
  })

  it('refuses webhooks that are not http(s), and a rule without destinations', async () => {
    const bad = await api('rules/bad', { method: 'PUT', body: JSON.stringify({ ...rule(), destinations: [{ kind: 'webhook', url: 'file:///etc/passwd' }] }) })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { detail: string }).detail).toContain('http(s)')
    expect((await api('rules/bad', { method: 'PUT', body: JSON.stringify({ ...rule(), destinations: [] }) })).status).toBe(400)
  })
})

describe('evaluation by the sampler path', () => {
  it('one message per destination when the condition starts: Slack text, Teams card, generic JSON, SNS', async () => {
    // As the sampler Lambda and local mode's timer run it: sample, then evaluate.
    const { runs, alerts } = await sampleThenAlert(deps.kafka, ctx(), [clusterId])
    expect(runs).toEqual([expect.objectContaining({ cluster: clusterId, ok: true })])
    expect(alerts).toEqual([expect.objectContaining({ cluster: clusterId, ok: true, rules: 1, sent: 1 })])
    const got = mine()
    expect(got.map((r) => r.path.split('/')[1]).sort()).toEqual(['generic', 'slack', 'teams'])
    const slack = got.find((r) => r.path.startsWith('/slack/'))?.body
    expect(Object.keys(slack ?? {})).toEqual(['text'])
    expect(slack?.text).toMatch(/^\*\[FIRING · critical\]\* Critical retention on `it-alerts-/)
    expect(slack?.text).toContain(`${instant} has retention.ms=1`)
    const teams = got.find((r) => r.path.startsWith('/teams/'))?.body
    expect(teams).toMatchObject({ '@type': 'MessageCard', themeColor: 'D92D20', title: '[FIRING] Critical retention (' + clusterId + ')' })
    const generic = got.find((r) => r.path.startsWith('/generic/'))?.body
    expect(generic).toMatchObject({ source: 'kafka-plus', status: 'firing', severity: 'critical', cluster: clusterId, ruleId: 'retention' })
    const sns = published.filter((p) => (p.input.Message ?? '').includes(instant))
    expect(sns).toHaveLength(1)
    expect(sns[0]?.input).toMatchObject({ TopicArn: topicArn, Subject: `[FIRING] Critical retention (${clusterId})` })
  })

  it('nothing more while it lasts (dedupe), one message each when it clears', async () => {
    const before = mine().length
    await runAlertJob(deps.kafka, ctx(), [clusterId])
    expect(mine().length).toBe(before)
    await admin.alterConfigs({ resources: [{ resourceType: 2, resourceName: instant, configs: [{ name: 'retention.ms', value: '3600000' }] }] })
    await sleep(200)
    await sampleThenAlert(deps.kafka, ctx(), [clusterId])
    const resolved = mine().slice(before)
    expect(resolved.map((r) => r.path.split('/')[1]).sort()).toEqual(['generic', 'slack', 'teams'])
    expect(resolved.find((r) => r.path.startsWith('/generic/'))?.body).toMatchObject({ status: 'resolved' })
    expect(resolved.find((r) => r.path.startsWith('/slack/'))?.body.text).toMatch(/^\*\[RESOLVED · critical\]\*/)
  })

  it('keeps the history with each delivery result; a test send goes to every destination', async () => {
    const test = await api('rules/retention/test', { method: 'POST' })
    expect(test.status).toBe(200)
    const { entry } = await test.json() as AlertTestResult
    expect(entry.status).toBe('test')
    expect(entry.deliveries.map((d) => [d.destinationId, d.ok])).toEqual([['slack', true], ['teams', true], ['json', true], ['sns', true]])
    const history = await (await api('history', { token: viewerToken })).json() as AlertHistory
    const statuses = history.items.filter((i) => i.key === 'test' || i.summary.includes(instant)).map((i) => i.status)
    expect(statuses).toEqual(['test', 'resolved', 'firing'])
    expect(JSON.stringify(history)).not.toContain(secret)
  })
})

describe('webhook delivery', () => {
  const n = { cluster: 'c', ruleId: 'r', ruleName: 'R', kind: 'disk-full', status: 'firing', severity: 'warning', key: 'k', summary: 's', since: '', at: '' } as const

  it('retries a 5xx and succeeds; gives up on a 4xx at once; a receiver that never answers times out after the bounded attempts', async () => {
    const delivery = new AlertDelivery({ timeoutMs: 300, attempts: 3, backoffMs: 10 })
    try {
      expect(await delivery.deliver({ id: 'f', kind: 'webhook', url: `${base}/flaky` }, n)).toMatchObject({ ok: true, status: 200, attempts: 2 })
      expect(await delivery.deliver({ id: 'g', kind: 'webhook', url: `${base}/gone` }, n)).toMatchObject({ ok: false, status: 404, attempts: 1, error: 'HTTP 404' })
      const started = Date.now()
      expect(await delivery.deliver({ id: 'h', kind: 'webhook', url: `${base}/hang` }, n)).toMatchObject({ ok: false, attempts: 3, error: 'timeout' })
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(await delivery.deliver({ id: 'x', kind: 'webhook', url: 'ftp://example.com/x' }, n)).toMatchObject({ ok: false, attempts: 0 })
    } finally {
      await delivery.close()
    }
  })
})
