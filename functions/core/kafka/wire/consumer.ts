// A consumer-group member that hands out batches and commits only when told: the local
// indexer commits after VictoriaLogs accepted a batch (at-least-once). Bigints stay in here.
//
// The client's Consumer keeps the membership (join, heartbeats, assignments, commits); records
// are read here, with its fetch() and the wire layer's recordsOf(), one fetch in flight per
// leader. The client's MessagesStream did the same reading at ~5 µs a record (a message object
// per record with a bound commit, a diagnostic context, a headers Map, an object-mode push); the
// indexer spends ~22 µs on a record in all, so that was its largest single cost after decoding.
import { findErrorBy } from './client.ts'
import { ConnectionPool } from './client.ts'
import { Consumer } from './client-consumer.ts'
import type { ClusterConfig } from '../../config.ts'
import { PartitionTable } from '../partition-table.ts'
import type { OAuthTokenProvider, RawRecord } from '../types.ts'
import { connectionOptions } from './connection.ts'
import { errorName, mapKafkaError } from './errors.ts'
import { nextOffsetOf, recordsOf, type FetchResponse } from './fetch.ts'

export interface GroupConsumerOptions {
  groupId: string
  topics: string[]
  clientId?: string
  oauthTokenProvider?: OAuthTokenProvider
  /** Records buffered before fetching pauses (backpressure while a batch is being written). */
  bufferRecords?: number
}

export interface NextBatchOptions {
  maxRecords: number
  /** After the first record arrives, wait at most this long for the batch to fill. */
  lingerMs: number
  /** With nothing to read, return an empty batch after this long. */
  idleMs: number
}

type Client = Consumer<Buffer, Buffer, Buffer, Buffer>

/** Where this member reads an assigned partition next. */
interface Position { topic: string; partition: number; offset: bigint }

/** One topic's partitions in a fetch to their leader, with where each was asked from. */
interface FetchedTopic { topicId: string; topic: string; partitions: Position[] }

const earliest = -2n
// 1 MiB responses (the Java consumer's per-partition default): the client reads every field of
// a response through a buffer list it scans from its first chunk, so a record costs more the
// larger the response (the indexer bench, 16 MiB → 1 MiB: ~35,000 → ~42,000 records per
// CPU-second). A record larger than this still comes, alone (KIP-74).
const fetchMaxBytes = 1024 * 1024
const fetchMaxWaitMs = 500
/** A partition without a leader (or missing from metadata) is looked for again after this long. */
const leaderRetryMs = 1_000

export class GroupConsumer {
  readonly #consumer: Client
  /** Fetches' own connections: a long-poll must not hold heartbeats and commits back on the coordinator's. */
  readonly #fetchPool: ConnectionPool
  readonly #cluster: string
  readonly #topics: string[]
  readonly #limit: number
  #queue: RawRecord[] = []
  readonly #positions = new PartitionTable<Position>()
  /** Leaders with a fetch in flight: one at a time each, so a quiet broker's long-poll holds back no other. */
  readonly #inflight = new Set<number>()
  #assignmentsChanged = true
  #refreshMetadata = false
  #retryTimer: NodeJS.Timeout | undefined
  #pumping = false
  #pumpAgain = false
  #closed = false
  #error: unknown
  #wake: (() => void) | undefined
  /** Queue length at which a waiting next() has something to do: not every record wakes it. */
  #wakeAt = 1

