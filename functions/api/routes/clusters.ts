import { Hono } from 'hono'
import type { AppEnv } from '../deps.ts'

export const clusterRoutes = new Hono<AppEnv>().get('/clusters', (c) =>
  c.json(c.var.deps.config.clusters.map(({ id, name }) => ({ id, name }))),
)
