// Admin calls never wait behind live tails (issue 11, row 4): tails long-poll Kafka on
// connections of their own, so with 10 tails open on 10 topics the health probe and the topic
// list still answer at once. Before, each tail's 500 ms long-poll queued on the admin client's one
// connection per broker, and the same two calls took ~20 s (health: 503).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { Admin, waitForLeaders } from '../testing/kafka.ts'
import { openEventStream } from '../testing/sse.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'

const deps = testDeps({ KAFKA_PLUS_TAIL_MAX_MS: '120000' })
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'tail-isolation-test', bootstrapBrokers: brokers })
const topics = Array.from({ length: 10 }, () => uniqueName('it-iso'))
let server: LocalServer

beforeAll(async () => {
  await admin.createTopics({ topics, partitions: 1, replicas: 1 })
  await Promise.all(topics.map((topic) => waitForLeaders(brokers, topic)))
  server = await startLocalServer({ deps, port: 0 })
})

afterAll(async () => {
  await server.close()
  await admin.deleteTopics({ topics }).catch(() => {})
  await admin.close()
  await deps.close()
})

/** Answers within `ms`, or fails the test (instead of waiting for however long it takes). */
async function timed(path: string, ms: number, headers: Record<string, string> = {}) {
  const started = performance.now()
  const response = await fetch(`${server.url}${path}`, { headers, signal: AbortSignal.timeout(ms) })
  return { status: response.status, body: await response.json() as Record<string, unknown>, ms: performance.now() - started }
}

it('answers /api/health and the topic list promptly with 10 tails open', async () => {
  const tails = topics.map((topic) => openEventStream(`${server.url}/api/clusters/local/topics/${topic}/tail`, bearer(viewerToken)))
  try {
    // Every tail is long-polling once it has sent its first stats event.
    await Promise.all(tails.map((tail) => tail.until((e) => e.some((x) => x.event === 'stats'), 60_000)))
    for (let round = 0; round < 3; round++) {
      const health = await timed('/api/health', 5_000)
      expect(health.status).toBe(200)
      expect(health.body).toMatchObject({ status: 'ok', kafka: { local: 'ok' } })
      const list = await timed('/api/clusters/local/topics?limit=5', 5_000, bearer(viewerToken))
      expect(list.status).toBe(200)
      expect(list.body).toHaveProperty('total')
    }
    // The tails themselves are still running.
    expect(tails.every((tail) => tail.status === 200)).toBe(true)
  } finally {
    tails.forEach((tail) => tail.close())
  }
}, 120_000)