  private constructor(consumer: Client, fetchPool: ConnectionPool, cluster: string, topics: string[], limit: number) {
    this.#consumer = consumer
    this.#fetchPool = fetchPool
    this.#cluster = cluster
    this.#topics = topics
    this.#limit = limit
    // Every (re)join may move partitions: positions are brought up to date before the next fetch.
    consumer.on('consumer:group:join', () => {
      this.#assignmentsChanged = true
      this.#pump()
    })
    // A rejoin that fails after a heartbeat error is emitted, not thrown: unheard, it would end the process.
    consumer.on('error', (error: unknown) => this.#fail(error))
  }

  /** Joins the group; reading starts from its committed offsets, or the earliest when it has none. */
  static async open(cluster: ClusterConfig, options: GroupConsumerOptions): Promise<GroupConsumer> {
    const clientId = options.clientId ?? `kafka-plus-indexer-${cluster.id}`
    const connection = connectionOptions(cluster, options.oauthTokenProvider)
    const consumer: Client = new Consumer<Buffer, Buffer, Buffer, Buffer>({
      clientId,
      ...connection,
      groupId: options.groupId,
      sessionTimeout: 15_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 15_000,
      retries: 3,
      retryDelay: 500,
    })
    const member = new GroupConsumer(consumer, new ConnectionPool(clientId, connection), cluster.id, options.topics, options.bufferRecords ?? 20_000)
    try {
      consumer.topics.trackAll(...options.topics)
      // As a pump: a rejoin meanwhile waits for this sync, then syncs again (two at once would both add partitions).
      member.#pumping = true
      try {
        await consumer.joinGroup({})
        // Positions before open() returns: a group whose offsets cannot be read fails here.
        await member.#syncAssignments()
      } finally {
        member.#pumping = false
      }
      member.#pump()
      return member
    } catch (error: unknown) {
      member.#closed = true
      member.#fetchPool.close(() => {})
      await forceClose(consumer).catch(() => {})
      throw mapKafkaError(error, 'Joining the indexer consumer group', cluster.id)
    }
  }

  /** Keeps the positions of partitions still assigned, drops the rest (and their unread records), reads the new ones' committed offsets. */
  async #syncAssignments(): Promise<void> {
    this.#assignmentsChanged = false
    const assigned = new PartitionTable<true>()
    for (const { topic, partitions } of this.#consumer.assignments ?? []) for (const partition of partitions) assigned.set(topic, partition, true)
    const revoked = [...this.#positions.values()].filter((p) => !assigned.get(p.topic, p.partition))
    for (const p of revoked) this.#positions.delete(p.topic, p.partition)
    if (revoked.length > 0) this.#queue = this.#queue.filter((r) => this.#positions.get(r.topic, r.partition))
    const added = new Map<string, number[]>()
    for (const { topic, partitions } of this.#consumer.assignments ?? []) {
      const fresh = partitions.filter((partition) => !this.#positions.get(topic, partition))
      if (fresh.length > 0) added.set(topic, fresh)
    }
    if (added.size === 0) return
    const committed = await this.#consumer.listCommittedOffsets({ topics: [...added].map(([topic, partitions]) => ({ topic, partitions })) })
    const uncommitted = new Map<string, number[]>()
    for (const [topic, partitions] of added) {
      for (const partition of partitions) {
        const offset = committed.get(topic)?.[partition] ?? -1n
        if (offset >= 0n) this.#positions.set(topic, partition, { topic, partition, offset })
        else uncommitted.set(topic, [...uncommitted.get(topic) ?? [], partition])
      }
    }
    const starts = await this.#logStarts(uncommitted)
    for (const [topic, partitions] of uncommitted) for (const partition of partitions) this.#positions.set(topic, partition, { topic, partition, offset: starts.get(topic, partition) ?? 0n })
  }

  /** The log's start (its earliest offset) of each partition. */
  async #logStarts(partitions: Map<string, number[]>): Promise<PartitionTable<bigint>> {
    const found = new PartitionTable<bigint>()
    if (partitions.size === 0) return found
    const offsets = await this.#consumer.listOffsets({ topics: [...partitions.keys()], partitions: Object.fromEntries(partitions), timestamp: earliest })
    for (const [topic, list] of partitions) {
      for (const partition of list) {
        const offset = offsets.get(topic)?.[partition]
        if (offset === undefined || offset < 0n) throw new Error(`no earliest offset for ${topic}-${partition}`)
        found.set(topic, partition, offset)
      }
    }
    return found
  }

  /** Starts a fetch for every leader without one, unless paused (queue full), closed or failed. */
  #pump(): void {
    if (this.#pumping) {
      this.#pumpAgain = true
      return
    }
    this.#pumping = true
    void this.#schedule().catch((error: unknown) => this.#fail(error)).finally(() => {
      this.#pumping = false
      if (this.#pumpAgain) this.#pump()
    })
  }

