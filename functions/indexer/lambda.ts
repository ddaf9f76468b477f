// Lambda entry of the built-in indexer for MSK event source mappings. Thin adapter: decode the
// batch, index it with the shared core, and answer only once VictoriaLogs has it on disk (the
// mapping commits the offsets on that answer). The invocation fails when VictoriaLogs did not take
// the batch, or restarted before it was durable, so the mapping retries it (at-least-once, no loss).
import type { MSKEvent } from 'aws-lambda'
import { createDeps, type RuntimeDeps } from '../api/runtime.ts'
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { runtimeEnv } from '../aws/resources.ts'
import { glueSchemaApi } from '../aws/glue-schemas.ts'
import { loadConfig, type AppConfig } from '../core/config.ts'
import { PlanCache } from '../core/indexing/plan-cache.ts'
import { DurabilityGate } from '../core/indexing/durability.ts'
import { indexBatchDurably } from '../core/indexing/indexer.ts'
import { configError } from '../core/errors.ts'
import { recordsOfEvent } from './msk-event.ts'

let deps: RuntimeDeps | undefined
/** The plan as last read, reused while its version stays the same. */
let plans: PlanCache | undefined
let durability: DurabilityGate | undefined

/**
 * Which configured cluster the batch comes from: the one whose mskClusterArn is the event's source
 * (one indexer function serves every cluster's mappings), else KAFKA_PLUS_INDEXER_CLUSTER, else the only one.
 */
export function clusterOfEvent(config: AppConfig, event: Pick<MSKEvent, 'eventSourceArn'>): string {
  const bySource = config.clusters.find((c) => c.mskClusterArn !== undefined && c.mskClusterArn === event.eventSourceArn)
  if (bySource) return bySource.id
  const wanted = config.indexing.lambdaCluster
  if (wanted) return wanted
  if (config.clusters.length === 1) return config.clusters[0]?.id as string
  throw configError(`No configured cluster has the mskClusterArn ${event.eventSourceArn}: set it on the cluster this event source mapping reads (or KAFKA_PLUS_INDEXER_CLUSTER).`)
}

export async function handler(event: MSKEvent): Promise<{ seen: number; indexed: number }> {
  // Built once per instance: warm invocations reuse the VictoriaLogs connection.
  deps ??= createDeps(loadConfig(await runtimeEnv()), { oauthTokenProvider: mskIamTokenProvider, glueSchemaApi })
  const { logs, config } = deps
  const onRetry = (what: string) => (attempt: number, error: unknown) =>
    console.warn(JSON.stringify({ msg: `VictoriaLogs ${what} failed, retrying`, attempt, error: error instanceof Error ? error.message : String(error) }))
  durability ??= new DurabilityGate(() => logs.storageState(), { maxAttempts: config.indexing.lambdaAttempts, onRetry: onRetry('durability check') })
  const cluster = deps.kafka.get(clusterOfEvent(config, event))
  plans ??= new PlanCache(deps.planStore)
  const plan = await plans.get(cluster.id)
  const decoder = deps.schemas.recordDecoder(cluster.id)
  // A few quick retries ride out a blip; a longer outage fails the batch back to the mapping.
  // Then the wait for VictoriaLogs' flush (twice its -inmemoryDataFlushInterval and a few
  // seconds): the price of "answered = on disk", billed as this function's duration.
  const result = await indexBatchDurably(logs, durability, plan, recordsOfEvent(event), {
    maxAttempts: config.indexing.lambdaAttempts,
    // Registry-framed records are indexed decoded (the schemas cached for the instance's life).
    ...(decoder ? { decoder } : {}),
    onRetry: onRetry('write'),
  })
  console.log(JSON.stringify({ msg: 'indexed MSK batch', cluster: cluster.id, source: event.eventSourceArn, seen: result.seen, indexed: result.indexed }))
  return { seen: result.seen, indexed: result.indexed }
}
