// The schema browser: a cluster's registry subjects, versions, schema texts, compatibility levels
// and the topics that use them. The viewer role on the cluster as a whole: subjects name topics
// (and under other naming strategies cannot be traced to one), so a topic-scoped grant is not enough.
import { Hono } from 'hono'
import * as z from 'zod/mini'
import type { KafkaCluster } from '../../core/kafka/index.ts'
import { schemaOverview, subjectDetail, versionDetail } from '../../core/schemas/browser.ts'
import type { SchemaOverview, SchemaOwner, SchemaVersionDetail, SubjectDetail } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/access.ts'
import { parseInput } from '../validation.ts'

const subjectSchema = z.string().check(z.minLength(1, 'a subject is required'), z.maxLength(1_000, 'subjects have at most 1,000 characters'))
const versionSchema = z.union([
  z.literal('latest'),
  z.pipe(z.string().check(z.regex(/^[1-9]\d{0,8}$/, "a version is a positive whole number or 'latest'")), z.transform(Number)),
])
// A Confluent schema id, or a Glue schema version UUID.
const schemaIdSchema = z.string().check(z.regex(/^(\d{1,10}|[0-9a-fA-F-]{36})$/, 'a schema id is a whole number or a schema version UUID'))
const listQuery = z.object({ q: z.optional(z.string().check(z.maxLength(200))) })

/** The cluster's topic names, for "used by"; the registry stays browsable while Kafka is down. */
async function topicNames(cluster: KafkaCluster): Promise<ReadonlySet<string> | undefined> {
  try {
    return new Set((await cluster.metadata()).topics.map((t) => t.name))
  } catch {
    return undefined
  }
}

export const schemaRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/schemas', requireRole('viewer'), async (c) => {
    const { kafka, schemas } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const registry = schemas.require(cluster.id)
    const { q } = parseInput(listQuery, c.req.query(), 'schema list query')
    return c.json<SchemaOverview>(await schemaOverview(registry, await topicNames(cluster), q))
  })
  .get('/clusters/:cluster/schemas/subjects/:subject', requireRole('viewer'), async (c) => {
    const { kafka, schemas } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const registry = schemas.require(cluster.id)
    const subject = parseInput(subjectSchema, c.req.param('subject'), 'subject')
    return c.json<SubjectDetail>(await subjectDetail(registry, subject, await topicNames(cluster)))
  })
  .get('/clusters/:cluster/schemas/subjects/:subject/versions/:version', requireRole('viewer'), async (c) => {
    const { kafka, schemas } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const registry = schemas.require(cluster.id)
    const subject = parseInput(subjectSchema, c.req.param('subject'), 'subject')
    const version = parseInput(versionSchema, c.req.param('version'), 'version')
    return c.json<SchemaVersionDetail>(await versionDetail(registry, subject, version, await topicNames(cluster)))
  })
  // Indexed records carry only the schema id (or Glue version UUID): search's detail names the schema through this.
  .get('/clusters/:cluster/schemas/ids/:id', requireRole('viewer'), async (c) => {
    const { kafka, schemas } = c.var.deps
    const cluster = kafka.get(c.req.param('cluster'))
    const registry = schemas.require(cluster.id)
    const id = parseInput(schemaIdSchema, c.req.param('id'), 'schema id')
    return c.json<SchemaOwner>({ id, ...await registry.catalog.owner(id) })
  })
