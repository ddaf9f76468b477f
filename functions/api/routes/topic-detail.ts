// One topic: detail, and the admin actions on it (each audited, destructive ones confirmed).
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { AppError, invalidInput } from '../../core/errors.ts'
import { configNameSchema, intBetween, topicConfigsSchema, topicNameSchema } from '../../core/kafka/index.ts'
import { addPartitions, deleteTopic, purgeTopic } from '../../core/topics/admin.ts'
import { alterTopicConfigs, auditedConfigs, topicConfigs } from '../../core/topics/configs.ts'
import { topicDetail } from '../../core/topics/detail.ts'
import { checkTopicConfigRules } from '../../core/topics/config-rules.ts'
import { audit, audited, auditRequest } from '../audit.ts'
import type { ConfigChange, ConfigChangeResult, PartitionCountChange, PartitionCountResult, PurgeRequest, PurgeResult, TopicDetail } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { parseInput, readJson } from '../validation.ts'

const configChange = z.strictObject({
  set: topicConfigsSchema,
  delete: z._default(z.array(configNameSchema).check(z.maxLength(100)), []),
})
const partitionsBody = z.strictObject({ count: intBetween(1, 100_000) })
const purgeBody = z.strictObject({ confirm: z.string(), partitions: z.optional(z.array(intBetween(0, 100_000)).check(z.maxLength(100_000))) })

/** Destructive actions name the topic again; a mismatch changes nothing. */
function requireConfirmation(topic: string, confirm: string | undefined) {
  if (confirm !== topic) {
    throw new AppError('CONFIRMATION_REQUIRED', `Confirm by repeating the topic name: confirm=${topic}.`, { status: 400 })
  }
}

export const topicDetailRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/topics/:topic', requireRole('viewer'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    return c.json<TopicDetail>(await topicDetail(cluster, parseInput(topicNameSchema, c.req.param('topic'), 'topic name')))
  })
  .delete('/clusters/:cluster/topics/:topic', audited('topic.delete'), requireRole('admin'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    requireConfirmation(topic, c.req.query('confirm'))
    await auditRequest(c)
    const before = await deleteTopic(cluster, topic)
    await audit(c, { before })
    return c.body(null, 204)
  })
  .patch('/clusters/:cluster/topics/:topic/configs', audited('topic.configs'), requireRole('admin'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const change = parseInput(configChange, await readJson(c.req.raw), 'config change') satisfies ConfigChange
    const clash = change.delete.filter((name) => name in change.set)
    if (clash.length > 0) throw invalidInput(`delete: ${clash.join(', ')} cannot be set and deleted at once.`)
    if (Object.keys(change.set).length + change.delete.length === 0) throw invalidInput('Nothing to change: give set or delete.')
    if ('min.insync.replicas' in change.set) {
      const { partitions } = await topicDetail(cluster, topic)
      checkTopicConfigRules({ replicationFactor: Math.min(...partitions.map((p) => p.replicas.length)), configs: change.set })
    }
    const before = await topicConfigs(cluster, topic)
    await auditRequest(c, { request: change })
    await alterTopicConfigs(cluster, topic, change.set, change.delete)
    const after = await topicConfigs(cluster, topic)
    const touched = [...Object.keys(change.set), ...change.delete]
    await audit(c, { before: auditedConfigs(before, touched), after: auditedConfigs(after, touched) })
    return c.json<ConfigChangeResult>({ configs: after })
  })
  .post('/clusters/:cluster/topics/:topic/partitions', audited('topic.partitions'), requireRole('admin'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const { count } = parseInput(partitionsBody, await readJson(c.req.raw), 'partition change') satisfies PartitionCountChange
    await auditRequest(c, { request: { count } })
    const { before, after } = await addPartitions(cluster, topic, count)
    await audit(c, { before: { partitions: before }, after: { partitions: after } })
    return c.json<PartitionCountResult>({ partitions: after })
  })
  .post('/clusters/:cluster/topics/:topic/purge', audited('topic.purge'), requireRole('admin'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const body = parseInput(purgeBody, await readJson(c.req.raw), 'purge') satisfies PurgeRequest
    requireConfirmation(topic, body.confirm)
    await auditRequest(c, { request: { partitions: body.partitions ?? 'all' } })
    const partitions = await purgeTopic(cluster, topic, body.partitions)
    await audit(c, { after: { partitions } })
    return c.json<PurgeResult>({ partitions })
  })
