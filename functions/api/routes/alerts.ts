// Alerts: rules per cluster (operator changes them, audited; viewers read), a test send, and the
// history of what was sent. Webhook URLs are secrets: they are stored in full and leave only masked.
import { randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import * as z from 'zod/mini'
import { AppError, invalidInput } from '../../core/errors.ts'
import { notify } from '../../core/alerts/evaluate.ts'
import { maskUrl, webhookUrl, type StoredDestination, type StoredRule } from '../../core/alerts/model.ts'
import type { AlertHistory, AlertRule, AlertRuleInput, AlertRules, AlertTestResult } from '../../contract/index.ts'
import { audit, audited, auditRequest } from '../audit.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { parseInput, readJson } from '../validation.ts'

const dayMs = 86_400_000
const ruleId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'rule ids are letters, digits, - and _'))
const kinds = ['retention-audit', 'group-at-risk', 'disk-full', 'under-replicated', 'offline-partitions'] as const
const ruleBody = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  enabled: z.boolean(),
  kind: z.enum(kinds),
  threshold: z.number().check(z.gt(0), z.lte(100_000)),
  remindAfterMs: z.number().check(z.gte(60_000), z.lte(30 * dayMs)),
  destinations: z.array(z.strictObject({
    id: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
    kind: z.enum(['slack', 'teams', 'webhook', 'sns']),
    url: z.optional(z.string().check(z.maxLength(2_000))),
  })).check(z.minLength(1, 'a rule needs at least one destination'), z.maxLength(10)),
})
const historyQuery = z.object({ limit: z._default(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number)), 100) })

const clusterOf = (c: Context<AppEnv>) => c.var.deps.kafka.get(c.req.param('cluster') ?? '')
const ruleParam = (c: Context<AppEnv>) => parseInput(ruleId, c.req.param('id'), 'rule id')
const ruleNotFound = (id: string) => new AppError('ALERT_RULE_NOT_FOUND', `There is no alert rule '${id}' on this cluster.`, { status: 404 })

/** What the API and the audit trail show of a rule: webhook URLs masked. */
export function ruleView(rule: StoredRule): AlertRule {
  return { ...rule, destinations: rule.destinations.map((d) => ({ id: d.id, kind: d.kind, ...(d.url ? { maskedUrl: maskUrl(d.url) } : {}) })) }
}

/** The destinations to store: a new webhook needs its URL; an existing one (same id and kind) keeps its URL unless a new one is sent. */
function destinationsOf(input: AlertRuleInput['destinations'], before: StoredRule | undefined, snsAvailable: boolean): StoredDestination[] {
  return input.map((d): StoredDestination => {
    const id = d.id ?? randomUUID().slice(0, 8)
    if (d.kind === 'sns') {
      if (!snsAvailable) throw invalidInput('No SNS topic is configured here (KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN; on AWS the stack links its own).')
      return { id, kind: 'sns' }
    }
    const kept = before?.destinations.find((x) => x.id === d.id && x.kind !== 'sns')?.url
    const url = d.url ?? kept
    if (!url) throw invalidInput(`The ${d.kind} destination needs its webhook URL.`)
    return { id, kind: d.kind, url: webhookUrl(url).href }
  })
}

export const alertRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/alerts/rules', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    const { store, snsAvailable } = c.var.deps.alerts
    return c.json<AlertRules>({ rules: (await store.rules(cluster.id)).map(ruleView), snsAvailable, writable: store.writable })
  })
  .put('/clusters/:cluster/alerts/rules/:id', audited('alerts.rule.put'), requireRole('operator'), async (c) => {
    const cluster = clusterOf(c)
    const id = ruleParam(c)
    const input = parseInput(ruleBody, await readJson(c.req.raw), 'alert rule') satisfies AlertRuleInput
    const { store, snsAvailable } = c.var.deps.alerts
    const before = (await store.rules(cluster.id)).find((r) => r.id === id)
    const rule: StoredRule = {
      ...input, id, cluster: cluster.id, destinations: destinationsOf(input.destinations, before, snsAvailable),
      updatedAt: new Date().toISOString(), updatedBy: c.var.principal.name,
    }
    // The audit trail gets the masked rule, never a webhook URL.
    await auditRequest(c, { target: id, request: ruleView(rule) })
    await store.putRule(rule)
    await audit(c, { before: before ? ruleView(before) : null, after: ruleView(rule) })
    return c.json<AlertRule>(ruleView(rule))
  })
  .delete('/clusters/:cluster/alerts/rules/:id', audited('alerts.rule.delete'), requireRole('operator'), async (c) => {
    const cluster = clusterOf(c)
    const id = ruleParam(c)
    const { store } = c.var.deps.alerts
    const before = (await store.rules(cluster.id)).find((r) => r.id === id)
    if (!before) throw ruleNotFound(id)
    await auditRequest(c, { target: id })
    await store.deleteRule(cluster.id, id)
    await audit(c, { before: ruleView(before) })
    return c.body(null, 204)
  })
  .post('/clusters/:cluster/alerts/rules/:id/test', audited('alerts.rule.test'), requireRole('operator'), async (c) => {
    const cluster = clusterOf(c)
    const id = ruleParam(c)
    const { store, delivery } = c.var.deps.alerts
    const rule = (await store.rules(cluster.id)).find((r) => r.id === id)
    if (!rule) throw ruleNotFound(id)
    await auditRequest(c, { target: id })
    const at = new Date().toISOString()
    const entry = await notify(rule, {
      cluster: cluster.id, ruleId: rule.id, ruleName: rule.name, kind: rule.kind, status: 'test', severity: 'warning', key: 'test',
      summary: `Test message from Kafka Plus, sent by ${c.var.principal.name}: this destination receives the alerts of this rule.`, since: at, at,
    }, delivery)
    await store.addHistory(cluster.id, [entry])
    await audit(c, { after: { deliveries: entry.deliveries } })
    return c.json<AlertTestResult>({ entry })
  })
  .get('/clusters/:cluster/alerts/history', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    const { limit } = parseInput(historyQuery, c.req.query(), 'history query')
    return c.json<AlertHistory>({ items: await c.var.deps.alerts.store.history(cluster.id, Math.min(500, Math.max(1, limit))) })
  })
