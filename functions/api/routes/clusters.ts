import { Hono } from 'hono'
import type { Cluster } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { visibleClusters } from '../middleware/access.ts'

export const clusterRoutes = new Hono<AppEnv>().get('/clusters', (c) =>
  c.json<Cluster[]>(visibleClusters(c, c.var.deps.config.clusters).map(({ id, name }) => ({ id, name }))),
)
