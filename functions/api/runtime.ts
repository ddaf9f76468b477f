// Builds the app's dependencies from the configuration; shared by every entry point (API and
// sampler Lambdas, the indexer Lambda, local mode) and by the tests.
import type { AppConfig } from '../core/config.ts'
import { createPlanStore } from '../core/indexing/plan-store.ts'
import { KafkaClusters, type OAuthTokenProvider } from '../core/kafka/index.ts'
import { TailHub } from '../core/messages/tail.ts'
import { inProcessSampleNow } from '../core/storage/sampler.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import type { AppDeps } from './deps.ts'

export interface RuntimeOptions {
  oauthTokenProvider?: OAuthTokenProvider
  logError?: (error: unknown) => void
  /** "Sample now" elsewhere (the sampler Lambda on AWS); by default it runs in this process. */
  sampleNow?: AppDeps['sampleNow']
}

export type RuntimeDeps = AppDeps & { close(): Promise<void> }

export function createDeps(config: AppConfig, options: RuntimeOptions = {}): RuntimeDeps {
  // First: a plan that does not parse is a configuration error, before any connection exists.
  const planStore = createPlanStore(config.indexing.planStore)
  const kafka = new KafkaClusters(config.clusters, options.oauthTokenProvider ? { oauthTokenProvider: options.oauthTokenProvider } : {})
  const logs = new VictoriaLogsClient(config.victoriaLogsUrl)
  const tails = new TailHub()
  // In this process, one sampler for the whole app: a second "sample now" joins the running one.
  const sampleNow = options.sampleNow ?? inProcessSampleNow(kafka, logs, (run) => {
    if (!run.ok) console.error(`[sampler] ${run.cluster}: ${run.error}`)
  })
  return {
    config,
    kafka,
    logs,
    planStore,
    sampleNow,
    tails,
    logError: options.logError ?? ((error: unknown) => console.error(error)),
    async close() {
      tails.close()
      await Promise.all([kafka.close(), logs.close()])
    },
  }
}
