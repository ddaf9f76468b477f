// The indexer core shared by both built-in runners: prepare a batch, write it to VictoriaLogs,
// and only then let the caller commit its Kafka offsets (at-least-once). While VictoriaLogs is
// down the write is retried with backoff; nothing is committed, so nothing is lost.
import { AppError } from '../errors.ts'
import type { RawRecord } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import type { SchemaDecoder } from '../schemas/decoder.ts'
import { prepareBatch, type CompiledPlan, type TopicCounters } from './batch.ts'
import { streamFields } from './document.ts'

export interface RetryOptions {
  /** Give up after this many attempts (Lambda: the event source retries the batch); default: never. */
  maxAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  signal?: AbortSignal
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void
}

export interface BatchResult {
  seen: number
  indexed: number
  counters: Map<string, TopicCounters>
}

/** Errors worth waiting out: VictoriaLogs unreachable or answering 5xx. A 400 would repeat. */
const retryable = (error: unknown) => error instanceof AppError && error.retryable

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason as Error)
  const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve() }, ms)
  const onAbort = () => { clearTimeout(timer); reject(signal?.reason as Error) }
  signal?.addEventListener('abort', onAbort, { once: true })
})

/** Exponential backoff with jitter, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential / 2 + random() * (exponential / 2))
}

export async function insertWithRetry(logs: VictoriaLogsClient, body: Buffer, options: RetryOptions = {}): Promise<void> {
  const { maxAttempts = Infinity, baseDelayMs = 250, maxDelayMs = 10_000 } = options
  for (let attempt = 1; ; attempt++) {
    try {
      // The whole batch as bytes in one write (json-lines.ts already encoded it), not a stream of
      // documents: cheaper at tens of thousands of records a second, and a retry can send it again.
      await logs.insertLines(body, { streamFields })
      return
    } catch (error: unknown) {
      if (!retryable(error) || attempt >= maxAttempts || options.signal?.aborted) throw error
      const delay = backoffDelay(attempt, baseDelayMs, maxDelayMs)
      options.onRetry?.(attempt, error, delay)
      await sleep(delay, options.signal)
    }
  }
}

export interface IndexOptions extends RetryOptions {
  /** The cluster's schema registry decoder: registry-framed records are indexed decoded. */
  decoder?: SchemaDecoder
}

/** Resolves once VictoriaLogs accepted every document of the batch; then offsets may be committed. */
export async function indexBatch(logs: VictoriaLogsClient, plan: CompiledPlan, records: Iterable<RawRecord>, options: IndexOptions = {}): Promise<BatchResult> {
  const list = Array.isArray(records) ? records as RawRecord[] : [...records]
  // Schemas are fetched (once per id, never failing the batch) before the synchronous preparation.
  await options.decoder?.prepare(list)
  const prepared = prepareBatch(list, plan, new Date(), options.decoder)
  let seen = 0
  for (const c of prepared.counters.values()) seen += c.seen
  if (prepared.counters.size > 0) {
    // Messages and counters in one request: the counters are true exactly when the messages are in.
    for (const stats of prepared.statsDocuments) prepared.documents.push(stats)
    await insertWithRetry(logs, prepared.documents.toBuffer(), options)
  }
  return { seen, indexed: prepared.documents.count - prepared.statsDocuments.length, counters: prepared.counters }
}
