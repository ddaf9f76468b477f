// Lambda entry for the scheduled storage jobs. Thin adapter. Events:
// - the 5-minute sst.aws.CronV2 schedule (any other event): sample every cluster;
// - { task: "audit" } from the daily schedule: the retention audit of every cluster;
// - { source: "kafka-plus", task: "sample", cluster } from "sample now" (functions/aws/invoke-sampler.ts).
// After each sample the cluster's alert rules are evaluated (core/alerts), so alerts reach the
// team within one sampling period.
// It builds only what those jobs use (Kafka, VictoriaLogs, alerts), not the API's deps, so its
// cold start loads no HTTP routes, sessions, schema registries or plan store.
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { createAlertRuntime, type AlertRuntime } from '../api/alerts-runtime.ts'
import { runtimeEnv } from '../aws/resources.ts'
import { loadConfig, type AppConfig } from '../core/config.ts'
import { KafkaClusters, preloadKafka } from '../core/kafka/index.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { auditDefaults } from '../core/storage/audit-rules.ts'
import type { AlertRun } from '../core/alerts/evaluate.ts'
import { sampleThenAlert } from '../core/alerts/job.ts'
import { runAuditJob, type AuditRun, type SamplerRun } from '../core/storage/sampler.ts'

// Every invocation talks to Kafka: the client loads during initialisation, before the first
// event, rather than inside that event's time budget.
await preloadKafka()

interface SamplerDeps {
  config: AppConfig
  kafka: KafkaClusters
  logs: VictoriaLogsClient
  alerts: AlertRuntime
}

let deps: SamplerDeps | undefined

function createSamplerDeps(config: AppConfig): SamplerDeps {
  for (const warning of config.warnings) console.warn(`[config] ${warning}`)
  return {
    config,
    kafka: new KafkaClusters(config.clusters, { oauthTokenProvider: mskIamTokenProvider }),
    logs: new VictoriaLogsClient(config.victoriaLogsUrl),
    alerts: createAlertRuntime(config),
  }
}

type Event = { task?: unknown; cluster?: unknown } | null | undefined

export async function handler(event: unknown): Promise<{ runs: SamplerRun[]; alerts: AlertRun[] } | { audits: AuditRun[] }> {
  // Built once per instance: warm invocations reuse the Kafka and VictoriaLogs connections.
  deps ??= createSamplerDeps(loadConfig(await runtimeEnv()))
  const { task, cluster } = (typeof event === 'object' && event !== null ? event : {}) as NonNullable<Event>
  if (task === 'audit') {
    const audits = await runAuditJob(deps.kafka, deps.logs, auditDefaults(deps.config.storage))
    for (const audit of audits) console.log(JSON.stringify({ msg: 'retention audit', ...audit }))
    const failed = audits.filter((a) => !a.ok)
    if (failed.length > 0) throw new Error(`Audit failed for ${failed.map((a) => `${a.cluster} (${a.error})`).join(', ')}`)
    return { audits }
  }
  const only = task === 'sample' && typeof cluster === 'string' ? [cluster] : undefined
  const { runs, alerts } = await sampleThenAlert(deps.kafka, { store: deps.alerts.store, delivery: deps.alerts.delivery, logs: deps.logs, storage: deps.config.storage }, only)
  for (const run of runs) console.log(JSON.stringify({ msg: 'storage sample', ...run }))
  // Counts only: webhook URLs and message texts stay out of the log.
  for (const run of alerts) console.log(JSON.stringify({ msg: 'alerts', ...run }))
  // A failed cluster fails the invocation, so the schedule's retry and alarms see it.
  const failed = runs.filter((r) => !r.ok)
  if (failed.length > 0) throw new Error(`Sampling failed for ${failed.map((r) => `${r.cluster} (${r.error})`).join(', ')}`)
  return { runs, alerts }
}
