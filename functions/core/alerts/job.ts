// The sampler path: sample every cluster (or the named ones), then evaluate the alert rules of
// each cluster sampled, so what the sample shows reaches the team within one period. Used by the
// sampler Lambda and local mode's timer alike.
import type { KafkaClusters } from '../kafka/index.ts'
import { runSampler, type SamplerRun } from '../storage/sampler.ts'
import { countSampleRecords, latestSample } from '../storage/store.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { runAlertJob, type AlertContext, type AlertRun } from './evaluate.ts'

/**
 * VictoriaLogs makes what it took in searchable a moment later, and not every stream at the same
 * moment: evaluate the sample just taken, with all its topic rows, not the one before or a part of it.
 */
async function visible(logs: VictoriaLogsClient, run: SamplerRun, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const complete = async () => {
    const sample = await latestSample(logs, run.cluster)
    if (!sample || sample.id !== run.sampleId) return false
    return sample.topics === null || (await countSampleRecords(logs, run.cluster, sample, 'topic')) >= sample.topics
  }
  while (!(await complete()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
}

export async function sampleThenAlert(kafka: KafkaClusters, ctx: AlertContext, only?: string[]): Promise<{ runs: SamplerRun[]; alerts: AlertRun[] }> {
  const runs = await runSampler(kafka, ctx.logs, only)
  const ok = runs.filter((r) => r.ok)
  await Promise.all(ok.map((run) => visible(ctx.logs, run)))
  const sampled = ok.map((r) => r.cluster)
  // A cluster whose sample failed is not evaluated: its conditions neither start nor clear on stale data.
  const alerts = sampled.length > 0 ? await runAlertJob(kafka, ctx, sampled) : []
  return { runs, alerts }
}
