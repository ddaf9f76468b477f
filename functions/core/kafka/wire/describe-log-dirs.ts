// DescribeLogDirs through the client's own encoding (the version is negotiated), one request per
// broker so that one slow or dead broker cannot hide the others.
import type { BrokerLogDirs, LogDirUsage } from '../types.ts'
import { wireOf, withKafkaTimeout, type BrokerConnection, type KafkaCluster } from './connection.ts'
import { errorName } from './errors.ts'

export interface DescribeLogDirsResponse {
  errorCode: number
  results: { errorCode: number; logDir: string; totalBytes: bigint; usableBytes: bigint; topics: { name: string; partitions: { partitionIndex: number; partitionSize: bigint; offsetLag: bigint; isFutureKey: boolean }[] }[] }[]
}
type RequestTopics = { name: string; partitions: number[] }[]
type LogDirsApi = (connection: BrokerConnection, topics: RequestTopics, callback: (error: Error | null, response?: DescribeLogDirsResponse) => void) => void

const bytesOrNull = (value: bigint) => (value < 0n ? null : Number(value))

export function toUsage(result: DescribeLogDirsResponse['results'][number]): LogDirUsage {
  return {
    path: result.logDir,
    error: result.errorCode === 0 ? null : errorName(result.errorCode),
    totalBytes: bytesOrNull(result.totalBytes),
    usableBytes: bytesOrNull(result.usableBytes),
    partitions: result.topics.flatMap((topic) => topic.partitions.map((p) => ({
      topic: topic.name, partition: p.partitionIndex, bytes: Number(p.partitionSize), offsetLag: Number(p.offsetLag), isFuture: p.isFutureKey,
    }))),
  }
}

/** Every broker in parallel, each with its own timeout; failures are reported per broker. */
export async function describeLogDirs(cluster: KafkaCluster, timeoutMs = 10_000): Promise<BrokerLogDirs[]> {
  const wire = wireOf(cluster)
  const metadata = await cluster.metadata()
  // Every partition is asked for; each broker answers for the replicas it hosts.
  const topics = metadata.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) }))
  return Promise.all(metadata.brokers.map(async ({ id, host, port }): Promise<BrokerLogDirs> => {
    try {
      const response = await withKafkaTimeout(wire.send<DescribeLogDirsResponse>({ host, port }, (connection, callback) => {
        wire.negotiatedApi<LogDirsApi>('DescribeLogDirs', (apiError, api) => (apiError || !api ? callback(apiError) : api(connection, topics, callback)))
      }, 'kafka-plus:describeLogDirs'), timeoutMs, `Broker ${id} did not answer DescribeLogDirs within ${timeoutMs} ms.`)
      return { broker: id, host, port, ok: true, logDirs: response.results.map(toUsage) }
    } catch (error: unknown) {
      // The client fails the request on a top-level error code (a refusal, say): mapped here.
      const mapped = wire.mapError(error, `DescribeLogDirs on broker ${id}`)
      return { broker: id, host, port, ok: false, code: mapped.code, message: mapped.message }
    }
  }))
}
