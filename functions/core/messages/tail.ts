// Live tail: Fetch by partition from the latest offsets (or the positions a client resumes from),
// filtered server-side, written into a sink. No consumer group is created. The HTTP edge turns the
// sink's calls into server-sent events.
//
// Tails share fetches: a process runs one fetch loop (a feed, tail-feed.ts) per cluster, topic
// and partition set, and every tail of that topic subscribes to it with its own filter, position
// and sink (the edge's bounded queue). The hub below is the registry of feeds; it lives in the
// app's deps, so each app (and each test) has its own.
import { topicNotFound, type AppError } from '../errors.ts'
import { listOffsets, type KafkaCluster } from '../kafka/index.ts'
import { plainDecoder, type MessageDecoder, type MessageItem } from './decode.ts'
import type { RecordFilter } from './filter.ts'
import type { Positions } from './resume.ts'
import { Feed, Subscriber, type FeedHost, type FeedSettings } from './tail-feed.ts'

export { TailStop } from './tail-feed.ts'

import type { StreamLimit, TailEnd, TailStats } from '../../contract/messages.ts'
export type { StreamLimit, TailEnd, TailStats }

/**
 * How a stream ended. `timeout` is a planned end (the client reconnects with the resume token);
 * `limit` says which limit planned it: the stream's duration or, on Lambda, its response size or
 * bandwidth budget.
 */
export interface TailSink {
  /** Returns false when the client cannot take more now: the message is dropped and counted. */
  message(item: MessageItem, resumeToken: string): boolean
  stats(stats: TailStats, resumeToken: string): void
  error(error: AppError): void
  /** The last call; `resumeToken` (absent when the tail never started) continues right after everything it scanned. */
  end(end: TailEnd, resumeToken?: string): void
}

export interface TailOptions {
  partitions?: number[]
  filter?: RecordFilter
  resume?: Positions
  maxDurationMs: number
  valueCap: number
  /** Aborted when the client went away, or with a TailStop when the edge ends the stream. */
  signal: AbortSignal
  statsEveryMs?: number
  /** Registry-aware decoding; the filter then runs on the decoded JSON. Plain decoding without.
   * One per cluster, so a loop shared by several tails decodes with its first tail's. */
  decoder?: MessageDecoder
}

export interface TailHubOptions {
  /** How long a fetch waits at the end of the log for new records. */
  pollWaitMs?: number
}

/**
 * The registry of shared fetch loops: at most one per (cluster, topic, partition set) is
 * registered, reading at the head of the log, and new tails join it. A tail that resumes from
 * before its position reads its gap on a loop of its own that hands its tails over once it has
 * caught up (see tail-feed.ts for the rules).
 */
export class TailHub implements FeedHost {
  readonly #feeds = new Map<string, Feed>()
  readonly #settings: FeedSettings
  readonly #subscribers = new Set<Subscriber>()
  #loops = 0

  constructor(options: TailHubOptions = {}) {
    this.#settings = { pollWaitMs: options.pollWaitMs ?? 500 }
  }

  /** Tails streaming in this process (an operational gauge; tests see disconnect clean-up with it). */
  get activeTails(): number {
    return this.#subscribers.size
  }

  /** Fetch loops running in this process (at most one per tailed topic, plus catching-up loops). */
  get activeLoops(): number {
    return this.#loops
  }

  /** Streams `topic` into `sink` until the signal aborts, the duration ends or the topic is deleted. */
  async run(cluster: KafkaCluster, topic: string, options: TailOptions, sink: TailSink): Promise<void> {
    const metadata = await cluster.metadata([topic])
    const described = metadata.topics.find((t) => t.name === topic)
    if (!described) throw topicNotFound(topic)
    const partitions = (options.partitions?.length ? options.partitions : described.partitions.map((p) => p.partition)).sort((a, b) => a - b)
    const key = `${cluster.id}\0${topic}\0${partitions.join(',')}`

    const start: Positions = new Map()
    for (const p of partitions) {
      const resumed = options.resume?.get(p)
      if (resumed !== undefined) start.set(p, resumed)
    }
    const missing = partitions.filter((p) => !start.has(p))
    if (missing.length > 0) {
      const { latest } = await listOffsets(cluster, [{ topic, partitions: missing }], { latest: 'latest' }, metadata)
      // A loop already running may have read past "latest" while it was being asked: start
      // there, since everything before it went out to that loop's tails already.
      const running = this.#feeds.get(key)
      for (const p of missing) {
        const offset = BigInt(latest.get(topic, p)?.offset ?? '0')
        const reached = running?.position(p) ?? 0n
        start.set(p, offset > reached ? offset : reached)
      }
    }
    if (options.signal.aborted) return

    const subscriber = new Subscriber(topic, start, options, sink, () => this.#subscribers.delete(subscriber))
    this.#subscribers.add(subscriber)
    const running = this.#feeds.get(key)
    if (running && !running.isAhead(start)) running.add(subscriber)
    else {
      // A loop of its own: registered at once when it starts at the head (no resume token, none
      // registered); else it catches up first, then hands over or registers (tail-feed.ts).
      const atHead = !running && missing.length === partitions.length
      const feed = new Feed(this, cluster, topic, key, start, metadata, this.#settings, { registered: atHead, decoder: options.decoder ?? plainDecoder })
      feed.add(subscriber)
      feed.start()
    }
    await subscriber.done
  }

  /** Ends every tail (the process is shutting down). */
  close(): void {
    for (const subscriber of [...this.#subscribers]) subscriber.finish({ reason: 'aborted', detail: 'The server is shutting down.' })
  }

  // FeedHost: how feeds reach the registry.
  registered(key: string): Feed | undefined {
    return this.#feeds.get(key)
  }

  register(key: string, feed: Feed): void {
    this.#feeds.set(key, feed)
  }

  unregister(key: string, feed: Feed): void {
    if (this.#feeds.get(key) === feed) this.#feeds.delete(key)
  }

  loopStarted(): void {
    this.#loops++
  }

  loopEnded(): void {
    this.#loops--
  }
}
