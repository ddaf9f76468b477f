import { Hono } from 'hono'
import * as z from 'zod/mini'
import { intBetween, topicConfigsSchema, topicNameSchema } from '../../core/kafka/index.ts'
import { createTopic } from '../../core/topics/admin.ts'
import { listTopics } from '../../core/topics/list.ts'
import { sampledTopicSizes } from '../../core/topics/sizes.ts'
import { checkTopicConfigRules } from '../../core/topics/config-rules.ts'
import { audit, audited, auditRequest } from '../audit.ts'
import type { NewTopic, TopicPage } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { requireTopics, visibleTopics } from '../middleware/access.ts'
import { toProblem } from '../problem.ts'
import { parseInput, readJson } from '../validation.ts'

const pick = ({ code, detail }: { code: string; detail: string }) => ({ code, detail })

const booleanFlag = z.pipe(z.enum(['true', 'false', '1', '0']), z.transform((v) => v === 'true' || v === '1'))

const listQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(249))),
  internal: z.optional(booleanFlag),
  limit: z._default(z.pipe(z.string().check(z.regex(/^\d{1,4}$/, 'must be a whole number')), z.pipe(z.transform(Number), intBetween(1, 1000))), 100),
  // A sorted list's cursor carries the last row's value and name (a name is up to 249 characters).
  cursor: z.optional(z.string().check(z.maxLength(1000), z.regex(/^[A-Za-z0-9_-]*$/, 'not a cursor from this API'))),
  sort: z._default(z.enum(['name', 'partitions', 'replicationFactor', 'messages', 'bytes']), 'name'),
  order: z._default(z.enum(['asc', 'desc']), 'asc'),
})

const createBody = z.strictObject({
  name: topicNameSchema,
  partitions: intBetween(1, 100_000),
  replicationFactor: intBetween(1, 32),
  configs: topicConfigsSchema,
})

export const topicRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/topics', async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const query = parseInput(listQuery, c.req.query(), 'topic list query')
    const { logs, logError } = c.var.deps
    return c.json<TopicPage>(await listTopics(cluster, {
      ...query,
      visible: visibleTopics(c, cluster.id),
      sizes: { read: sampledTopicSizes(logs, cluster.id), problem: (error) => pick(toProblem(error, logError)) },
    }))
  })
  .post('/clusters/:cluster/topics', audited('topic.create'), requireRole('admin', { someTopic: true }), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const topic = parseInput(createBody, await readJson(c.req.raw), 'topic') satisfies NewTopic
    requireTopics(c, cluster.id, [topic.name], 'admin')
    checkTopicConfigRules({ replicationFactor: topic.replicationFactor, configs: topic.configs })
    await auditRequest(c, { target: topic.name, request: topic })
    await createTopic(cluster, topic)
    await audit(c, { after: topic })
    return c.json<NewTopic>(topic, 201)
  })
