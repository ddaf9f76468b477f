// Lambda entry of the built-in indexer for MSK event source mappings. Thin adapter: decode the
// batch, index it with the shared core, and answer only once VictoriaLogs has it on disk (the
// mapping commits the offsets on that answer). The invocation fails when VictoriaLogs did not take
// the batch, or restarted before it was durable, so the mapping retries it (at-least-once, no loss).
import type { MSKEvent } from 'aws-lambda'
import { createDeps, type RuntimeDeps } from '../api/runtime.ts'
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { loadConfig, type AppConfig } from '../core/config.ts'
import { CompiledPlan } from '../core/indexing/batch.ts'
import { DurabilityGate } from '../core/indexing/durability.ts'
import { indexBatchDurably } from '../core/indexing/indexer.ts'
import { configError } from '../core/errors.ts'
import { recordsOfEvent } from './msk-event.ts'

let deps: RuntimeDeps | undefined
let durability: DurabilityGate | undefined

/** Which configured cluster this mapping reads: KAFKA_PLUS_INDEXER_CLUSTER, or the only one. */
function clusterId(config: AppConfig): string {
  const wanted = config.indexing.lambdaCluster
  if (wanted) return wanted
  if (config.clusters.length === 1) return config.clusters[0]?.id as string
  throw configError('Several clusters are configured: set KAFKA_PLUS_INDEXER_CLUSTER to the one this event source mapping reads.')
}

export async function handler(event: MSKEvent): Promise<{ seen: number; indexed: number }> {
  // Built once per instance: warm invocations reuse the VictoriaLogs connection.
  deps ??= createDeps(loadConfig(), { oauthTokenProvider: mskIamTokenProvider })
  const { logs, config } = deps
  const onRetry = (what: string) => (attempt: number, error: unknown) =>
    console.warn(JSON.stringify({ msg: `VictoriaLogs ${what} failed, retrying`, attempt, error: error instanceof Error ? error.message : String(error) }))
  durability ??= new DurabilityGate(() => logs.storageState(), { maxAttempts: config.indexing.lambdaAttempts, onRetry: onRetry('durability check') })
  const cluster = deps.kafka.get(clusterId(config))
  const plan = new CompiledPlan(await deps.planStore.load(cluster.id))
  // A few quick retries ride out a blip; a longer outage fails the batch back to the mapping.
  // Then the wait for VictoriaLogs' flush (twice its -inmemoryDataFlushInterval and a few
  // seconds): the price of "answered = on disk", billed as this function's duration.
  const result = await indexBatchDurably(logs, durability, plan, recordsOfEvent(event), {
    maxAttempts: config.indexing.lambdaAttempts,
    onRetry: onRetry('write'),
  })
  console.log(JSON.stringify({ msg: 'indexed MSK batch', cluster: cluster.id, source: event.eventSourceArn, seen: result.seen, indexed: result.indexed }))
  return { seen: result.seen, indexed: result.indexed }
}
