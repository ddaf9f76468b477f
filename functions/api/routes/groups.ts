// Consumer groups and the offset manager.
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { groupDetail } from '../../core/groups/detail.ts'
import { listGroupSummaries } from '../../core/groups/list.ts'
import { topicConsumers } from '../../core/groups/topic-consumers.ts'
import { applyReset, planReset, planToCsv, resetStrategies } from '../../core/groups/offset-reset.ts'
import { intBetween, topicNameSchema } from '../../core/kafka/index.ts'
import { audit, audited, auditRequest } from '../audit.ts'
import type { GroupDetail, GroupPage, ResetRequest, ResetResult, TopicConsumerList } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { requireTopics, visibleTopics } from '../middleware/access.ts'
import { maxInt64, parseInput, parseInt64, readJson } from '../validation.ts'
import { parseDurationMs, parseInstantMs } from '../../core/time/parse.ts'

const groupIdSchema = z.string().check(z.minLength(1), z.maxLength(255))

// As the topic list's: without `limit` every group (the contract before paging).
const listQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(255))),
  limit: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,4}$/, 'must be a whole number')), z.pipe(z.transform(Number), intBetween(1, 1000)))),
  cursor: z.optional(z.string().check(z.maxLength(400), z.regex(/^[A-Za-z0-9_-]*$/, 'not a cursor from this API'))),
})

const resetBody = z.strictObject({
  strategy: z.enum(resetStrategies),
  value: z.optional(z.union([z.string().check(z.maxLength(64)), z.number()])),
  topics: z.optional(z.array(z.strictObject({
    topic: topicNameSchema,
    partitions: z.optional(z.array(intBetween(0, 100_000)).check(z.maxLength(100_000))),
  })).check(z.maxLength(10_000))),
  execute: z._default(z.boolean(), false),
})

/**
 * Checks the strategy's value before anything reaches the broker: times and durations through the
 * one parser (core/time), offsets within 64 bits and never negative (Kafka would read -1 and -2
 * as "latest" and "earliest"). A duration becomes the time it points at, never before 1970.
 */
function checkedValue<T extends { strategy: (typeof resetStrategies)[number]; value?: string | number | undefined }>(request: T): T {
  const { strategy, value } = request
  if (value === undefined) return request
  switch (strategy) {
    case 'timestamp': return { ...request, value: parseInstantMs(value, 'value') }
    case 'duration': return { ...request, strategy: 'timestamp', value: Math.max(0, Date.now() - parseDurationMs(value, 'value')) }
    case 'offset': return { ...request, value: parseInt64(value, 'value', 0n).toString() }
    case 'shift': return { ...request, value: parseInt64(value, 'value', -maxInt64).toString() }
    default: return request
  }
}

export const groupRoutes = new Hono<AppEnv>()
  // Groups are shown through their topics: with scoped roles, only those the principal may view.
  .get('/clusters/:cluster/groups', async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const query = parseInput(listQuery, c.req.query(), 'group list query')
    return c.json<GroupPage>(await listGroupSummaries(cluster, visibleTopics(c, cluster.id), query))
  })
  .get('/clusters/:cluster/groups/:group', async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    return c.json<GroupDetail>(await groupDetail(cluster, parseInput(groupIdSchema, c.req.param('group'), 'group id'), visibleTopics(c, cluster.id)))
  })
  // The groups reading a topic: needs the viewer role on that topic (requireRole reads :topic).
  .get('/clusters/:cluster/topics/:topic/groups', requireRole('viewer'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    return c.json<TopicConsumerList>(await topicConsumers(cluster, parseInput(topicNameSchema, c.req.param('topic'), 'topic name')))
  })
  .post('/clusters/:cluster/groups/:group/offsets/reset', audited('group.offsets.reset'), requireRole('operator', { someTopic: true }), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const groupId = parseInput(groupIdSchema, c.req.param('group'), 'group id')
    const request = parseInput(resetBody, await readJson(c.req.raw), 'offset reset') satisfies ResetRequest
    // The operator role on every topic the reset touches: those named, then those of the plan
    // (without names, the plan covers every topic the group has offsets on), dry runs included.
    requireTopics(c, cluster.id, (request.topics ?? []).map((t) => t.topic), 'operator')
    const { plan, warnings } = await planReset(cluster, groupId, checkedValue(request))
    requireTopics(c, cluster.id, plan.map((row) => row.topic), 'operator')
    if (request.execute) {
      await auditRequest(c, { request })
      await applyReset(cluster, groupId, plan)
      await audit(c, {
        before: plan.map(({ topic, partition, currentOffset }) => ({ topic, partition, offset: currentOffset })),
        after: { strategy: request.strategy, value: request.value ?? null, offsets: plan.map(({ topic, partition, newOffset }) => ({ topic, partition, offset: newOffset })) },
      })
    }
    if (c.req.query('format') === 'csv') {
      return c.body(planToCsv(plan), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${groupId.replace(/[^\w.-]/g, '_')}-reset-plan.csv"` })
    }
    return c.json<ResetResult>({ executed: request.execute, plan, warnings })
  })