  async #schedule(): Promise<void> {
    do {
      this.#pumpAgain = false
      if (this.#closed || this.#error !== undefined || this.#queue.length >= this.#limit) return
      if (this.#assignmentsChanged) await this.#syncAssignments()
      if (this.#positions.size === 0) return
      const metadata = await this.#consumer.metadata({ topics: this.#topics, forceUpdate: this.#refreshMetadata })
      this.#refreshMetadata = false
      let leaderless = false
      const byLeader = new Map<number, Map<string, FetchedTopic>>()
      for (const position of this.#positions.values()) {
        const topic = metadata.topics.get(position.topic)
        const leader = topic?.partitions[position.partition]?.leader
        if (!topic || leader === undefined || leader < 0) {
          leaderless = true
          continue
        }
        if (this.#inflight.has(leader)) continue
        const topics = byLeader.get(leader) ?? new Map<string, FetchedTopic>()
        byLeader.set(leader, topics)
        const entry = topics.get(topic.id) ?? { topicId: topic.id, topic: position.topic, partitions: [] }
        topics.set(topic.id, entry)
        entry.partitions.push({ ...position })
      }
      for (const [leader, topics] of byLeader) {
        this.#inflight.add(leader)
        void this.#fetchFrom(leader, [...topics.values()])
      }
      // Nothing else would look again (no fetch ends, no rebalance): a timer does, with fresh metadata.
      if (leaderless && this.#retryTimer === undefined) {
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = undefined
          this.#refreshMetadata = true
          this.#pump()
        }, leaderRetryMs)
      }
    } while (this.#pumpAgain)
  }

  async #fetchFrom(leader: number, requested: FetchedTopic[]): Promise<void> {
    try {
      const response = await this.#consumer.fetch({
        node: leader, minBytes: 1, maxBytes: fetchMaxBytes, maxWaitTime: fetchMaxWaitMs, connectionPool: this.#fetchPool,
        topics: requested.map((t) => ({
          topicId: t.topicId,
          partitions: t.partitions.map((p) => ({ partition: p.partition, fetchOffset: p.offset, partitionMaxBytes: fetchMaxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 })),
        })),
      }) as unknown as FetchResponse
      if (this.#closed) return
      const names = new Map(requested.map((t) => [t.topicId, t.topic]))
      const asked = new PartitionTable<bigint>()
      for (const t of requested) for (const p of t.partitions) asked.set(t.topic, p.partition, p.offset)
      let length = this.#queue.length
      for (const t of response.responses) {
        const topic = names.get(t.topicId)
        if (topic === undefined) continue
        for (const p of t.partitions) {
          const from = asked.get(topic, p.partitionIndex)
          const position = this.#positions.get(topic, p.partitionIndex)
          // Revoked, or moved (out of range, a rebalance) while this fetch was out: not ours to use.
          if (from === undefined || !position || position.offset !== from || !p.records) continue
          for (const record of recordsOf(topic, p.partitionIndex, from, p.records)) length = this.#queue.push(record)
          position.offset = nextOffsetOf(from, p.records)
        }
      }
      // Woken per record, a lingering next() made a timer and a promise for each one.
      if (length >= this.#wakeAt) this.#wake?.()
    } catch (error: unknown) {
      if (this.#closed) return
      const outOfRange = error instanceof Error && findErrorBy(error, 'apiId', 'OFFSET_OUT_OF_RANGE') ? this.#outOfRange(error, requested) : []
      if (outOfRange.length > 0) await this.#resetToStart(outOfRange).catch((reset: unknown) => this.#fail(reset))
      else this.#fail(error)
    } finally {
      this.#inflight.delete(leader)
      this.#pump()
    }
  }

  /** The partitions the broker answered OFFSET_OUT_OF_RANGE for, still where this fetch asked. */
  #outOfRange(error: Error, requested: FetchedTopic[]): Position[] {
    const response = (error as { response?: FetchResponse }).response
    const found: Position[] = []
    for (const t of response?.responses ?? []) {
      const asked = requested.find((r) => r.topicId === t.topicId)
      for (const p of t.partitions) {
        if (!asked || errorName(p.errorCode) !== 'OFFSET_OUT_OF_RANGE') continue
        const from = asked.partitions.find((q) => q.partition === p.partitionIndex)
        const position = this.#positions.get(asked.topic, p.partitionIndex)
        if (from && position && position.offset === from.offset) found.push(position)
      }
    }
    return found
  }

  /**
   * Deleted by retention (or truncated) under this member: the group's reset policy, the
   * earliest offset. Only partitions the broker named; if none moves, reading fails (and the
   * indexer reopens with its back-off) rather than asking again at once.
   */
  async #resetToStart(positions: Position[]): Promise<void> {
    const partitions = new Map<string, number[]>()
    for (const p of positions) partitions.set(p.topic, [...partitions.get(p.topic) ?? [], p.partition])
    const before = positions.map((p) => p.offset)
    const starts = await this.#logStarts(partitions)
    let moved = false
    positions.forEach((position, i) => {
      const start = starts.get(position.topic, position.partition)
      // Unless a rebalance moved it meanwhile.
      if (start === undefined || position.offset !== before[i] || start === position.offset) return
      position.offset = start
      moved = true
    })
    if (!moved) throw new Error(`offsets out of range, and the log start does not move them (${positions.map((p) => `${p.topic}-${p.partition}@${p.offset}`).join(', ')})`)
  }

