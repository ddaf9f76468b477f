// The scheduled disk sampler: every configured cluster, sampled and stored independently.
import type { KafkaClusters } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../logs/victorialogs.ts'
import { storeSample, takeSample } from './sample.ts'

export interface SamplerRun {
  cluster: string
  ok: boolean
  partial?: boolean
  sampledAt?: string
  durationMs?: number
  error?: string
}

export async function runSampler(kafka: KafkaClusters, logs: VictoriaLogsClient): Promise<SamplerRun[]> {
  return Promise.all(kafka.list().map(async (cluster): Promise<SamplerRun> => {
    try {
      const sample = await takeSample(cluster)
      await storeSample(logs, sample)
      return { cluster: cluster.id, ok: true, partial: sample.partial, sampledAt: sample.sampledAt, durationMs: sample.durationMs }
    } catch (error: unknown) {
      return { cluster: cluster.id, ok: false, error: error instanceof Error ? error.message : String(error) }
    }
  }))
}
