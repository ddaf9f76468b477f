// A storage sample: per broker, log dir and partition, the bytes on disk (DescribeLogDirs), kept
// in VictoriaLogs in a stream of its own so history survives restarts and Lambda keeps no state.
import { randomUUID } from 'node:crypto'
import { describeLogDirs, type BrokerLogDirs, type KafkaCluster } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../logs/victorialogs.ts'

export const storageStream = 'storage'

export interface StorageSample {
  id: string
  cluster: string
  sampledAt: string
  durationMs: number
  /** True when at least one broker did not answer: its data is missing, not zero. */
  partial: boolean
  brokers: BrokerLogDirs[]
}

export async function takeSample(cluster: KafkaCluster, now = () => Date.now()): Promise<StorageSample> {
  const started = now()
  const brokers = await describeLogDirs(cluster)
  return {
    id: randomUUID(),
    cluster: cluster.id,
    sampledAt: new Date(started).toISOString(),
    durationMs: now() - started,
    partial: brokers.some((b) => !b.ok),
    brokers,
  }
}

/** One summary line, one per broker (and log dir), one per partition replica. */
export function* sampleDocuments(sample: StorageSample): Generator<Record<string, unknown>> {
  const base = { _time: sample.sampledAt, kind: storageStream, cluster: sample.cluster, sampleId: sample.id }
  let partitions = 0
  for (const broker of sample.brokers) {
    if (!broker.ok) {
      yield { ...base, _msg: `broker ${broker.broker} failed: ${broker.message}`, record: 'broker', broker: broker.broker, ok: false, code: broker.code }
      continue
    }
    yield { ...base, _msg: `broker ${broker.broker} ok`, record: 'broker', broker: broker.broker, ok: true }
    for (const dir of broker.logDirs) {
      yield {
        ...base, _msg: `log dir ${dir.path}`, record: 'logdir', broker: broker.broker, logDir: dir.path,
        totalBytes: dir.totalBytes ?? '', usableBytes: dir.usableBytes ?? '', error: dir.error ?? '',
        bytes: dir.partitions.reduce((sum, p) => sum + p.bytes, 0),
      }
      for (const p of dir.partitions) {
        partitions++
        yield {
          ...base, _msg: `${p.topic}-${p.partition}`, record: 'partition', broker: broker.broker, logDir: dir.path,
          topic: p.topic, partition: p.partition, bytes: p.bytes, offsetLag: p.offsetLag, future: p.isFuture,
        }
      }
    }
  }
  yield {
    ...base, _msg: `sample ${sample.partial ? 'partial' : 'complete'}`, record: 'sample', partial: sample.partial,
    brokers: sample.brokers.length, brokersFailed: sample.brokers.filter((b) => !b.ok).length, partitions, durationMs: sample.durationMs,
  }
}

export async function storeSample(logs: VictoriaLogsClient, sample: StorageSample): Promise<void> {
  await logs.insert(sampleDocuments(sample), { streamFields: ['kind', 'cluster'] })
}
