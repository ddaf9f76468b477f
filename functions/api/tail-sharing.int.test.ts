// Tails of one topic share one fetch loop (issue 14): each keeps its own filter, counters,
// position and bounded queue; a tail resuming from behind the loop catches up on a loop of its
// own and then joins, with no gap and no duplicate; a client that stops reading drops only its
// own messages.
import { request, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { Admin, produce, Producer, waitForLeaders } from '../testing/kafka.ts'
import { messages, openEventStream, type ReceivedEvent } from '../testing/sse.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'

interface Item { partition: number; offset: string; value: string }
interface Stats { scanned: number; matched: number; dropped: number }

const deps = testDeps({ KAFKA_PLUS_TAIL_MAX_MS: '120000' })
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'tail-sharing-test', bootstrapBrokers: brokers })
const topics: string[] = []
let server: LocalServer

async function newTopic(partitions: number): Promise<string> {
  const name = uniqueName('it-share')
  await admin.createTopics({ topics: [name], partitions, replicas: 1 })
  topics.push(name)
  await waitForLeaders(brokers, name)
  return name
}

const tail = (topic: string, query = '', headers: Record<string, string> = {}) =>
  openEventStream(`${server.url}/api/clusters/local/topics/${topic}/tail?${query}`, { ...bearer(viewerToken), ...headers })
const started = (events: ReceivedEvent[]) => events.some((e) => e.event === 'stats')
const lastStats = (events: ReceivedEvent[]) => JSON.parse(events.filter((e) => e.event === 'stats').at(-1)?.data ?? '{}') as Stats

async function settle(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  return condition()
}

beforeAll(async () => {
  server = await startLocalServer({ deps, port: 0 })
})

