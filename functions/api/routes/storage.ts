// Storage deep analysis: ranking, broker disks, growth curves with forecasts, topic layout,
// retention audit, TTL advice, and "sample now".
import { Hono, type Context } from 'hono'
import * as z from 'zod/mini'
import { AppError, forbidden, invalidInput } from '../../core/errors.ts'
import { topicNameSchema } from '../../core/kafka/index.ts'
import { alterTopicConfigs, topicConfigs } from '../../core/topics/configs.ts'
import { auditCsv, latestAudit, runAudit, storeAudit } from '../../core/storage/audit.ts'
import { auditDefaults } from '../../core/storage/audit-rules.ts'
import { brokerHistory, brokerStorage, topicHistory, type Window } from '../../core/storage/history.ts'
import { topicLayout } from '../../core/storage/layout.ts'
import { topicRanking } from '../../core/storage/ranking.ts'
import { defaultTtlOptions, ttlAdvice } from '../../core/storage/ttl-advice.ts'
import { parseInstantMs } from '../../core/time/parse.ts'
import { audit, audited, auditRequest } from '../audit.ts'
import type {
  AuditOptions, AuditReport, BrokerHistory, BrokerStorage, RetentionChange, RetentionChangeResult, SampleNowAccepted, StoragePrice, TopicHistory, TopicLayout,
  TopicRanking, TtlAdvice,
} from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { accessOf, roleOnTopic, visibleTopics } from '../middleware/access.ts'
import { parseInput, readJson } from '../validation.ts'

const dayMs = 86_400_000
const flag = z.optional(z.enum(['true', 'false']))
const wholeNumber = (min: number, max: number) => z.pipe(z.string().check(z.regex(/^\d{1,9}$/, 'must be a whole number')), z.pipe(z.transform(Number), z.number().check(z.gte(min), z.lte(max))))
const decimal = (min: number, max: number) => z.pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/, 'must be a number')), z.pipe(z.transform(Number), z.number().check(z.gte(min), z.lte(max))))
const timeInput = z.optional(z.string().check(z.maxLength(40)))

const rankingQuery = z.object({
  sort: z._default(z.enum(['bytes', 'leaderBytes', 'messages']), 'bytes'),
  internal: flag,
  q: z.optional(z.string().check(z.maxLength(249))),
  limit: z._default(wholeNumber(1, 100_000), 1_000),
})
const windowQuery = z.object({ start: timeInput, end: timeInput })
const ttlQuery = z.object({ start: timeInput, end: timeInput, safetyFactor: z.optional(decimal(1, 100)), budgetShare: z.optional(decimal(0.01, 1)) })
const auditQuery = z.object({ format: z._default(z.enum(['json', 'csv']), 'json'), download: flag, fresh: flag })
const auditBody = z._default(z.strictObject({
  fillWithinDays: z.optional(z.number().check(z.gt(0), z.lte(3650))),
  lagShare: z.optional(z.number().check(z.gt(0), z.lte(10))),
  largeTopicBytes: z.optional(z.number().check(z.gte(0))),
  windowMs: z.optional(z.number().check(z.gte(60_000), z.lte(400 * dayMs))),
  minSpanMs: z.optional(z.number().check(z.gte(0), z.lte(30 * dayMs))),
  minGrowthBytesPerDay: z.optional(z.number().check(z.gte(0))),
  minSamples: z.optional(z.number().check(z.gte(2), z.lte(100_000))),
  minRetentionMs: z.optional(z.number().check(z.gte(0), z.lte(30 * dayMs))),
}), {})
const retentionValue = z.string().check(z.regex(/^(-1|\d{1,19})$/, 'must be -1 or a whole number'))
const applyBody = z.strictObject({
  set: z.strictObject({ 'retention.ms': z.optional(retentionValue), 'retention.bytes': z.optional(retentionValue) }),
  // The inputs the advice was shown for (its `window` and `inputs`), so the same advice is recomputed.
  window: z.optional(z.strictObject({ start: timeInput, end: timeInput })),
  safetyFactor: z.optional(z.number().check(z.gte(1), z.lte(100))),
  budgetShare: z.optional(z.number().check(z.gte(0.01), z.lte(1))),
})

