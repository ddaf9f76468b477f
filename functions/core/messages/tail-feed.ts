// One fetch loop (a feed) and the tails subscribed to it. The feed reads a topic's partitions
// from its own position on a fetch session (connections of its own, never the Admin's) and offers
// every record to every subscriber; each subscriber keeps its own next offset per partition (its
// resume token), filter, counters and sink, and skips what lies before its own position.
//
// Sharing, so that no tail ever sees a gap or a duplicate and none waits for another:
// - at most one feed per key is registered, and it reads at the head of the log: a feed
//   registers when it starts at the latest offsets, or once it has read up to the head;
// - a tail joins the registered feed when that feed has not yet read past the tail's start on
//   any partition (a tail starting at "latest" always can); records between the feed's position
//   and the tail's start are skipped by the tail, not re-read;
// - a tail resuming from before the registered feed's position (or while none is registered)
//   gets a feed of its own that reads its gap; before each fetch, that feed hands its tails
//   over once it is at or past the registered feed on every partition, or registers itself once
//   it has reached the head with none registered. An old resume token never stalls other tails.
import { AppError } from '../errors.ts'
import { fetchRecords, listOffsets, openFetchSession, type ClusterSnapshot, type FetchSession, type KafkaCluster, type PartitionFetch, type RawRecord } from '../kafka/index.ts'
import type { DecodedRecord, MessageDecoder, MessageItem } from './decode.ts'
import { encodeResumeToken, type Positions } from './resume.ts'
import { abortableSleep } from '../time/sleep.ts'
import type { StreamLimit, TailEnd, TailOptions, TailSink } from './tail.ts'

/** The reason to abort a tail's signal with when the edge ends it early at a streaming limit. */
export class TailStop {
  readonly limit: StreamLimit
  readonly detail: string

  constructor(limit: StreamLimit, detail: string) {
    this.limit = limit
    this.detail = detail
  }
}

export interface FeedSettings {
  pollWaitMs: number
}

/** The registry a feed registers in (TailHub). */
export interface FeedHost {
  registered(key: string): Feed | undefined
  register(key: string, feed: Feed): void
  unregister(key: string, feed: Feed): void
  loopStarted(): void
  loopEnded(): void
}

const partitionMaxBytes = 256 * 1024

