// Produce: POST …/topics/{t}/messages (operator on the topic), audited as `messages.produce` with
// where the records went and their sizes, never their contents. Every record is checked and
// encoded before any is sent (functions/core/messages/produce.ts).
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { intBetween, topicNameSchema } from '../../core/kafka/index.ts'
import { prepareProduce, produceEncoding, sendProduce } from '../../core/messages/produce.ts'
import type { ProduceRequest, ProduceResult } from '../../contract/index.ts'
import { audit, audited, auditRequest } from '../audit.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/access.ts'
import { parseInput, readJson } from '../validation.ts'

/** Records per request; the body cap (bodyLimits.bulk) bounds their bytes. */
export const maxProduceRecords = 1_000

const text = z.string()
const payload = z.nullable(z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('text'), data: text }),
  z.strictObject({ format: z.literal('json'), data: z.unknown() }),
  z.strictObject({ format: z.literal('base64'), data: text }),
  z.strictObject({
    format: z.literal('schema'),
    data: z.unknown(),
    subject: z.string().check(z.minLength(1, 'a subject is required'), z.maxLength(1_000)),
    version: z.optional(z.union([z.literal('latest'), intBetween(1, 1_000_000_000)])),
    messageType: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  }),
]))

const produceBody = z.strictObject({
  records: z.array(z.strictObject({
    key: z.optional(payload),
    value: z.optional(payload),
    headers: z.optional(z.array(z.strictObject({ key: z.string().check(z.maxLength(1_000)), value: text })).check(z.maxLength(100))),
    partition: z.optional(intBetween(0, 100_000)),
  })).check(z.minLength(1, 'give at least one record'), z.maxLength(maxProduceRecords, `at most ${maxProduceRecords} records per request`)),
  compression: z.optional(z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd'])),
})

export const produceRoutes = new Hono<AppEnv>()
  .post('/clusters/:cluster/topics/:topic/messages', audited('messages.produce'), requireRole('operator'), async (c) => {
    const { kafka, schemas } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const topic = parseInput(topicNameSchema, c.req.param('topic'), 'topic name')
    const body = parseInput(produceBody, await readJson(c.req.raw), 'produce request') satisfies ProduceRequest
    const plan = await prepareProduce(cluster, topic, body, produceEncoding(cluster.id, schemas.get(cluster.id)))
    const partitions = [...new Set(plan.records.map((r) => r.partition))].sort((a, b) => a - b)
    await auditRequest(c, {
      request: { records: plan.records.length, partitions, compression: plan.compression, bytes: plan.records.reduce((sum, r) => sum + r.bytes, 0) },
    })
    const result = await sendProduce(cluster, plan)
    await audit(c, { after: { records: result.records.map((r) => ({ partition: r.partition, offset: r.offset, size: r.keySize + r.size })) } })
    return c.json<ProduceResult>(result, 201)
  })