/** Same keys, same values. */
const sameChange = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

/** RFC 3339 or epoch milliseconds. */
function parseTime(value: string | undefined, fallback: Date, name: string): Date {
  if (value === undefined || value === '') return fallback
  return new Date(parseInstantMs(value, name))
}

function windowOf(query: { start?: string | undefined; end?: string | undefined }, defaultSpanMs = 7 * dayMs): Window {
  const end = parseTime(query.end, new Date(), 'end')
  const start = parseTime(query.start, new Date(end.getTime() - defaultSpanMs), 'start')
  if (start >= end) throw invalidInput('start must be before end.')
  if (end.getTime() - start.getTime() > 400 * dayMs) throw invalidInput('The window is at most 400 days.')
  return { start, end }
}

/** How much history a forecast needs, as configured (config.storage). */
const historyNeed = (c: Context<AppEnv>) => ({ minSpanMs: c.var.deps.config.storage.forecastMinSpanMs, minSamples: c.var.deps.config.storage.forecastMinSamples })

const storageSettings = (c: Context<AppEnv>) => ({ need: historyNeed(c), price: c.var.deps.config.storage.price })

const topicParam = (c: Context<AppEnv>) => parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
const clusterOf = (c: Context<AppEnv>) => c.var.deps.kafka.get(c.req.param('cluster') ?? '')

