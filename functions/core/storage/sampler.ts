// The scheduled jobs: the disk sampler (every configured cluster, sampled and stored
// independently) and the daily retention audit. Also "sample now" run inside this process.
import type { KafkaCluster, KafkaClusters } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import { runAudit, storeAudit } from './audit.ts'
import type { AuditOptions } from './audit-rules.ts'
import { storeSample, takeSample } from './sample.ts'
import type { SampleNowResult } from '../../contract/storage.ts'
export type { SampleNowResult }

export interface SamplerRun {
  cluster: string
  ok: boolean
  partial?: boolean
  sampledAt?: string
  sampleId?: string
  durationMs?: number
  error?: string
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export async function sampleCluster(cluster: KafkaCluster, logs: VictoriaLogsClient, timeoutMs?: number): Promise<SamplerRun> {
  try {
    const sample = await takeSample(cluster, timeoutMs === undefined ? {} : { timeoutMs })
    await storeSample(logs, sample)
    return { cluster: cluster.id, ok: true, partial: sample.partial, sampledAt: sample.sampledAt, sampleId: sample.id, durationMs: sample.durationMs }
  } catch (error: unknown) {
    return { cluster: cluster.id, ok: false, error: message(error) }
  }
}

/** Every cluster (or the named ones) in parallel; one failing cluster does not stop the others. */
export async function runSampler(kafka: KafkaClusters, logs: VictoriaLogsClient, only?: string[]): Promise<SamplerRun[]> {
  const clusters = only ? only.map((id) => kafka.get(id)) : kafka.list()
  return Promise.all(clusters.map((cluster) => sampleCluster(cluster, logs)))
}

export interface AuditRun {
  cluster: string
  ok: boolean
  auditId?: string
  findings?: number
  error?: string
}

export async function runAuditJob(kafka: KafkaClusters, logs: VictoriaLogsClient, options: Partial<AuditOptions> = {}): Promise<AuditRun[]> {
  return Promise.all(kafka.list().map(async (cluster): Promise<AuditRun> => {
    try {
      const report = await runAudit(logs, cluster.id, options)
      await storeAudit(logs, report)
      return { cluster: cluster.id, ok: true, auditId: report.id, findings: report.findings.length }
    } catch (error: unknown) {
      return { cluster: cluster.id, ok: false, error: message(error) }
    }
  }))
}

export type SampleNow = (clusterId: string) => Promise<SampleNowResult>

/**
 * "Sample now" inside this process (local mode): starts a sample in the background and answers
 * at once; a second request while one runs joins it instead of starting another.
 */
export function inProcessSampleNow(kafka: KafkaClusters, logs: VictoriaLogsClient, onDone: (run: SamplerRun) => void = () => {}): SampleNow & { running(clusterId: string): Promise<SamplerRun> | undefined } {
  const running = new Map<string, Promise<SamplerRun>>()
  const sampleNow = async (clusterId: string): Promise<SampleNowResult> => {
    const cluster = kafka.get(clusterId)
    const requestedAt = new Date().toISOString()
    if (running.has(clusterId)) return { mode: 'in-process', requestedAt, joined: true }
    const run = sampleCluster(cluster, logs).then((result) => {
      onDone(result)
      return result
    }).finally(() => running.delete(clusterId))
    running.set(clusterId, run)
    return { mode: 'in-process', requestedAt }
  }
  return Object.assign(sampleNow, { running: (clusterId: string) => running.get(clusterId) })
}