afterAll(async () => {
  await server.close()
  await admin.deleteTopics({ topics }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('shared live tails', () => {
  it('runs one fetch loop for several tails of a topic, each with its own filter and counters', async () => {
    expect(await settle(() => deps.tails.activeLoops === 0)).toBe(true)
    const topic = await newTopic(2)
    const all = tail(topic)
    const errors = tail(topic, 'q=ERROR')
    const orders = tail(topic, `q=${encodeURIComponent('/order-\\d+$/')}`)
    try {
      await Promise.all([all, errors, orders].map((t) => t.until(started)))
      expect([deps.tails.activeTails, deps.tails.activeLoops]).toEqual([3, 1])
      await produce(brokers, topic, [
        { value: 'order-1' }, { value: 'an ERROR' }, { value: 'order-2', partition: 1 }, { value: 'fine', partition: 1 }, { value: 'order-3 ERROR' },
      ])
      expect(messages<Item>(await all.until((e) => messages(e).length >= 5)).map((m) => m.value).sort())
        .toEqual(['an ERROR', 'fine', 'order-1', 'order-2', 'order-3 ERROR'])
      expect(messages<Item>(await errors.until((e) => messages(e).length >= 2)).map((m) => m.value).sort()).toEqual(['an ERROR', 'order-3 ERROR'])
      expect(messages<Item>(await orders.until((e) => messages(e).length >= 2)).map((m) => m.value).sort()).toEqual(['order-1', 'order-2'])
      await errors.until((e) => lastStats(e).scanned === 5)
      expect(lastStats(errors.events)).toMatchObject({ scanned: 5, matched: 2, dropped: 0 })
      await orders.until((e) => lastStats(e).scanned === 5)
      expect(lastStats(orders.events)).toMatchObject({ scanned: 5, matched: 2, dropped: 0 })
      expect(deps.tails.activeLoops).toBe(1)
    } finally {
      ;[all, errors, orders].forEach((t) => t.close())
    }
    // The loop stops with its last tail.
    expect(await settle(() => deps.tails.activeTails + deps.tails.activeLoops === 0)).toBe(true)
  })

  it('lets a tail resume from behind the shared loop: it catches up on its own, then joins, without gaps or duplicates', async () => {
    const topic = await newTopic(2)
    const leader = tail(topic)
    let resumed: ReturnType<typeof tail> | undefined
    try {
      await leader.until(started)
      await produce(brokers, topic, Array.from({ length: 100 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })))
      const first = await leader.until((e) => messages(e).length >= 100)
      // Resume from after the 40th message this tail saw: 60 behind the shared loop.
      const token = first.filter((e) => e.event === 'message')[39]?.id as string
      resumed = tail(topic, '', { 'last-event-id': token })
      const caughtUp = messages<Item>(await resumed.until((e) => messages(e).length >= 60))
      expect(caughtUp.map((m) => m.value).sort()).toEqual(messages<Item>(first).slice(40).map((m) => m.value).sort())
      // Once caught up, its loop hands it over to the shared one.
      expect(await settle(() => deps.tails.activeLoops === 1)).toBe(true)
      await produce(brokers, topic, Array.from({ length: 20 }, (_, i) => ({ value: `n${i}`, partition: i % 2 })))
      const later = messages<Item>(await resumed.until((e) => messages(e).length >= 80))
      await leader.until((e) => messages(e).length >= 120)
      const keys = later.map((m) => `${m.partition}:${m.offset}`)
      expect(new Set(keys).size).toBe(80)
      expect(later.slice(60).map((m) => m.value).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort())
      // Nothing more arrives for either (no duplicates trickling in).
      await new Promise((r) => setTimeout(r, 1_000))
      expect([messages(leader.events).length, messages(resumed.events).length]).toEqual([120, 80])
    } finally {
      leader.close()
      resumed?.close()
    }
  })

  it('drops messages only for the client that stops reading, not for the others on the topic', async () => {
    const topic = await newTopic(1)
    const reader = tail(topic)
    const url = new URL(`${server.url}/api/clusters/local/topics/${topic}/tail`)
    const stalled = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, { headers: bearer(viewerToken) }, resolve)
      req.on('error', reject)
      req.end()
    })
    try {
      // Both running, then one stops reading.
      await new Promise<void>((resolve) => {
        let seen = ''
        const onData = (chunk: Buffer) => {
          seen += chunk.toString()
          if (seen.includes('event: stats')) { stalled.off('data', onData); stalled.pause(); resolve() }
        }
        stalled.on('data', onData)
      })
      await reader.until(started)
      expect(deps.tails.activeLoops).toBe(1)
      const producer = new Producer({ clientId: 'tail-sharing-producer', bootstrapBrokers: brokers, acks: 1 })
      const value = Buffer.alloc(2048, 'y')
      // 10,000 × 2 KB at a pace a reading client keeps up with (~4 MB/s; it shares this process with the server).
      for (let batch = 0; batch < 25; batch++) {
        await producer.send({ messages: Array.from({ length: 400 }, () => ({ topic, value })) })
        await new Promise((r) => setTimeout(r, 200))
      }
      await producer.close()
      // The reading client gets every one.
      // (Counted, not parsed: parsing 10,000 events on every check would make this test slow.)
      await reader.until((e) => e.filter((x) => x.event === 'message').length >= 10_000, 60_000)
      await reader.until((e) => lastStats(e).scanned === 10_000)
      expect(lastStats(reader.events)).toMatchObject({ matched: 10_000, dropped: 0 })
      // The stalled one, read again, reports its own drops.
      let text = ''
      const dropped = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no stats with drops')), 30_000)
        stalled.on('data', (chunk: Buffer) => {
          text += chunk.toString()
          for (const match of text.matchAll(/event: stats\ndata: (.+)\n/g)) {
            const stats = JSON.parse(match[1] as string) as Stats
            if (stats.scanned >= 10_000 && stats.dropped > 0) { clearTimeout(timer); resolve(stats.dropped) }
          }
          if (text.length > 200_000) text = text.slice(-100_000)
        })
        stalled.resume()
      })
      expect(dropped).toBeGreaterThan(0)
    } finally {
      reader.close()
      stalled.destroy()
    }
  }, 120_000)
})
