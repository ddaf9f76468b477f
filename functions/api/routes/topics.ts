import { Hono } from 'hono'
import { z } from 'zod'
import { recordAudit } from '../../core/audit.ts'
import { createTopic, listTopics } from '../../core/kafka/index.ts'
import { topicConfigsSchema, topicNameSchema } from '../../core/kafka/validation.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/auth.ts'
import { parseInput, readJson } from '../validation.ts'

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

const listQuery = z.object({
  q: z.string().max(249).optional(),
  internal: booleanFlag.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(400).regex(/^[A-Za-z0-9_-]*$/, 'not a cursor from this API').optional(),
})

const createBody = z.object({
  name: topicNameSchema,
  partitions: z.number().int().min(1).max(100_000),
  replicationFactor: z.number().int().min(1).max(32),
  configs: topicConfigsSchema,
}).strict()

export const topicRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/topics', async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const query = parseInput(listQuery, c.req.query(), 'topic list query')
    return c.json(await listTopics(cluster, query))
  })
  .post('/clusters/:cluster/topics', requireRole('admin'), async (c) => {
    const { kafka, logs } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const topic = parseInput(createBody, await readJson(c.req.raw), 'topic')
    await createTopic(cluster, topic)
    await recordAudit(logs, { cluster: cluster.id, actor: c.var.principal, action: 'topic.create', target: topic.name, after: topic })
    return c.json(topic, 201)
  })
