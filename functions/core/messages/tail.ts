// Live tail: Fetch by partition from the latest offsets (or the positions a client resumes from),
// filtered server-side, written into a sink. No consumer group is created. The HTTP edge turns the
// sink's calls into server-sent events.
import { AppError, topicNotFound } from '../errors.ts'
import { fetchRecords, listOffsets, type ClusterSnapshot, type KafkaCluster } from '../kafka/index.ts'
import { toMessageItem, type MessageItem } from './decode.ts'
import type { RecordFilter } from './filter.ts'
import { encodeResumeToken, type Positions } from './resume.ts'
import type { TailEnd, TailStats } from '../../contract/messages.ts'
export type { TailStats }

export interface TailSink {
  /** Returns false when the client cannot take more now: the message is dropped and counted. */
  message(item: MessageItem, resumeToken: string): boolean
  stats(stats: TailStats, resumeToken: string): void
  error(error: AppError): void
  end(reason: TailEnd['reason'], detail: string): void
}

export interface TailOptions {
  partitions?: number[]
  filter?: RecordFilter
  resume?: Positions
  maxDurationMs: number
  valueCap: number
  signal: AbortSignal
  pollWaitMs?: number
  statsEveryMs?: number
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, ms)
  signal.addEventListener('abort', () => { clearTimeout(timer); resolve() }, { once: true })
})

// Leadership moved (a broker restarted, a leader was re-elected): refresh metadata and go on.
const staleMetadataErrors = new Set(['FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH', 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE'])
const isStaleMetadata = (error: unknown) => error instanceof AppError && staleMetadataErrors.has(String(error.extra?.kafkaError))

const topicIn = (metadata: ClusterSnapshot, topic: string) => metadata.topics.find((t) => t.name === topic)

let active = 0
/** Tails running in this process: an operational gauge, and how tests see disconnect clean-up. */
export const activeTails = () => active

export async function runTail(cluster: KafkaCluster, topic: string, options: TailOptions, sink: TailSink): Promise<void> {
  active++
  try {
    await tailLoop(cluster, topic, options, sink)
  } finally {
    active--
  }
}

async function tailLoop(cluster: KafkaCluster, topic: string, options: TailOptions, sink: TailSink): Promise<void> {
  const { signal } = options
  const deadline = Date.now() + options.maxDurationMs
  let metadata = await cluster.metadata()
  const described = topicIn(metadata, topic)
  if (!described) throw topicNotFound(topic)
  const partitions = (options.partitions?.length ? options.partitions : described.partitions.map((p) => p.partition)).sort((a, b) => a - b)
  const positions: Positions = new Map()
  const missing = partitions.filter((p) => !options.resume?.has(p))
  if (missing.length > 0) {
    const { latest } = await listOffsets(cluster, [{ topic, partitions: missing }], { latest: 'latest' })
    for (const p of missing) positions.set(p, BigInt(latest.get(topic, p)?.offset ?? '0'))
  }
  for (const p of partitions) if (options.resume?.has(p)) positions.set(p, options.resume.get(p) as bigint)

  const totals = { scanned: 0, matched: 0, dropped: 0 }
  let window = { ...totals, at: Date.now() }
  const statsEveryMs = options.statsEveryMs ?? 1000
  let failures = 0
  const reportStats = () => {
    const now = Date.now()
    const seconds = Math.max(0.001, (now - window.at) / 1000)
    sink.stats({
      ...totals,
      scannedPerSec: Math.round((totals.scanned - window.scanned) / seconds),
      matchedPerSec: Math.round((totals.matched - window.matched) / seconds),
      droppedPerSec: Math.round((totals.dropped - window.dropped) / seconds),
    }, encodeResumeToken(topic, positions))
    window = { ...totals, at: now }
  }

  while (!signal.aborted) {
    if (Date.now() >= deadline) {
      reportStats()
      sink.end('timeout', 'The stream ends itself before the function time limit; reconnect with Last-Event-ID to continue.')
      return
    }
    try {
      const fetched = await fetchRecords(cluster, [...positions].map(([partition, offset]) => ({ topic, partition, offset: offset.toString() })), {
        metadata, maxWaitMs: options.pollWaitMs ?? 500, partitionMaxBytes: 256 * 1024,
      })
      failures = 0
      let stale = false
      for (const result of fetched) {
        if (result.error) stale = true
        for (const record of result.records) {
          totals.scanned++
          positions.set(record.partition, BigInt(record.offset) + 1n)
          if (options.filter && !options.filter(record)) continue
          totals.matched++
          if (!sink.message(toMessageItem(record, options.valueCap), encodeResumeToken(topic, positions))) totals.dropped++
        }
        if (result.records.length === 0 && BigInt(result.nextOffset) > (positions.get(result.partition) ?? 0n)) positions.set(result.partition, BigInt(result.nextOffset))
      }
      if (stale) metadata = await cluster.metadata()
    } catch (error: unknown) {
      if (signal.aborted) break
      failures++
      // A vanished topic ends the stream; anything else is reported and retried with backoff.
      const fresh = await cluster.metadata().catch(() => undefined)
      if (fresh && !topicIn(fresh, topic)) {
        sink.end('topic-deleted', `Topic '${topic}' was deleted.`)
        return
      }
      if (fresh) metadata = fresh
      if (isStaleMetadata(error) && failures === 1) continue
      sink.error(error instanceof AppError ? error : new AppError('KAFKA_ERROR', `Tailing '${topic}' failed; retrying.`, { status: 502, retryable: true, cause: error }))
      await sleep(Math.min(5_000, 250 * 2 ** failures), signal)
    }
    if (Date.now() - window.at >= statsEveryMs) reportStats()
  }
  sink.end('aborted', 'The client went away.')
}
