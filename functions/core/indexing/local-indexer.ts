// Local mode's built-in indexer: one consumer-group member per cluster reading the topics the
// plan enables, batching, writing to VictoriaLogs and committing only once the write is on
// VictoriaLogs' disk (durability.ts). The plan is re-read every few seconds; a change of the
// topic set re-joins with the new subscription.
import type { ClusterConfig } from '../config.ts'
import { openGroupConsumer, type GroupConsumer, type OAuthTokenProvider, type RawRecord } from '../kafka/index.ts'
import type { VictoriaLogsClient } from '../victorialogs/index.ts'
import type { SchemaDecoder } from '../schemas/decoder.ts'
import { CompiledPlan } from './batch.ts'
import { DurabilityGate } from './durability.ts'
import { backoffDelay, indexBatch } from './indexer.ts'
import { abortableSleep } from '../time/sleep.ts'
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
  /** When VictoriaLogs has a write on disk (default: read from its /metrics); offsets wait for it. */
  durability?: DurabilityGate
  /** The cluster's schema registry decoder: registry-framed records are indexed decoded. */
  decoder?: SchemaDecoder
}

export interface LocalIndexerStatus {
  cluster: string
  groupId: string
  topics: string[]
  /** Batches on VictoriaLogs' disk with their offsets committed; seen and indexed count their records. */
  batches: number
  seen: number
  indexed: number
  /** Records VictoriaLogs acknowledged that wait to be on its disk before their offsets are committed. */
  pending: number
  retries: number
  lastError: string | null
}

export interface LocalIndexer {
  status(): LocalIndexerStatus
  stop(): Promise<void>
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Decimal offsets without leading zeros compare by length, then by text (no BigInt per record). */
const offsetBelow = (a: string, b: string) => a.length < b.length || (a.length === b.length && a < b)

/** Per partition, the last record only, without its payload: all a commit needs, kept while the batch settles. */
export function commitMarks(records: readonly RawRecord[]): RawRecord[] {
  const last = new Map<string, RawRecord>()
  for (const r of records) {
    const id = `${r.topic}\0${r.partition}`
    const seen = last.get(id)
    if (!seen || offsetBelow(seen.offset, r.offset)) last.set(id, r)
  }
  return [...last.values()].map((r) => ({ topic: r.topic, partition: r.partition, offset: r.offset, timestamp: r.timestamp, key: null, value: null, headers: [] }))
}

export function startLocalIndexer(options: LocalIndexerOptions): LocalIndexer {
  const { cluster, logs, store } = options
  const groupId = options.groupId ?? indexerGroupId(cluster.id)
  const pollMs = options.planPollMs ?? 2_000
  const log = options.log ?? ((m: string) => console.log(`[indexer] ${m}`))
  const controller = new AbortController()
  const { signal } = controller
  const status: LocalIndexerStatus = { cluster: cluster.id, groupId, topics: [], batches: 0, seen: 0, indexed: 0, pending: 0, retries: 0, lastError: null }
  const durability = options.durability ?? new DurabilityGate(() => logs.storageState())
  let consumer: GroupConsumer | undefined
  let plan: CompiledPlan | undefined
  // Batches written to VictoriaLogs while the next one is prepared: this process's CPU and
  // VictoriaLogs' ingestion overlap. At most maxInFlight writes at once.
  const maxInFlight = Math.max(1, options.maxInFlight ?? 3)
  let inFlight: Promise<void>[] = []
  // Written batches wait (in order) until VictoriaLogs has them on disk, then commit: offsets
  // never pass a batch that is not durable. A wait is a deadline, not work: reading goes on.
  let commits: Promise<void> = Promise.resolve()
  let unsettled = 0
  let lastDeadline = 0
  // Per consumer: aborting it drops the commits still waiting (their records are read again).
  let generation = new AbortController()
  let failure: Error | undefined
  let planVersion = ''
  let nextPlanCheck = 0

  const fail = (error: unknown) => { failure ??= error instanceof Error ? error : new Error(String(error)) }

  const sleep = (ms: number) => abortableSleep(ms, signal)

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
    consumer = await openGroupConsumer(cluster, {
      groupId, topics, ...(options.oauthTokenProvider ? { oauthTokenProvider: options.oauthTokenProvider } : {}),
    })
    log(`${cluster.id}: indexing ${topics.join(', ')} as group ${groupId}`)
  }

