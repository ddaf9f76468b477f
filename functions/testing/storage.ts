// Test helpers for the storage features (real broker, real VictoriaLogs).
import { execFileSync } from 'node:child_process'
import type { KafkaCluster } from '../core/kafka/index.ts'
import type { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { sampleCluster, type SamplerRun } from '../core/storage/sampler.ts'
import { latestSample } from '../core/storage/store.ts'

/** Waits until VictoriaLogs serves the sample as the latest one (rows are searchable ~1 s after insert). */
export async function waitForSample(logs: VictoriaLogsClient, cluster: string, sampleId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const latest = await latestSample(logs, cluster)
    if (latest?.id === sampleId) return
    if (Date.now() > deadline) throw new Error(`sample ${sampleId} of ${cluster} not visible after ${timeoutMs} ms (latest: ${latest?.id})`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Takes a sample, stores it, and waits until it is the latest one served. */
export async function sampleNowAndWait(cluster: KafkaCluster, logs: VictoriaLogsClient, timeoutMs?: number): Promise<SamplerRun & { sampleId: string; sampledAt: string }> {
  const run = await sampleCluster(cluster, logs, timeoutMs)
  if (!run.ok || !run.sampleId || !run.sampledAt) throw new Error(`sampling ${cluster.id} failed: ${run.error}`)
  await waitForSample(logs, cluster.id, run.sampleId)
  return run as SamplerRun & { sampleId: string; sampledAt: string }
}

/** Bytes of a partition directory's segment data as `du` sees them (index files are preallocated and not counted by Kafka). */
export function duBytes(dir: string): number {
  const out = execFileSync('du', ['-sb', '--exclude=*.index', '--exclude=*.timeindex', '--exclude=*.snapshot', dir]).toString()
  return Number(out.split('\t')[0])
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
