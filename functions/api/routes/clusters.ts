import { Hono } from 'hono'
import type { AppEnv } from '../deps.ts'
import { visibleClusters } from '../middleware/access.ts'

export const clusterRoutes = new Hono<AppEnv>().get('/clusters', (c) =>
  c.json(visibleClusters(c, c.var.deps.config.clusters).map(({ id, name }) => ({ id, name }))),
)