  /** Waits for every write, then for every commit (each at most one durability delay away); the first failure is thrown. */
  async function drain(): Promise<void> {
    await Promise.allSettled(inFlight)
    inFlight = []
    await commits.catch(() => {})
    if (failure) throw failure
  }

  /** Drops what is not committed yet: those records are read again from the committed offsets. */
  async function abandon(): Promise<void> {
    await Promise.allSettled(inFlight)
    inFlight = []
    generation.abort(new Error('indexer consumer restarted'))
    await commits.catch(() => {})
    commits = Promise.resolve()
    generation = new AbortController()
  }

  function write(current: GroupConsumer, compiled: CompiledPlan, records: RawRecord[]): Promise<void> {
    const marks = commitMarks(records)
    // Not the stop signal: stopping lets written batches settle (bounded, see below).
    const settling = generation.signal
    const written = indexBatch(logs, compiled, records, {
      signal,
      durability,
      ...(options.decoder ? { decoder: options.decoder } : {}),
      onRetry: (attempt, error, delay) => {
        status.retries++
        status.lastError = message(error)
        if (attempt === 1 || attempt % 10 === 0) log(`${cluster.id}: VictoriaLogs write failed (${message(error)}); retry ${attempt} in ${delay} ms, offsets not committed`)
      },
    })
    // Counted as pending from the acknowledgement until committed or dropped (a link skipped
    // after an earlier failure ends before its write may be acknowledged: not counted then).
    let pending = 0
    let ended = false
    const acknowledged = written.then((result) => {
      if (!ended) {
        pending = result.seen
        status.pending += pending
      }
      if (result.acknowledged) lastDeadline = Math.max(lastDeadline, durability.deadline(result.acknowledged))
      return result
    })
    // Its failure is reported through `written` below (a skipped link never awaits it).
    acknowledged.catch(() => {})
    unsettled++
    commits = commits.then(async () => {
      const result = await acknowledged
      // Only now: VictoriaLogs has this batch, and every earlier one, on disk. A failed commit
      // means the batches are read again (at-least-once).
      if (result.acknowledged) await durability.settle(result.acknowledged, settling, result.seen)
      await current.commit(marks)
      status.batches++
      status.seen += result.seen
      status.indexed += result.indexed
      status.lastError = null
    }).finally(() => {
      ended = true
      unsettled--
      status.pending -= pending
    })
    commits.catch(fail)
    return written.then(() => {}, (error: unknown) => fail(error))
  }

  async function step(): Promise<void> {
    if (failure) throw failure
    await refreshPlan()
    if (!consumer || !plan) return sleep(pollMs)
    const records = await consumer.next({ maxRecords: options.maxBatch ?? 5_000, lingerMs: options.lingerMs ?? 200, idleMs: pollMs })
    if (records.length === 0) return
    const batch = write(consumer, plan, records)
    inFlight.push(batch)
    void batch.finally(() => { inFlight = inFlight.filter((b) => b !== batch) })
    if (inFlight.length >= maxInFlight) await inFlight[0]
    // Bounded memory (a batch's marks and counters) should VictoriaLogs' state stay unreadable.
    if (unsettled >= 1_000) await commits.catch(() => {})
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
        log(`${cluster.id}: ${message(error).replace(/\.$/, '')}; restarting the consumer from the committed offsets`)
        await abandon()
        failure = undefined
        await consumer?.close().catch(() => {})
        consumer = undefined
        status.topics = []
        planVersion = ''
        nextPlanCheck = 0
        await sleep(backoffDelay(failures, 500, 30_000))
      }
    }
    // Stopping: what was written gets its chance to become durable and be committed (a few
    // seconds), so a restart does not index it twice; past that it is simply read again.
    await Promise.allSettled(inFlight)
    const settleMs = Math.max(0, lastDeadline - durability.now())
    if (unsettled > 0) log(`${cluster.id}: waiting up to ${Math.ceil(settleMs / 1000) + 5} s for VictoriaLogs to have the last ${status.pending} records on disk before committing`)
    const timer = setTimeout(() => generation.abort(new Error('indexer stopped')), settleMs + 5_000)
    await commits.catch(() => {})
    clearTimeout(timer)
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
