// Lambda entry of the built-in indexer for MSK event source mappings. Thin adapter: decode the
// batch, index it with the shared core, and fail the invocation when VictoriaLogs did not take
// it, so the event source retries the batch and commits nothing (at-least-once, no loss).
import type { MSKEvent } from 'aws-lambda'
import { createDeps, type RuntimeDeps } from '../api/runtime.ts'
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { glueSchemaApi } from '../aws/glue-schemas.ts'
import { loadConfig, type AppConfig } from '../core/config.ts'
import { CompiledPlan } from '../core/indexing/batch.ts'
import { indexBatch } from '../core/indexing/indexer.ts'
import { configError } from '../core/errors.ts'
import { recordsOfEvent } from './msk-event.ts'

let deps: RuntimeDeps | undefined

/** Which configured cluster this mapping reads: KAFKA_PLUS_INDEXER_CLUSTER, or the only one. */
function clusterId(config: AppConfig): string {
  const wanted = config.indexing.lambdaCluster
  if (wanted) return wanted
  if (config.clusters.length === 1) return config.clusters[0]?.id as string
  throw configError('Several clusters are configured: set KAFKA_PLUS_INDEXER_CLUSTER to the one this event source mapping reads.')
}

export async function handler(event: MSKEvent): Promise<{ seen: number; indexed: number }> {
  // Built once per instance: warm invocations reuse the VictoriaLogs connection.
  deps ??= createDeps(loadConfig(), { oauthTokenProvider: mskIamTokenProvider, glueSchemaApi })
  const cluster = deps.kafka.get(clusterId(deps.config))
  const plan = new CompiledPlan(await deps.planStore.load(cluster.id))
  const decoder = deps.schemas.recordDecoder(cluster.id)
  // A few quick retries ride out a blip; a longer outage fails the batch back to the mapping.
  const result = await indexBatch(deps.logs, plan, recordsOfEvent(event), {
    maxAttempts: deps.config.indexing.lambdaAttempts,
    // Registry-framed records are indexed decoded (the schemas cached for the instance's life).
    ...(decoder ? { decoder } : {}),
    onRetry: (attempt, error) => console.warn(JSON.stringify({ msg: 'VictoriaLogs write failed, retrying', attempt, error: error instanceof Error ? error.message : String(error) })),
  })
  console.log(JSON.stringify({ msg: 'indexed MSK batch', cluster: cluster.id, source: event.eventSourceArn, seen: result.seen, indexed: result.indexed }))
  return { seen: result.seen, indexed: result.indexed }
}
