// A consumer-group member that hands out batches and commits only when told: the local
// indexer commits after VictoriaLogs accepted a batch (at-least-once). Bigints stay in here.
import { Consumer, type Message, type MessagesStream } from './client.ts'
import type { ClusterConfig } from '../../config.ts'
import { PartitionTable } from '../partition-table.ts'
import type { OAuthTokenProvider, RawRecord } from '../types.ts'
import { connectionOptions } from './connection.ts'
import { mapKafkaError } from './errors.ts'

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

type Buffers = Message<Buffer, Buffer, Buffer, Buffer>

const toRawRecord = (m: Buffers): RawRecord => ({
  topic: m.topic,
  partition: m.partition,
  offset: m.offset.toString(),
  timestamp: Number(m.timestamp),
  key: m.key ?? null,
  value: m.value ?? null,
  headers: m.headers.size === 0 ? [] : [...m.headers].map(([k, v]) => [k ?? null, v ?? null]),
})

export class GroupConsumer {
  readonly #consumer: Consumer<Buffer, Buffer, Buffer, Buffer>
  readonly #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>
  readonly #cluster: string
  readonly #limit: number
  #queue: RawRecord[] = []
  #error: unknown
  #wake: (() => void) | undefined
  /** Queue length at which a waiting next() has something to do: not every record wakes it. */
  #wakeAt = 1

  private constructor(consumer: Consumer<Buffer, Buffer, Buffer, Buffer>, stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>, cluster: string, limit: number) {
    this.#consumer = consumer
    this.#stream = stream
    this.#cluster = cluster
    this.#limit = limit
    stream.on('data', (message: Buffers) => {
      const length = this.#queue.push(toRawRecord(message))
      if (length >= this.#limit) stream.pause()
      // Woken per record, a lingering next() made a timer and a promise for each one.
      if (length >= this.#wakeAt) this.#wake?.()
    })
    stream.on('error', (error: Error) => {
      this.#error = error
      this.#wake?.()
    })
  }

  /** Joins the group; reading starts from its committed offsets, or the earliest when it has none. */
  static async open(cluster: ClusterConfig, options: GroupConsumerOptions): Promise<GroupConsumer> {
    const consumer = new Consumer<Buffer, Buffer, Buffer, Buffer>({
      clientId: options.clientId ?? `kafka-plus-indexer-${cluster.id}`,
      ...connectionOptions(cluster, options.oauthTokenProvider),
      groupId: options.groupId,
      sessionTimeout: 15_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 15_000,
      retries: 3,
      retryDelay: 500,
    })
    try {
      // 1 MiB responses (the Java consumer's per-partition default): the client reads every field
      // of a response through a buffer list it scans from its first chunk, so a record costs more
      // the larger the response. The indexer bench, 16 MiB → 1 MiB: ~35,000 → ~42,000 records per
      // CPU-second. A record larger than this still comes, alone (KIP-74).
      const stream = await consumer.consume({
        topics: options.topics, mode: 'committed', fallbackMode: 'earliest', autocommit: false,
        maxWaitTime: 500, maxBytes: 1024 * 1024, highWaterMark: 1024,
      })
      return new GroupConsumer(consumer, stream, cluster.id, options.bufferRecords ?? 20_000)
    } catch (error: unknown) {
      await forceClose(consumer).catch(() => {})
      throw mapKafkaError(error, 'Joining the indexer consumer group', cluster.id)
    }
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

  /** The next batch: full, lingered, or empty after idling. Rejects once the stream failed. */
  async next(options: NextBatchOptions): Promise<RawRecord[]> {
    const started = Date.now()
    let firstAt = this.#queue.length > 0 ? started : 0
    for (;;) {
      if (this.#error) throw mapKafkaError(this.#error, 'Consuming records', this.#cluster)
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
    const batch = this.#queue.length <= options.maxRecords ? this.#queue : this.#queue.slice(0, options.maxRecords)
    this.#queue = batch === this.#queue ? [] : this.#queue.slice(options.maxRecords)
    if (this.#stream.isPaused() && this.#queue.length < this.#limit) this.#stream.resume()
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
    this.#queue = []
    await this.#stream.close().catch(() => {})
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