  #fail(error: unknown): void {
    if (this.#closed) return
    this.#error ??= error
    this.#wake?.()
  }

  #waitForData(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = done
    }).finally(() => { this.#wake = undefined })
  }

  /** The next batch: full, lingered, or empty after idling. Rejects once reading failed. */
  async next(options: NextBatchOptions): Promise<RawRecord[]> {
    const started = Date.now()
    let firstAt = this.#queue.length > 0 ? started : 0
    for (;;) {
      if (this.#error !== undefined) throw mapKafkaError(this.#error, 'Consuming records', this.#cluster)
      const now = Date.now()
      if (this.#queue.length > 0 && firstAt === 0) firstAt = now
      const full = this.#queue.length >= options.maxRecords
      const lingered = firstAt > 0 && now - firstAt >= options.lingerMs
      const idle = firstAt === 0 && now - started >= options.idleMs
      if (full || lingered || idle) break
      // Before the first record, the first wakes it (lingering starts); then only a full batch.
      this.#wakeAt = firstAt > 0 ? options.maxRecords : 1
      await this.#waitForData(firstAt > 0 ? options.lingerMs - (now - firstAt) : options.idleMs - (now - started))
    }
    const wasFull = this.#queue.length >= this.#limit
    const batch = this.#queue.length <= options.maxRecords ? this.#queue : this.#queue.slice(0, options.maxRecords)
    this.#queue = batch === this.#queue ? [] : this.#queue.slice(options.maxRecords)
    if (wasFull && this.#queue.length < this.#limit) this.#pump()
    return batch
  }

  /** Commits, per partition, the offset after the last record of `records`. */
  async commit(records: readonly RawRecord[]): Promise<void> {
    const next = new PartitionTable<{ topic: string; partition: number; offset: bigint }>()
    for (const r of records) {
      const offset = BigInt(r.offset) + 1n
      const current = next.get(r.topic, r.partition)
      if (!current || current.offset < offset) next.set(r.topic, r.partition, { topic: r.topic, partition: r.partition, offset })
    }
    if (next.size === 0) return
    try {
      await this.#consumer.commit({ offsets: [...next.values()].map((o) => ({ ...o, leaderEpoch: -1 })) })
    } catch (error: unknown) {
      throw mapKafkaError(error, 'Committing indexer offsets', this.#cluster)
    }
  }

  /** Leaves the group; uncommitted records are read again by whoever joins next. */
  async close(): Promise<void> {
    this.#closed = true
    this.#queue = []
    this.#wake?.()
    clearTimeout(this.#retryTimer)
    this.#fetchPool.close(() => {})
    // A graceful leave lets the next member start at once; a stuck one is forced after 5 s.
    let timer: NodeJS.Timeout | undefined
    const graceful = this.#consumer.close().then(() => true, () => false)
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), 5_000) })
    const closed = await Promise.race([graceful, timeout])
    clearTimeout(timer)
    if (!closed) await forceClose(this.#consumer).catch(() => {})
  }
}

/** close(true) with a callback: the promise overload of close() does not take `force`. */
function forceClose(consumer: { close(force: boolean, callback: (error?: Error | null) => void): void }): Promise<void> {
  return new Promise((resolve, reject) => consumer.close(true, (error) => (error ? reject(error) : resolve())))
}
