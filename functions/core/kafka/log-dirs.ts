// DescribeLogDirs, one request per broker so that one slow or dead broker cannot hide the others.
import { kGetApi, kGetConnection, kPerformWithRetry, type Callback, type Connection } from '@platformatic/kafka'
import { AppError } from '../errors.ts'
import type { KafkaCluster } from './cluster.ts'
import { mapKafkaError } from './errors.ts'
import { withKafkaTimeout } from './timeout.ts'

export interface PartitionSize {
  topic: string
  partition: number
  bytes: number
  /** Bytes behind the leader for a follower replica (0 on the leader). */
  offsetLag: number
  /** A replica being moved to another log dir (KIP-113). */
  isFuture: boolean
}

export interface LogDirUsage {
  path: string
  /** Error code name for an offline log dir, else null. */
  error: string | null
  /** Kafka ≥ 3.3 reports the volume's size; older brokers answer -1, given here as null. */
  totalBytes: number | null
  usableBytes: number | null
  partitions: PartitionSize[]
}

export type BrokerLogDirs =
  | { broker: number; host: string; port: number; ok: true; logDirs: LogDirUsage[] }
  | { broker: number; host: string; port: number; ok: false; code: string; message: string }

interface RawResponse {
  errorCode: number
  results: { errorCode: number; logDir: string; totalBytes: bigint; usableBytes: bigint; topics: { name: string; partitions: { partitionIndex: number; partitionSize: bigint; offsetLag: bigint; isFutureKey: boolean }[] }[] }[]
}
type RequestTopics = { name: string; partitions: number[] }[]
type LogDirsApi = (connection: Connection, topics: RequestTopics, callback: Callback<RawResponse>) => void
interface AdminInternals {
  [kPerformWithRetry]<T>(id: string, operation: (callback: Callback<T>) => void, callback: Callback<T>, attempt?: number): void
  [kGetConnection](broker: { host: string; port: number }, callback: Callback<Connection>): void
  [kGetApi](name: string, callback: Callback<LogDirsApi>): void
}

const bytesOrNull = (value: bigint) => (value < 0n ? null : Number(value))

function toUsage(result: RawResponse['results'][number]): LogDirUsage {
  return {
    path: result.logDir,
    error: result.errorCode === 0 ? null : `KAFKA_ERROR_${result.errorCode}`,
    totalBytes: bytesOrNull(result.totalBytes),
    usableBytes: bytesOrNull(result.usableBytes),
    partitions: result.topics.flatMap((topic) => topic.partitions.map((p) => ({
      topic: topic.name, partition: p.partitionIndex, bytes: Number(p.partitionSize), offsetLag: Number(p.offsetLag), isFuture: p.isFutureKey,
    }))),
  }
}

function askBroker(cluster: KafkaCluster, broker: { host: string; port: number }, topics: RequestTopics): Promise<RawResponse> {
  const internals = cluster.admin() as unknown as AdminInternals
  return new Promise((resolve, reject) => {
    internals[kGetConnection](broker, (connectionError, connection) => {
      if (connectionError || !connection) return reject(connectionError ?? new Error('no connection'))
      internals[kPerformWithRetry]<RawResponse>('kafka-plus:describeLogDirs', (retry) => {
        internals[kGetApi]('DescribeLogDirs', (apiError, api) => {
          if (apiError || !api) return retry(apiError ?? new Error('DescribeLogDirs unavailable'))
          // Every partition is asked for; each broker answers for the replicas it hosts.
          api(connection, topics, retry)
        })
      }, (error, response) => (error ? reject(error) : resolve(response as RawResponse)), 0)
    })
  })
}

/** Every broker in parallel, each with its own timeout; failures are reported per broker. */
export async function describeLogDirs(cluster: KafkaCluster, timeoutMs = 10_000): Promise<BrokerLogDirs[]> {
  const metadata = await cluster.fullMetadata()
  const topics = metadata.topics
    .filter((t): t is typeof t & { name: string } => typeof t.name === 'string')
    .map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) }))
  return Promise.all(metadata.brokers.map(async ({ nodeId, host, port }): Promise<BrokerLogDirs> => {
    try {
      const response = await withKafkaTimeout(askBroker(cluster, { host, port }, topics), timeoutMs, `Broker ${nodeId} did not answer DescribeLogDirs within ${timeoutMs} ms.`)
      if (response.errorCode !== 0) throw mapKafkaError(Object.assign(new Error('DescribeLogDirs'), { errors: [] }), 'DescribeLogDirs', cluster.id)
      return { broker: nodeId, host, port, ok: true, logDirs: response.results.map(toUsage) }
    } catch (error: unknown) {
      const mapped = error instanceof AppError ? error : mapKafkaError(error, `DescribeLogDirs on broker ${nodeId}`, cluster.id)
      return { broker: nodeId, host, port, ok: false, code: mapped.code, message: mapped.message }
    }
  }))
}
