// `npm start`: the whole product in one process on the local (or configured) Kafka and VictoriaLogs.
import { loadConfig } from '../core/config.ts'
import { generateToken } from '../core/auth/credentials.ts'
import { createDeps } from '../api/runtime.ts'
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { inProcessSampleNow, runAuditJob, runSampler } from '../core/storage/sampler.ts'
import { startLocalIndexing } from '../core/indexing/local-runner.ts'
import { planStoreFromEnv, setPlanStore } from '../core/indexing/plan-store.ts'
import { startScheduler } from './scheduler.ts'
import { startLocalServer } from './server.ts'

export interface LocalModeOptions {
  webRoot?: string
  env?: Record<string, string | undefined>
}

export async function runLocalMode(options: LocalModeOptions = {}) {
  const env = { ...(options.env ?? process.env) }
  // No token configured: make one for this run and print it, so nobody runs an open admin UI.
  const generatedToken = env.KAFKA_PLUS_TOKEN ? undefined : generateToken()
  if (generatedToken) env.KAFKA_PLUS_TOKEN = generatedToken
  const config = loadConfig(env)
  for (const warning of config.warnings) console.warn(`[config] ${warning}`)
  const deps = createDeps(config, { oauthTokenProvider: mskIamTokenProvider })
  // "Sample now" runs the sampler here, in the background (on AWS it invokes the sampler Lambda).
  deps.sampleNow = inProcessSampleNow(deps.kafka, deps.logs, (run) => {
    if (!run.ok) console.error(`[sampler] ${run.cluster}: ${run.error}`)
  })
  const port = Number(env.PORT ?? 8080)
  // One plan store for the API and the local indexer (a file under KAFKA_PLUS_HOME).
  const planStore = planStoreFromEnv(env)
  setPlanStore(deps, planStore)
  const server = await startLocalServer({ deps, port, host: env.HOST ?? '127.0.0.1', ...(options.webRoot ? { webRoot: options.webRoot } : {}) })
  const sampleEveryMs = Number(env.KAFKA_PLUS_SAMPLE_INTERVAL_MS ?? 5 * 60_000)
  // 0 turns the local timer off (benchmarks, or a cluster sampled by a deployed scheduler).
  const scheduler = startScheduler(sampleEveryMs <= 0 ? [] : [{
    name: 'disk sampler',
    intervalMs: sampleEveryMs,
    run: async () => {
      for (const run of await runSampler(deps.kafka, deps.logs)) {
        if (!run.ok) console.error(`[sampler] ${run.cluster}: ${run.error}`)
      }
    },
  }, {
    // The daily retention audit (on AWS: the second CronV2 in stacks/sampler.ts); first after a few samples.
    name: 'retention audit',
    intervalMs: 86_400_000,
    firstRunMs: 15 * 60_000,
    run: async () => {
      for (const run of await runAuditJob(deps.kafka, deps.logs)) {
        if (!run.ok) console.error(`[audit] ${run.cluster}: ${run.error}`)
      }
    },
  }])
  const indexing = startLocalIndexing({
    clusters: config.clusters, logs: deps.logs, victoriaLogsUrl: config.victoriaLogsUrl, store: planStore, env, oauthTokenProvider: mskIamTokenProvider,
  })
  return {
    url: server.url,
    token: env.KAFKA_PLUS_TOKEN as string,
    tokenWasGenerated: generatedToken !== undefined,
    async close() {
      scheduler.stop()
      await indexing.stop()
      await server.close()
      await deps.close()
    },
  }
}
