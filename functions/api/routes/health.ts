import { Hono } from 'hono'
import type { ComponentStatus, Health } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'

/** Liveness of every dependency, probed in parallel; no credentials needed, so no error details. */
export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  const { kafka, logs, schemas, logError } = c.var.deps
  const probe = (check: Promise<void>, what: string): Promise<ComponentStatus> =>
    check.then(() => 'ok' as const, (error: unknown) => {
      logError?.(new Error(`health: ${what} failed`, { cause: error }))
      return 'error' as const
    })
  const clusters = kafka.list()
  const registries = schemas.clusters
  const [logsStatus, kafkaStatuses, registryStatuses] = await Promise.all([
    probe(logs.health(), 'VictoriaLogs'),
    Promise.all(clusters.map((cluster) => probe(cluster.ping(), `Kafka cluster ${cluster.id}`))),
    Promise.all(registries.map((id) => probe(schemas.require(id).ping(), `schema registry of ${id}`))),
  ])
  const kafkaById = Object.fromEntries(clusters.map((cluster, i) => [cluster.id, kafkaStatuses[i] ?? 'error']))
  const healthy = logsStatus === 'ok' && kafkaStatuses.every((s) => s === 'ok') && registryStatuses.every((s) => s === 'ok')
  c.header('cache-control', 'no-store')
  return c.json<Health>({
    status: healthy ? 'ok' : 'degraded', kafka: kafkaById, victorialogs: logsStatus,
    // Per cluster that has a schema registry configured.
    ...(registries.length > 0 ? { schemaRegistry: Object.fromEntries(registries.map((id, i) => [id, registryStatuses[i] ?? 'error'])) } : {}),
  }, healthy ? 200 : 503)
})