export const storageRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/storage/topics', async (c) => {
    const cluster = clusterOf(c)
    const query = parseInput(rankingQuery, c.req.query(), 'ranking query')
    const ranking = await topicRanking(c.var.deps.logs, cluster.id, {
      sort: query.sort, internal: query.internal !== 'false', limit: query.limit, ...(query.q ? { q: query.q } : {}), visible: visibleTopics(c, cluster.id),
      currentTopics: async () => new Set((await cluster.metadata()).topics.map((t) => t.name)),
    })
    return c.json<TopicRanking>({ ...ranking, price: c.var.deps.config.storage.price })
  })
  // The price costs are figured at (no topic data: anyone who sees the cluster may read it).
  .get('/clusters/:cluster/storage/price', (c) => {
    clusterOf(c)
    return c.json<StoragePrice>(c.var.deps.config.storage.price)
  })
  .get('/clusters/:cluster/storage/brokers', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    const storage = await brokerStorage(c.var.deps.logs, cluster.id, windowOf(parseInput(windowQuery, c.req.query(), 'window')), historyNeed(c))
    return c.json<BrokerStorage>({ ...storage, price: c.var.deps.config.storage.price })
  })
  .get('/clusters/:cluster/storage/brokers/:broker/history', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    const broker = parseInput(wholeNumber(0, 2 ** 31 - 1), c.req.param('broker'), 'broker id')
    return c.json<BrokerHistory>(await brokerHistory(c.var.deps.logs, cluster.id, broker, windowOf(parseInput(windowQuery, c.req.query(), 'window')), historyNeed(c)))
  })
  .post('/clusters/:cluster/storage/sample', requireRole('operator'), async (c) => {
    const cluster = clusterOf(c)
    const result = await c.var.deps.sampleNow(cluster.id)
    return c.json<SampleNowAccepted>({ cluster: cluster.id, ...result }, 202)
  })
  .get('/clusters/:cluster/storage/topics/:topic/history', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    return c.json<TopicHistory>(await topicHistory(c.var.deps.logs, cluster.id, topicParam(c), windowOf(parseInput(windowQuery, c.req.query(), 'window')), historyNeed(c)))
  })
  .get('/clusters/:cluster/storage/topics/:topic/layout', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    return c.json<TopicLayout>(await topicLayout(c.var.deps.logs, cluster.id, topicParam(c)))
  })
  .get('/clusters/:cluster/storage/topics/:topic/ttl-advice', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    const query = parseInput(ttlQuery, c.req.query(), 'TTL advice query')
    const options = { safetyFactor: query.safetyFactor ?? defaultTtlOptions.safetyFactor, budgetShare: query.budgetShare ?? defaultTtlOptions.budgetShare }
    return c.json<TtlAdvice>(await ttlAdvice(c.var.deps.logs, cluster.id, topicParam(c), windowOf(query), options, storageSettings(c)))
  })
  .post('/clusters/:cluster/storage/topics/:topic/ttl-advice/apply', audited('topic.retention'), requireRole('operator'), async (c) => {
    const cluster = clusterOf(c)
    const topic = topicParam(c)
    const { set, window, safetyFactor, budgetShare } = parseInput(applyBody, await readJson(c.req.raw), 'retention change') satisfies RetentionChange
    const change = Object.fromEntries(Object.entries(set).filter((e): e is [string, string] => e[1] !== undefined))
    if (Object.keys(change).length === 0) throw invalidInput('Nothing to change: set retention.ms and/or retention.bytes.')
    // Operators may apply the advice as the server computes it now; any other value is an admin's call.
    if (!accessOf(c).can('admin', roleOnTopic(c, cluster.id, topic))) {
      const options = { safetyFactor: safetyFactor ?? defaultTtlOptions.safetyFactor, budgetShare: budgetShare ?? defaultTtlOptions.budgetShare }
      const advice = await ttlAdvice(c.var.deps.logs, cluster.id, topic, windowOf(window ?? {}), options, storageSettings(c))
      if (!advice.change || !sameChange(change, advice.change.set)) {
        const advised = advice.change ? Object.entries(advice.change.set).map(([k, v]) => `${k}=${v}`).join(', ') : 'no change'
        throw forbidden(`Operators apply only the current advice (${advised}); other retention values need the admin role.`)
      }
    }
    const pick = (entries: Awaited<ReturnType<typeof topicConfigs>>) =>
      Object.fromEntries(entries.filter((e) => e.name === 'retention.ms' || e.name === 'retention.bytes').map((e) => [e.name, e.value]))
    const before = await topicConfigs(cluster, topic)
    await auditRequest(c, { request: { set: change } })
    // Only the retention keys, incrementally: every other override of the topic stays as it is.
    await alterTopicConfigs(cluster, topic, change, [])
    const after = await topicConfigs(cluster, topic)
    await audit(c, { before: pick(before), after: pick(after) })
    return c.json<RetentionChangeResult>({ topic, applied: change, before: pick(before), after: pick(after) })
  })
  .get('/clusters/:cluster/storage/audit', requireRole('viewer'), async (c) => {
    const cluster = clusterOf(c)
    const query = parseInput(auditQuery, c.req.query(), 'audit query')
    // Reading never runs or stores an audit: that is the operator's POST (or the daily job).
    if (query.fresh === 'true') throw invalidInput(`fresh: a GET only reads the latest audit; run one with POST /api/clusters/${cluster.id}/storage/audit (operator role).`)
    const report = await latestAudit(c.var.deps.logs, cluster.id)
    if (!report) {
      throw new AppError('STORAGE_NO_DATA', `No retention audit is stored for cluster '${cluster.id}' yet: one runs daily, or an operator runs one now.`, { status: 404 })
    }
    const name = `${cluster.id}-retention-audit-${report.generatedAt.slice(0, 19).replace(/[:T]/g, '-')}`
    if (query.format === 'csv') {
      return c.body(auditCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` })
    }
    if (query.download === 'true') c.header('content-disposition', `attachment; filename="${name}.json"`)
    return c.json<AuditReport>(report)
  })
  .post('/clusters/:cluster/storage/audit', requireRole('operator'), async (c) => {
    const cluster = clusterOf(c)
    const text = await c.req.text()
    let body: unknown
    try {
      body = text.trim() ? JSON.parse(text) : undefined
    } catch {
      throw invalidInput('The request body must be valid JSON.')
    }
    const options = parseInput(auditBody, body, 'audit options') satisfies Partial<AuditOptions>
    const report = await runAudit(c.var.deps.logs, cluster.id, { ...auditDefaults(c.var.deps.config.storage), ...options })
    await storeAudit(c.var.deps.logs, report)
    return c.json<AuditReport>(report)
  })
