// Lambda entry for the disk sampler, run by sst.aws.CronV2 (EventBridge Scheduler). Thin adapter.
import { mskIamTokenProvider } from '../aws/msk-iam.ts'
import { createDepsFromEnv } from '../api/runtime.ts'
import { runSampler, type SamplerRun } from '../core/storage/sampler.ts'

let deps: ReturnType<typeof createDepsFromEnv> | undefined

export async function handler(_event: unknown): Promise<{ runs: SamplerRun[] }> {
  // Built once per instance: warm invocations reuse the Kafka and VictoriaLogs connections.
  deps ??= createDepsFromEnv(process.env, { oauthTokenProvider: mskIamTokenProvider })
  const runs = await runSampler(deps.kafka, deps.logs)
  for (const run of runs) console.log(JSON.stringify({ msg: 'storage sample', ...run }))
  // A failed cluster fails the invocation, so the schedule's retry and alarms see it.
  const failed = runs.filter((r) => !r.ok)
  if (failed.length > 0) throw new Error(`Sampling failed for ${failed.map((r) => `${r.cluster} (${r.error})`).join(', ')}`)
  return { runs }
}
