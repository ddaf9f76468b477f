// The sharing rules of TailHub and its feeds, against an in-memory log standing in for Kafka (the
// wire layer is covered by the integration tests): tails share a loop, a tail resuming from far
// back catches up on its own loop without delaying a tail at the head, then joins; no gaps, no
// duplicates, and loops end with their last tail.
import { describe, expect, it, vi } from 'vitest'
import type { FetchPosition, PartitionFetch, RawRecord } from '../kafka/index.ts'

/** Per partition, the records produced so far. */
const logs = new Map<number, RawRecord[]>()
const topic = 'orders'
/** Records one fetch returns per partition: small, so a backlog takes many fetches. */
let perFetch = 5

function append(partition: number, value: string) {
  const log = logs.get(partition) ?? []
  logs.set(partition, log)
  log.push({ topic, partition, offset: String(log.length), timestamp: Date.now(), key: null, value: Buffer.from(value), headers: [] })
}

vi.mock('../kafka/index.ts', () => ({
  listOffsets: (_cluster: unknown, scope: { topic: string; partitions: number[] }[]) => {
    const latest = new Map(scope[0]?.partitions.map((p) => [p, { offset: String(logs.get(p)?.length ?? 0), timestamp: -1 }]))
    const table = { get: (_t: string, p: number) => latest.get(p) }
    return Promise.resolve({ latest: table, earliest: { get: () => ({ offset: '0', timestamp: -1 }) } })
  },
  openFetchSession: () => ({ close() {} }),
  fetchRecords: async (_cluster: unknown, positions: FetchPosition[], options: { maxWaitMs?: number }): Promise<PartitionFetch[]> => {
    const read = () => positions.map((p): PartitionFetch => {
      const log = logs.get(p.partition) ?? []
      const records = log.slice(Number(p.offset), Number(p.offset) + perFetch)
      return {
        topic, partition: p.partition, records, highWatermark: String(log.length), logStartOffset: '0',
        nextOffset: String(Number(p.offset) + records.length), error: null,
      }
    })
    let result = read()
    // A long-poll: waits (briefly here) when nothing is there yet.
    if (result.every((r) => r.records.length === 0)) {
      await new Promise((r) => setTimeout(r, Math.min(20, options.maxWaitMs ?? 0)))
      result = read()
    }
    await new Promise((r) => setTimeout(r, 1))
    return result
  },
}))

const { TailHub, TailStop } = await import('./tail.ts')
const { decodeResumeToken, encodeResumeToken } = await import('./resume.ts')
type Sink = import('./tail.ts').TailSink

const cluster = {
  id: 'c',
  metadata: () => Promise.resolve({ brokers: [], topics: [{ name: topic, id: 't', internal: false, partitions: [0, 1].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] })) }] }),
} as unknown as import('../kafka/index.ts').KafkaCluster

function collector() {
  const seen: string[] = []
  const ends: string[] = []
  const sink: Sink = {
    message: (item) => { seen.push(`${item.partition}:${item.offset}`); return true },
    stats: () => {},
    error: () => {},
    end: (end) => { ends.push(end.reason) },
  }
  return { seen, ends, sink }
}

const until = async (condition: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met')
    await new Promise((r) => setTimeout(r, 5))
  }
}

const offsets = (partition: number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${partition}:${from + i}`)

describe('TailHub', () => {
  it('runs one loop for the tails of a topic, and stops it with the last one', async () => {
    logs.clear()
    perFetch = 5
    append(0, 'old')
    const hub = new TailHub({ pollWaitMs: 20 })
    const a = collector()
    const b = collector()
    const stopA = new AbortController()
    const stopB = new AbortController()
    const running = [
      hub.run(cluster, topic, { maxDurationMs: 60_000, valueCap: 1024, signal: stopA.signal }, a.sink),
      hub.run(cluster, topic, { maxDurationMs: 60_000, valueCap: 1024, signal: stopB.signal }, b.sink),
    ]
    await until(() => hub.activeTails === 2)
    expect(hub.activeLoops).toBe(1)
    append(0, 'new-0')
    append(1, 'new-1')
    await until(() => a.seen.length === 2 && b.seen.length === 2)
    expect(a.seen.sort()).toEqual(['0:1', '1:0'])
    expect(b.seen.sort()).toEqual(['0:1', '1:0'])
    stopA.abort()
    stopB.abort()
    await Promise.all(running)
    expect([a.ends, b.ends]).toEqual([['aborted'], ['aborted']])
    await until(() => hub.activeLoops === 0)
  })

  it('lets a tail resuming from far back catch up on its own loop, without delaying a tail at the head, then join', async () => {
    logs.clear()
    perFetch = 5
    for (let i = 0; i < 400; i++) append(i % 2, `m${i}`)
    const hub = new TailHub({ pollWaitMs: 20 })
    const head = collector()
    const behind = collector()
    const stop = new AbortController()
    // The resuming tail comes first, from the start: 400 records, read 5 per partition per fetch.
    const running = [hub.run(cluster, topic, {
      maxDurationMs: 60_000, valueCap: 1024, signal: stop.signal, resume: new Map([[0, 0n], [1, 0n]]),
    }, behind.sink)]
    await until(() => hub.activeLoops === 1)
    running.push(hub.run(cluster, topic, { maxDurationMs: 60_000, valueCap: 1024, signal: stop.signal }, head.sink))
    await until(() => hub.activeLoops === 2)
    append(0, 'fresh')
    // The tail at the head sees the new record while the other is still catching up.
    await until(() => head.seen.length === 1)
    expect(head.seen).toEqual(['0:200'])
    expect(behind.seen.length).toBeLessThan(400)
    // Then the catching-up loop hands over: one loop, everything once.
    await until(() => behind.seen.length === 401 && hub.activeLoops === 1)
    append(1, 'after')
    await until(() => head.seen.length === 2 && behind.seen.length === 402)
    expect(behind.seen.sort()).toEqual([...offsets(0, 0, 201), ...offsets(1, 0, 201)].sort())
    expect(head.seen).toEqual(['0:200', '1:200'])
    stop.abort()
    await Promise.all(running)
  })

  it('ends mid-batch at a limit with a token that continues exactly after the last message sent', async () => {
    logs.clear()
    perFetch = 50
    for (let i = 0; i < 10; i++) append(0, `m${i}`)
    const hub = new TailHub({ pollWaitMs: 20 })
    let token = encodeResumeToken(topic, new Map([[0, 0n], [1, 0n]]))
    const all: string[] = []
    const ends: (string | undefined)[] = []
    // Stopped by the edge after 4, then after 3 (both mid-batch: one fetch returns all 10), then by the duration.
    for (const stopAfter of [4, 3, Infinity]) {
      const stop = new AbortController()
      let left = stopAfter
      const sink: Sink = {
        message: (item) => {
          all.push(`${item.partition}:${item.offset}`)
          if (--left === 0) stop.abort(new TailStop('bandwidth', 'budget spent'))
          return true
        },
        stats: () => {},
        error: () => {},
        end: (end, resumeToken) => {
          ends.push(end.limit)
          if (resumeToken) token = resumeToken
        },
      }
      await hub.run(cluster, topic, { maxDurationMs: 300, valueCap: 1024, signal: stop.signal, resume: decodeResumeToken(token, topic) }, sink)
    }
    expect(all).toEqual(offsets(0, 0, 10))
    expect(ends).toEqual(['bandwidth', 'bandwidth', 'duration'])
  })
})
