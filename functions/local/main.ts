// `npm start`: the whole product in one process on the local (or configured) Kafka and VictoriaLogs.
import { loadConfig } from '../core/config.ts'
import { generateToken } from '../core/auth/credentials.ts'
import { createDeps } from '../api/runtime.ts'
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { glueSchemaApi } from '../aws/glue-schemas.ts'
import { auditDefaults } from '../core/storage/audit-rules.ts'
import { sampleThenAlert } from '../core/alerts/job.ts'
import { runAuditJob } from '../core/storage/sampler.ts'
import { startLocalIndexing } from '../core/indexing/local-runner.ts'
import { startScheduler } from './scheduler.ts'
import { startLocalServer } from './server.ts'

export interface LocalModeOptions {
  webRoot?: string
  /** The environment to configure from (default: this process's). */
  env?: Record<string, string | undefined>
}

export async function runLocalMode(options: LocalModeOptions = {}) {
  // No token configured: make one for this run and print it, so nobody runs an open admin UI.
  const generatedToken = generateToken()
  const config = loadConfig(options.env, { fallbackAdminToken: generatedToken })
  // "Sample now" runs the sampler here, in the background (on AWS it invokes the sampler Lambda);
  // the API and the local indexer share one plan store (a file under KAFKA_PLUS_HOME).
  const deps = createDeps(config, { oauthTokenProvider: mskIamTokenProvider, glueSchemaApi })
  const server = await startLocalServer({ deps, port: config.local.port, host: config.local.host, ...(options.webRoot ? { webRoot: options.webRoot } : {}) })
  const sampleEveryMs = config.local.sampleIntervalMs
  // 0 turns the local timer off (benchmarks, or a cluster sampled by a deployed scheduler).
  const scheduler = startScheduler(sampleEveryMs <= 0 ? [] : [{
    name: 'disk sampler',
    intervalMs: sampleEveryMs,
    run: async () => {
      // Alert rules look at what was just sampled; deduplicated, so every 5 minutes is fine.
      const { runs, alerts } = await sampleThenAlert(deps.kafka, { ...deps.alerts, logs: deps.logs, storage: deps.config.storage })
      for (const run of runs) {
        if (!run.ok) console.error(`[sampler] ${run.cluster}: ${run.error}`)
      }
      for (const run of alerts) {
        if (!run.ok) console.error(`[alerts] ${run.cluster}: ${run.error}`)
      }
    },
  }, {
    // The daily retention audit (on AWS: the second CronV2 in stacks/sampler.ts); first after a few samples.
    name: 'retention audit',
    intervalMs: 86_400_000,
    firstRunMs: 15 * 60_000,
    run: async () => {
      for (const run of await runAuditJob(deps.kafka, deps.logs, auditDefaults(deps.config.storage))) {
        if (!run.ok) console.error(`[audit] ${run.cluster}: ${run.error}`)
      }
    },
  }])
  const indexing = startLocalIndexing({
    clusters: config.clusters, logs: deps.logs, store: deps.planStore, settings: config.indexing, oauthTokenProvider: mskIamTokenProvider,
    schemaDecoder: (cluster) => deps.schemas.recordDecoder(cluster),
  })
  // The admin token is the first one: KAFKA_PLUS_TOKEN's, or the one generated above.
  const token = config.tokens[0]?.token as string
  return {
    url: server.url,
    token,
    tokenWasGenerated: token === generatedToken,
    async close() {
      scheduler.stop()
      await indexing.stop()
      await server.close()
      await deps.close()
    },
  }
}
