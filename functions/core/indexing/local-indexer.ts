// Local mode's built-in indexer: one consumer-group member per cluster reading the topics the
// plan enables, batching, writing to VictoriaLogs and committing only after the write. The plan
// is re-read every few seconds; a change of the topic set re-joins with the new subscription.
import type { ClusterConfig } from '../config.ts'
import { GroupConsumer, type OAuthTokenProvider, type RawRecord } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import type { SchemaDecoder } from '../schemas/decoder.ts'
import { CompiledPlan } from './batch.ts'
import { backoffDelay, indexBatch } from './indexer.ts'
import { indexerGroupId, type IndexingPlan } from './plan.ts'
import type { PlanStore } from './plan-store.ts'

export interface LocalIndexerOptions {
  cluster: ClusterConfig
  logs: VictoriaLogsClient
  store: PlanStore
  oauthTokenProvider?: OAuthTokenProvider
  groupId?: string
  planPollMs?: number
  maxBatch?: number
  /** Batches being written at once (default 3). */
  maxInFlight?: number
  lingerMs?: number
  /** false: only follow the plan (for onPlan), read nothing from Kafka. */
  consume?: boolean
  /** Called with every plan read (the Vector config writer hangs off this). */
  onPlan?: (plan: IndexingPlan) => void | Promise<void>
  log?: (message: string) => void
  /** The cluster's schema registry decoder: registry-framed records are indexed decoded. */
  decoder?: SchemaDecoder
}

export interface LocalIndexerStatus {
  cluster: string
  groupId: string
  topics: string[]
  batches: number
  seen: number
  indexed: number
  retries: number
  lastError: string | null
}

export interface LocalIndexer {
  status(): LocalIndexerStatus
  stop(): Promise<void>
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export function startLocalIndexer(options: LocalIndexerOptions): LocalIndexer {
  const { cluster, logs, store } = options
  const groupId = options.groupId ?? indexerGroupId(cluster.id)
  const pollMs = options.planPollMs ?? 2_000
  const log = options.log ?? ((m: string) => console.log(`[indexer] ${m}`))
  const controller = new AbortController()
  const { signal } = controller
  const status: LocalIndexerStatus = { cluster: cluster.id, groupId, topics: [], batches: 0, seen: 0, indexed: 0, retries: 0, lastError: null }
  let consumer: GroupConsumer | undefined
  let plan: CompiledPlan | undefined
  // Batches written to VictoriaLogs while the next one is prepared: this process's CPU and
  // VictoriaLogs' ingestion overlap. Each batch commits only after it is written *and* every
  // earlier batch has committed, so offsets never pass a batch that is not in VictoriaLogs.
  const maxInFlight = Math.max(1, options.maxInFlight ?? 3)
  let inFlight: Promise<void>[] = []
  let failure: Error | undefined
  let planVersion = ''
  let nextPlanCheck = 0

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve() }, { once: true })
  })

  async function refreshPlan(): Promise<void> {
    if (Date.now() < nextPlanCheck) return
    nextPlanCheck = Date.now() + pollMs
    const version = await store.version(cluster.id)
    if (version === planVersion && plan) return
    const loaded = await store.load(cluster.id)
    planVersion = version
    plan = new CompiledPlan(loaded)
    await options.onPlan?.(loaded)
    if (options.consume === false) return
    const topics = plan.topics
    if (topics.join('\n') === status.topics.join('\n') && (consumer || topics.length === 0)) return
    await drain()
    await consumer?.close()
    consumer = undefined
    status.topics = topics
    if (topics.length === 0) return
    consumer = await GroupConsumer.open(cluster, {
      groupId, topics, ...(options.oauthTokenProvider ? { oauthTokenProvider: options.oauthTokenProvider } : {}),
    })
    log(`${cluster.id}: indexing ${topics.join(', ')} as group ${groupId}`)
  }

  /** Waits for every batch in flight; the first failure among them is thrown. */
  async function drain(): Promise<void> {
    await Promise.allSettled(inFlight)
    inFlight = []
    if (failure) throw failure
  }

  function write(current: GroupConsumer, compiled: CompiledPlan, records: RawRecord[]): Promise<void> {
    const previous = inFlight.at(-1)
    const batch = (async () => {
      const result = await indexBatch(logs, compiled, records, {
        signal,
        ...(options.decoder ? { decoder: options.decoder } : {}),
        onRetry: (attempt, error, delay) => {
          status.retries++
          status.lastError = message(error)
          if (attempt === 1 || attempt % 10 === 0) log(`${cluster.id}: VictoriaLogs write failed (${message(error)}); retry ${attempt} in ${delay} ms, offsets not committed`)
        },
      })
      await previous
      // Only now: VictoriaLogs has this batch and every earlier one. A failed commit means the
      // batches are read again (at-least-once).
      await current.commit(records)
      status.batches++
      status.seen += result.seen
      status.indexed += result.indexed
      status.lastError = null
    })()
    batch.catch((error: unknown) => { failure ??= error instanceof Error ? error : new Error(String(error)) })
    return batch
  }

  async function step(): Promise<void> {
    if (failure) throw failure
    await refreshPlan()
    if (!consumer || !plan) return sleep(pollMs)
    const records = await consumer.next({ maxRecords: options.maxBatch ?? 5_000, lingerMs: options.lingerMs ?? 200, idleMs: pollMs })
    if (records.length === 0) return
    const batch = write(consumer, plan, records)
    inFlight.push(batch)
    void batch.finally(() => { inFlight = inFlight.filter((b) => b !== batch) }).catch(() => {})
    if (inFlight.length >= maxInFlight) await (inFlight[0] as Promise<void>).catch(() => {})
  }

  const done = (async () => {
    let failures = 0
    while (!signal.aborted) {
      try {
        await step()
        failures = 0
      } catch (error: unknown) {
        if (signal.aborted) break
        failures++
        status.lastError = message(error)
        log(`${cluster.id}: ${message(error)}; restarting the consumer`)
        await Promise.allSettled(inFlight)
        inFlight = []
        failure = undefined
        await consumer?.close().catch(() => {})
        consumer = undefined
        status.topics = []
        planVersion = ''
        nextPlanCheck = 0
        await sleep(backoffDelay(failures, 500, 30_000))
      }
    }
    await Promise.allSettled(inFlight)
    await consumer?.close().catch(() => {})
  })()

  return {
    status: () => ({ ...status, topics: [...status.topics] }),
    async stop() {
      controller.abort(new Error('indexer stopped'))
      await done
    },
  }
}
