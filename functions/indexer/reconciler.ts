// Lambda entry of the indexing reconciler, on a CronV2 schedule (the event itself carries nothing
// needed). Thin adapter: for every cluster with an MSK ARN, converge its event source mappings on
// its plan (core/indexing/orchestrator.ts), audit each change, log the rest. A mapping that is busy
// is left for the next run, and one cluster's trouble does not fail the run: a scheduled retry
// would only repeat the same calls against the same busy mappings.
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { createDeps, type RuntimeDeps } from '../api/runtime.ts'
import type { Principal } from '../core/auth/roles.ts'
import { newAttemptId, recordAudit } from '../core/audit.ts'
import { runtimeEnv } from '../aws/resources.ts'
import { loadConfig } from '../core/config.ts'
import { configError } from '../core/errors.ts'
import { auditedMapping, reconcileCluster, type ReconcileReport } from '../core/indexing/orchestrator.ts'

/** Who the audit trail names for changes the reconciler makes. */
export const reconcilerPrincipal: Pick<Principal, 'name' | 'role'> = { name: 'reconciler', role: 'operator' }

export interface ReconcileRun {
  reports: ReconcileReport[]
  /** Clusters without an MSK ARN, whose indexing is not managed here. */
  skipped: string[]
  failed: { cluster: string; error: string }[]
}

let deps: RuntimeDeps | undefined

/** One run over every cluster (the handler's work; tests call it with AWS stand-ins in the deps). */
export async function reconcile(runtime: RuntimeDeps): Promise<ReconcileRun> {
  const orchestrator = runtime.indexingOrchestrator
  if (!orchestrator) throw configError('The reconciler needs KAFKA_PLUS_INDEXER_FUNCTION (the indexer function its mappings invoke).')
  const run: ReconcileRun = { reports: [], skipped: [], failed: [] }
  for (const cluster of runtime.config.clusters) {
    if (orchestrator.unmanageable(cluster)) {
      run.skipped.push(cluster.id)
      continue
    }
    try {
      const report = await reconcileCluster(cluster, await runtime.planStore.load(cluster.id), orchestrator)
      for (const change of report.changes) {
        const entry = {
          cluster: cluster.id, actor: reconcilerPrincipal, action: `indexing.mapping.${change.action}`, target: change.topic,
          attempt: newAttemptId(), outcome: 'succeeded' as const, before: auditedMapping(change.before), after: auditedMapping(change.after),
        }
        // As in the API: an audit record VictoriaLogs cannot take goes to the function's log.
        await recordAudit(runtime.logs, runtime.auditChain, entry).catch((error: unknown) => {
          console.error(JSON.stringify({ msg: 'audit record could not be stored in VictoriaLogs', audit: entry, error: error instanceof Error ? error.message : String(error) }))
        })
      }
      run.reports.push(report)
      console.log(JSON.stringify({
        msg: 'reconciled indexing mappings', cluster: cluster.id,
        changes: report.changes.map((c) => `${c.action} ${c.topic}`), pending: report.pending, errors: report.errors,
      }))
    } catch (error: unknown) {
      // Listing failed (throttled, no permission): the whole cluster waits for the next run.
      const message = error instanceof Error ? error.message : String(error)
      run.failed.push({ cluster: cluster.id, error: message })
      console.error(JSON.stringify({ msg: 'could not reconcile indexing mappings', cluster: cluster.id, error: message }))
    }
  }
  return run
}

export async function handler(_event: unknown): Promise<ReconcileRun> {
  // Built once per instance: warm invocations reuse the SDK clients and connections.
  deps ??= createDeps(loadConfig(await runtimeEnv()), { oauthTokenProvider: mskIamTokenProvider })
  return reconcile(deps)
}
