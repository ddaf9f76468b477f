// Local mode's indexing jobs: per cluster, the built-in indexer, and the Vector config rewritten
// into vector/generated/ whenever the plan changes (for a Vector run with --watch-config).
// KAFKA_PLUS_INDEXER=off leaves indexing to Vector alone; the config files are written anyway.
import type { ClusterConfig, IndexingConfig } from '../config.ts'
import type { OAuthTokenProvider } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import type { SchemaDecoder } from '../schemas/decoder.ts'
import { renderVectorConfig } from '../vector/render.ts'
import { writeVectorConfig } from '../vector/writer.ts'
import { startLocalIndexer, type LocalIndexer } from './local-indexer.ts'
import type { IndexingPlan } from './plan.ts'
import type { PlanStore } from './plan-store.ts'

export interface LocalIndexingOptions {
  clusters: ClusterConfig[]
  logs: VictoriaLogsClient
  store: PlanStore
  /** The configuration's indexing section: whether to consume, where the Vector configs go. */
  settings: Pick<IndexingConfig, 'builtinIndexer' | 'vectorDir' | 'vectorVictoriaLogsUrl'>
  oauthTokenProvider?: OAuthTokenProvider
  log?: (message: string) => void
  /** A cluster's schema registry decoder, if it has a registry (records are indexed decoded). */
  schemaDecoder?: (cluster: string) => SchemaDecoder | undefined
}

const withDecoder = (decoder: SchemaDecoder | undefined) => (decoder ? { decoder } : {})

export function startLocalIndexing(options: LocalIndexingOptions): { indexers: LocalIndexer[]; stop(): Promise<void> } {
  const log = options.log ?? ((m: string) => console.log(`[indexing] ${m}`))
  const { vectorDir, builtinIndexer: run, vectorVictoriaLogsUrl: victoriaLogsUrl } = options.settings

  const writeVector = (cluster: ClusterConfig) => async (plan: IndexingPlan) => {
    if (cluster.sasl?.mechanism === 'AWS_MSK_IAM') return
    try {
      const { path, changed } = await writeVectorConfig(vectorDir, cluster.id, renderVectorConfig(cluster, plan, { victoriaLogsUrl }))
      if (changed) log(`wrote ${path}`)
    } catch (error: unknown) {
      log(`could not write the Vector config of ${cluster.id}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const indexers = options.clusters.map((cluster) => startLocalIndexer({
    cluster, logs: options.logs, store: options.store, onPlan: writeVector(cluster), log: (m) => log(m),
    ...withDecoder(options.schemaDecoder?.(cluster.id)),
    ...(options.oauthTokenProvider ? { oauthTokenProvider: options.oauthTokenProvider } : {}),
    consume: run,
  }))
  return {
    indexers,
    async stop() {
      await Promise.all(indexers.map((i) => i.stop()))
    },
  }
}
