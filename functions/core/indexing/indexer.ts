// The indexer core shared by both built-in runners: prepare a batch, write it to VictoriaLogs,
// and only once VictoriaLogs has it on disk (durability.ts) let the caller commit its Kafka
// offsets (at-least-once). While VictoriaLogs is down the write is retried with backoff; nothing
// is committed, so nothing is lost.
import { AppError } from '../errors.ts'
import type { RawRecord } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import type { SchemaDecoder } from '../schemas/decoder.ts'
import { prepareBatch, type CompiledPlan, type TopicCounters } from './batch.ts'
import { streamFields } from './document.ts'
import type { Acknowledged, DurabilityGate } from './durability.ts'
import { abortableSleep } from '../time/sleep.ts'

export interface RetryOptions {
  /** Give up after this many attempts (Lambda: the event source retries the batch); default: never. */
  maxAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  signal?: AbortSignal
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void
  /** Notes which VictoriaLogs process took the write, so the caller can tell when it is durable. */
  durability?: DurabilityGate
}

export interface BatchResult {
  seen: number
  indexed: number
  counters: Map<string, TopicCounters>
  /** The write as VictoriaLogs acknowledged it (with a durability gate; none when nothing was written). */
  acknowledged?: Acknowledged
}

/** Errors worth waiting out: VictoriaLogs unreachable or answering 5xx. A 400 would repeat. */
const retryable = (error: unknown) => error instanceof AppError && error.retryable

/** As abortableSleep, but an abort rejects with the signal's reason (a retry loop stops there). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise<void>((resolve) => setTimeout(resolve, ms))
  signal.throwIfAborted()
  await abortableSleep(ms, signal)
  signal.throwIfAborted()
}

/** Exponential backoff with jitter, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential / 2 + random() * (exponential / 2))
}

export async function insertWithRetry(logs: VictoriaLogsClient, body: Buffer, options: RetryOptions = {}): Promise<Acknowledged | undefined> {
  const { maxAttempts = Infinity, baseDelayMs = 250, maxDelayMs = 10_000, durability } = options
  for (let attempt = 1; ; attempt++) {
    try {
      // Read per attempt: a retry may reach a VictoriaLogs restarted since the first one.
      const state = await durability?.beforeWrite()
      // The whole batch as bytes in one write (json-lines.ts already encoded it), not a stream of
      // documents: cheaper at tens of thousands of records a second, and a retry can send it again.
      await logs.insertLines(body, { streamFields })
      return state && durability?.acknowledged(state)
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

/**
 * Resolves once VictoriaLogs accepted every document of the batch: acknowledged, not yet durable.
 * Offsets may be committed only after `durability.settle(result.acknowledged)`.
 */
export async function indexBatch(logs: VictoriaLogsClient, plan: CompiledPlan, records: Iterable<RawRecord>, options: IndexOptions = {}): Promise<BatchResult> {
  const list = Array.isArray(records) ? records as RawRecord[] : [...records]
  // Schemas are fetched (once per id, never failing the batch) before the synchronous preparation.
  await options.decoder?.prepare(list)
  const prepared = prepareBatch(list, plan, new Date(), options.decoder)
  let seen = 0
  for (const c of prepared.counters.values()) seen += c.seen
  let acknowledged: Acknowledged | undefined
  if (prepared.counters.size > 0) {
    // Messages and counters in one request: the counters are true exactly when the messages are in.
    for (const stats of prepared.statsDocuments) prepared.documents.push(stats)
    acknowledged = await insertWithRetry(logs, prepared.documents.toBuffer(), options)
  }
  const result: BatchResult = { seen, indexed: prepared.documents.count - prepared.statsDocuments.length, counters: prepared.counters }
  if (acknowledged) result.acknowledged = acknowledged
  return result
}

/** indexBatch, resolving only once the batch is on VictoriaLogs' disk (the Lambda's way: one batch per call). */
export async function indexBatchDurably(logs: VictoriaLogsClient, durability: DurabilityGate, plan: CompiledPlan, records: Iterable<RawRecord>, options: Omit<RetryOptions, 'durability'> = {}): Promise<BatchResult> {
  const result = await indexBatch(logs, plan, records, { ...options, durability })
  if (result.acknowledged) await durability.settle(result.acknowledged, options.signal, result.seen)
  return result
}
