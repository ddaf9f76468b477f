// Cluster panorama and the audit trail.
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { readAuditTrail } from '../../core/audit.ts'
import { clusterOverview } from '../../core/cluster/overview.ts'
import type { AuditPage, ClusterOverview } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/access.ts'
import { parseInput } from '../validation.ts'

const auditQuery = z.object({
  target: z.optional(z.string().check(z.maxLength(249))),
  limit: z._default(z.pipe(z.string().check(z.regex(/^\d{1,4}$/, 'must be a whole number')), z.pipe(z.transform(Number), z.number().check(z.gte(1), z.lte(1000)))), 100),
})

export const clusterDetailRoutes = new Hono<AppEnv>()
  .get('/clusters/:cluster/overview', requireRole('viewer'), async (c) => c.json<ClusterOverview>(await clusterOverview(c.var.deps.kafka.get(c.req.param('cluster')))))
  .get('/clusters/:cluster/audit', requireRole('viewer'), async (c) => {
    const cluster = c.var.deps.kafka.get(c.req.param('cluster'))
    const query = parseInput(auditQuery, c.req.query(), 'audit query')
    return c.json<AuditPage>(await readAuditTrail(c.var.deps.logs, c.var.deps.config.auditKey, cluster.id, query))
  })
