// `?batch=1`: the live tail sends several records per `messages` event (a JSON array), in order,
// each event's id the resume token after its last record, which resumes right after it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { MessageItem } from '../contract/index.ts'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { Admin, Producer, waitForLeaders } from '../testing/kafka.ts'
import { testDeps, uniqueName, viewerToken } from '../testing/stack.ts'

const deps = testDeps()
const brokers = deps.config.clusters[0]?.brokers ?? []
const topic = uniqueName('it-tail-batch')
let server: LocalServer
const admin = new Admin({ clientId: 'tail-batch-test', bootstrapBrokers: brokers })

beforeAll(async () => {
  await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
  await waitForLeaders(brokers, topic)
  server = await startLocalServer({ deps, port: 0 })
})

afterAll(async () => {
  await server.close()
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await deps.close()
})

interface SseEvent { event: string, id: string | undefined, data: string }

/** Reads events from a tail until `until` says so; returns them all. */
async function readEvents(url: string, headers: Record<string, string>, until: (events: SseEvent[]) => boolean, onStarted?: () => Promise<void>) {
  const abort = new AbortController()
  const response = await fetch(url, { headers: { authorization: `Bearer ${viewerToken}`, ...headers }, signal: abort.signal })
  expect(response.status).toBe(200)
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader()
  const events: SseEvent[] = []
  let buffer = ''
  let started = false
  const timer = setTimeout(() => abort.abort(), 30_000)
  try {
    while (!until(events)) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += value
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2)
        const event = { event: field('event') ?? 'message', id: field('id'), data: field('data') ?? '' }
        events.push(event)
        // Positions are taken at the first stats event: produce only then.
        if (!started && event.event === 'stats') {
          started = true
          await onStarted?.()
        }
      }
    }
  } finally {
    clearTimeout(timer)
    abort.abort()
  }
  return events
}

const records = (events: SseEvent[]) => events.filter((e) => e.event === 'messages').flatMap((e) => JSON.parse(e.data) as MessageItem[])

it('sends records several per event, in order, and resumes after an event from its id', async () => {
  const url = `${server.url}/api/clusters/local/topics/${topic}/tail?batch=1`
  const produce = async (from: number, count: number) => {
    const producer = new Producer({ clientId: 'tail-batch-producer', bootstrapBrokers: brokers, acks: 1 })
    await producer.send({ messages: Array.from({ length: count }, (_, i) => ({ topic, value: Buffer.from(`v${from + i}`) })) })
    await producer.close()
  }
  const events = await readEvents(url, {}, (e) => records(e).length >= 300, () => produce(0, 300))
  const batches = events.filter((e) => e.event === 'messages')
  expect(records(events).map((m) => m.value)).toEqual(Array.from({ length: 300 }, (_, i) => `v${i}`))
  expect(events.some((e) => e.event === 'message')).toBe(false)
  expect(batches.length).toBeLessThan(300)
  for (const batch of batches) expect(batch.id).toMatch(/\S/)

  // Resuming from the first event's id continues with the record after its last one.
  const first = batches[0] as SseEvent
  const firstCount = (JSON.parse(first.data) as unknown[]).length
  const resumed = await readEvents(url, { 'last-event-id': first.id ?? '' }, (e) => records(e).length >= 300 - firstCount)
  expect(records(resumed).map((m) => m.value)).toEqual(Array.from({ length: 300 - firstCount }, (_, i) => `v${firstCount + i}`))
})

it('rejects an unknown batch value', async () => {
  const response = await fetch(`${server.url}/api/clusters/local/topics/${topic}/tail?batch=yes`, { headers: { authorization: `Bearer ${viewerToken}` } })
  expect(response.status).toBe(400)
})