// Leadership moved (a broker restarted, a leader was re-elected): refresh metadata and go on.
const staleMetadataErrors = new Set(['FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH', 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE'])
const isStaleMetadata = (error: unknown) => error instanceof AppError && staleMetadataErrors.has(String(error.extra?.kafkaError))

/** One tail: its own position, filter, counters and sink, fed by whichever feed it is attached to. */
export class Subscriber {
  readonly #topic: string
  /** The next offset this tail has not yet scanned, per partition: its resume token. */
  readonly #next: Positions
  readonly #options: TailOptions
  readonly #sink: TailSink
  readonly #totals = { scanned: 0, matched: 0, dropped: 0 }
  #window = { scanned: 0, matched: 0, dropped: 0, at: Date.now() }
  #feed: Feed | undefined
  #closed = false
  readonly #timers: NodeJS.Timeout[]
  readonly #onAbort: () => void
  readonly #onClose: () => void
  #resolve: () => void = () => {}
  /** Settles when the tail has ended (its sink got `end`). */
  readonly done: Promise<void>

  constructor(topic: string, start: Positions, options: TailOptions, sink: TailSink, onClose: () => void) {
    this.#topic = topic
    this.#next = new Map(start)
    this.#options = options
    this.#sink = sink
    this.#onClose = onClose
    this.done = new Promise<void>((resolve) => { this.#resolve = resolve })
    this.#timers = [
      setInterval(() => this.#reportStats(), options.statsEveryMs ?? 1000),
      setTimeout(() => this.finish({
        reason: 'timeout', limit: 'duration',
        detail: 'The stream ends itself before the function time limit; reconnect with Last-Event-ID to continue.',
      }), options.maxDurationMs),
    ]
    this.#onAbort = () => {
      const stop: unknown = options.signal.reason
      this.finish(stop instanceof TailStop ? { reason: 'timeout', limit: stop.limit, detail: stop.detail } : { reason: 'aborted', detail: 'The client went away.' })
    }
    options.signal.addEventListener('abort', this.#onAbort, { once: true })
  }

  attach(feed: Feed): void {
    this.#feed = feed
  }

  /** A record the feed read: counted, filtered and sent unless this tail is already past it. */
  offer(record: RawRecord, offset: bigint, decoded: DecodedRecord, decode: (valueCap: number) => MessageItem): void {
    if (this.#closed) return
    const next = this.#next.get(record.partition)
    if (next === undefined || offset < next) return
    this.#next.set(record.partition, offset + 1n)
    this.#totals.scanned++
    const filter = this.#options.filter
    // The bytes first where they can tell (a schema-framed payload is then not decoded at all).
    if (filter && ((filter.probe && decoded.mayContain && !decoded.mayContain(filter.probe)) || !filter(decoded.filterable()))) return
    this.#totals.matched++
    if (!this.#sink.message(decode(this.#options.valueCap), this.#token())) this.#totals.dropped++
  }

  /** Everything before the feed's positions was offered: move past gaps (compaction, markers). */
  advance(positions: Positions): void {
    for (const [partition, offset] of positions) {
      const next = this.#next.get(partition)
      if (next !== undefined && next < offset) this.#next.set(partition, offset)
    }
  }

  /** The log was truncated below this tail's position (a re-created topic, an unclean election). */
  rewind(partition: number, offset: bigint): void {
    this.#next.set(partition, offset)
  }

  error(error: AppError): void {
    if (!this.#closed) this.#sink.error(error)
  }

  finish(end: TailEnd): void {
    if (this.#closed) return
    this.#reportStats()
    this.#closed = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#options.signal.removeEventListener('abort', this.#onAbort)
    this.#sink.end(end, this.#token())
    this.#feed?.remove(this)
    this.#onClose()
    this.#resolve()
  }

  #token(): string {
    return encodeResumeToken(this.#topic, this.#next)
  }

  #reportStats(): void {
    if (this.#closed) return
    const now = Date.now()
    const seconds = Math.max(0.001, (now - this.#window.at) / 1000)
    const totals = this.#totals
    this.#sink.stats({
      ...totals,
      scannedPerSec: Math.round((totals.scanned - this.#window.scanned) / seconds),
      matchedPerSec: Math.round((totals.matched - this.#window.matched) / seconds),
      droppedPerSec: Math.round((totals.dropped - this.#window.dropped) / seconds),
    }, this.#token())
    this.#window = { ...totals, at: now }
  }
}

/** One fetch loop over a topic's partitions, fanned out to its subscribers. */
export class Feed {
  readonly #host: FeedHost
  readonly #cluster: KafkaCluster
  readonly #topic: string
  readonly #key: string
  readonly #settings: FeedSettings
  readonly #decoder: MessageDecoder
  /** The next offset this loop fetches, per partition. */
  readonly #positions: Positions
  #metadata: ClusterSnapshot
  readonly #subscribers = new Set<Subscriber>()
  #registered: boolean
  /** The last fetch read every partition up to its end (nothing more was there to read). */
  #atHead = false
  /** Aborted when the last subscriber leaves, to cut a retry back-off short. */
  readonly #idle = new AbortController()

  constructor(host: FeedHost, cluster: KafkaCluster, topic: string, key: string, start: Positions, metadata: ClusterSnapshot,
    settings: FeedSettings, { registered, decoder }: { registered: boolean; decoder: MessageDecoder }) {
    this.#decoder = decoder
    this.#host = host
    this.#cluster = cluster
    this.#topic = topic
    this.#key = key
    this.#positions = new Map(start)
    this.#metadata = this.#scoped(metadata)
    this.#settings = settings
    this.#registered = registered
    if (registered) host.register(key, this)
  }

  /** The snapshot cut to this topic: each fetch looks its topic up, and a cluster may have thousands. */
  #scoped(snapshot: ClusterSnapshot): ClusterSnapshot {
    return { ...snapshot, topics: snapshot.topics.filter((t) => t.name === this.#topic) }
  }

  position(partition: number): bigint | undefined {
    return this.#positions.get(partition)
  }

  /** True when this loop has already read past `start` on some partition. */
  isAhead(start: Positions): boolean {
    for (const [partition, offset] of start) if ((this.#positions.get(partition) ?? 0n) > offset) return true
    return false
  }

  add(subscriber: Subscriber): void {
    this.#subscribers.add(subscriber)
    subscriber.attach(this)
  }

  remove(subscriber: Subscriber): void {
    if (!this.#subscribers.delete(subscriber) || this.#subscribers.size > 0) return
    // The last one left: the next tail of this topic starts a new loop; this one stops after its fetch.
    this.#host.unregister(this.#key, this)
    this.#idle.abort()
  }

  start(): void {
    this.#run().catch((error: unknown) => {
      const problem = error instanceof AppError ? error : new AppError('KAFKA_ERROR', `Tailing '${this.#topic}' failed.`, { status: 502, retryable: true, cause: error })
      for (const subscriber of [...this.#subscribers]) {
        subscriber.error(problem)
        subscriber.finish({ reason: 'aborted', detail: 'The tail stopped on an error.' })
      }
    })
  }

  async #run(): Promise<void> {
    this.#host.loopStarted()
    let session: FetchSession | undefined
    let failures = 0
    try {
      session = await openFetchSession(this.#cluster)
      while (this.#subscribers.size > 0) {
        if (!this.#registered && this.#handOver()) return
        try {
          const fetched = await fetchRecords(this.#cluster, [...this.#positions].map(([partition, offset]) => ({ topic: this.#topic, partition, offset: offset.toString() })), {
            metadata: this.#metadata, maxWaitMs: this.#settings.pollWaitMs, partitionMaxBytes, session,
          })
          failures = 0
          await this.#deliver(fetched)
        } catch (error: unknown) {
          if (this.#subscribers.size === 0) return
          failures++
          // A vanished topic ends the streams; anything else is reported and retried with back-off.
          const fresh = await this.#cluster.metadata([this.#topic]).catch(() => undefined)
          if (fresh && !fresh.topics.some((t) => t.name === this.#topic)) {
            for (const subscriber of [...this.#subscribers]) subscriber.finish({ reason: 'topic-deleted', detail: `Topic '${this.#topic}' was deleted.` })
            return
          }
          if (fresh) this.#metadata = this.#scoped(fresh)
          if (isStaleMetadata(error) && failures === 1) continue
          const problem = error instanceof AppError ? error : new AppError('KAFKA_ERROR', `Tailing '${this.#topic}' failed; retrying.`, { status: 502, retryable: true, cause: error })
          for (const subscriber of this.#subscribers) subscriber.error(problem)
          await abortableSleep(Math.min(5_000, 250 * 2 ** failures), this.#idle.signal)
        }
      }
    } finally {
      session?.close()
      this.#host.unregister(this.#key, this)
      this.#host.loopEnded()
    }
  }

  /**
   * For an unregistered loop, before each fetch: once it is at or past the registered loop on
   * every partition, its subscribers join that loop and this one stops; with none registered, it
   * registers once it has reached the head of the log.
   */
  #handOver(): boolean {
    const registered = this.#host.registered(this.#key)
    if (!registered) {
      if (this.#atHead) {
        this.#registered = true
        this.#host.register(this.#key, this)
      }
      return false
    }
    if (registered.isAhead(this.#positions)) return false
    for (const subscriber of this.#subscribers) registered.add(subscriber)
    this.#subscribers.clear()
    return true
  }

  async #deliver(fetched: PartitionFetch[]): Promise<void> {
    // The schemas this batch needs, fetched once per id (never throws: a registry outage decodes raw).
    await this.#decoder.prepare(fetched.flatMap((result) => result.records))
    let stale = false
    let atHead = true
    const outOfRange: number[] = []
    for (const result of fetched) {
      if (result.error === 'OFFSET_OUT_OF_RANGE') outOfRange.push(result.partition)
      else if (result.error) stale = true
      // Short of the high watermark with nothing returned: uncommitted transactional records, unreadable yet.
      if (result.error || (result.records.length > 0 && BigInt(result.nextOffset) < BigInt(result.highWatermark))) atHead = false
      for (const record of result.records) {
        const offset = BigInt(record.offset)
        // Decoded once for all subscribers (the value cap is the edge's constant); filters see the
        // decoded JSON of registry-framed payloads.
        const decoded = this.#decoder.decode(record)
        let item: MessageItem | undefined
        let itemCap = -1
        const decode = (valueCap: number) => {
          if (!item || itemCap !== valueCap) { item = decoded.item(valueCap); itemCap = valueCap }
          return item
        }
        // Decoded only for a tail that filters on it or sends it (the record memoizes its decoding).
        for (const subscriber of this.#subscribers) subscriber.offer(record, offset, decoded, decode)
      }
      const next = BigInt(result.nextOffset)
      if (!result.error && next > (this.#positions.get(result.partition) ?? 0n)) this.#positions.set(result.partition, next)
    }
    this.#atHead = atHead
    for (const partition of outOfRange) await this.#reposition(partition)
    for (const subscriber of this.#subscribers) subscriber.advance(this.#positions)
    if (stale) this.#metadata = this.#scoped(await this.#cluster.metadata([this.#topic]))
  }

  /**
   * The position left the log: retention deleted what was not yet read (go on from the earliest
   * record), or the log is shorter than the position (a re-created topic: go on from its end).
   */
  async #reposition(partition: number): Promise<void> {
    const scope = [{ topic: this.#topic, partitions: [partition] }]
    const { earliest, latest } = await listOffsets(this.#cluster, scope, { earliest: 'earliest', latest: 'latest' }, this.#metadata)
    const low = BigInt(earliest?.get(this.#topic, partition)?.offset ?? '0')
    const high = BigInt(latest?.get(this.#topic, partition)?.offset ?? '0')
    const current = this.#positions.get(partition) ?? 0n
    const target = current < low ? low : high
    this.#positions.set(partition, target)
    if (target < current) for (const subscriber of this.#subscribers) subscriber.rewind(partition, target)
  }
}
