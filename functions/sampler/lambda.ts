// Lambda entry for the scheduled storage jobs. Thin adapter. Events:
// - the 5-minute sst.aws.CronV2 schedule (any other event): sample every cluster;
// - { task: "audit" } from the daily schedule: the retention audit of every cluster;
// - { source: "kafka-plus", task: "sample", cluster } from "sample now" (functions/aws/invoke-sampler.ts).
// After each sample the cluster's alert rules are evaluated (core/alerts), so alerts reach the
// team within one sampling period.
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { createDeps, type RuntimeDeps } from '../api/runtime.ts'
import { runtimeEnv } from '../aws/resources.ts'
import { loadConfig } from '../core/config.ts'
import { auditDefaults } from '../core/storage/audit-rules.ts'
import type { AlertRun } from '../core/alerts/evaluate.ts'
import { sampleThenAlert } from '../core/alerts/job.ts'
import { runAuditJob, type AuditRun, type SamplerRun } from '../core/storage/sampler.ts'

let deps: RuntimeDeps | undefined

type Event = { task?: unknown; cluster?: unknown } | null | undefined

export async function handler(event: unknown): Promise<{ runs: SamplerRun[]; alerts: AlertRun[] } | { audits: AuditRun[] }> {
  // Built once per instance: warm invocations reuse the Kafka and VictoriaLogs connections.
  deps ??= createDeps(loadConfig(await runtimeEnv()), { oauthTokenProvider: mskIamTokenProvider })
  const { task, cluster } = (typeof event === 'object' && event !== null ? event : {}) as NonNullable<Event>
  if (task === 'audit') {
    const audits = await runAuditJob(deps.kafka, deps.logs, auditDefaults(deps.config.storage))
    for (const audit of audits) console.log(JSON.stringify({ msg: 'retention audit', ...audit }))
    const failed = audits.filter((a) => !a.ok)
    if (failed.length > 0) throw new Error(`Audit failed for ${failed.map((a) => `${a.cluster} (${a.error})`).join(', ')}`)
    return { audits }
  }
  const only = task === 'sample' && typeof cluster === 'string' ? [cluster] : undefined
  const { runs, alerts } = await sampleThenAlert(deps.kafka, { ...deps.alerts, logs: deps.logs, storage: deps.config.storage }, only)
  for (const run of runs) console.log(JSON.stringify({ msg: 'storage sample', ...run }))
  // Counts only: webhook URLs and message texts stay out of the log.
  for (const run of alerts) console.log(JSON.stringify({ msg: 'alerts', ...run }))
  // A failed cluster fails the invocation, so the schedule's retry and alarms see it.
  const failed = runs.filter((r) => !r.ok)
  if (failed.length > 0) throw new Error(`Sampling failed for ${failed.map((r) => `${r.cluster} (${r.error})`).join(', ')}`)
  return { runs, alerts }
}
