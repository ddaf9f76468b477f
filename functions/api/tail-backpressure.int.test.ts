// A client that stops reading never makes the server buffer without bound: messages are dropped,
// counted in `stats`, and the stream goes on.
import { request } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { Admin, Producer, waitForLeaders } from '../testing/kafka.ts'
import { testDeps, uniqueName, viewerToken } from '../testing/stack.ts'

const deps = testDeps()
const brokers = deps.config.clusters[0]?.brokers ?? []
const topic = uniqueName('it-slow')
let server: LocalServer
const admin = new Admin({ clientId: 'slow-client-test', bootstrapBrokers: brokers })

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

// With `batch=1` the records go out several to an event: the same bound, the same count.
it.each(['', '?batch=1'])('drops and counts messages for a client that does not read (tail%s)', async (query) => {
  const url = new URL(`${server.url}/api/clusters/local/topics/${topic}/tail${query}`)
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${viewerToken}` } }, resolve)
    req.on('error', reject)
    req.end()
  })
  // Read until the tail is running, then stop reading entirely.
  await new Promise<void>((resolve) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen += chunk.toString()
      if (seen.includes('event: stats')) { response.off('data', onData); response.pause(); resolve() }
    }
    response.on('data', onData)
  })
  const producer = new Producer({ clientId: 'slow-client-producer', bootstrapBrokers: brokers, acks: 1 })
  const value = Buffer.alloc(2048, 'x')
  // Batches stay under the broker's 1 MB message limit.
  for (let batch = 0; batch < 50; batch++) {
    await producer.send({ messages: Array.from({ length: 400 }, () => ({ topic, value })) })
  }
  await producer.close()
  // 20,000 × 2 KB = 40 MB produced; let the server scan it while the client is stalled.
  await new Promise((r) => setTimeout(r, 3000))
  const rssBefore = process.memoryUsage().rss
  let text = ''
  const dropped = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no stats with drops')), 30_000)
    response.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      for (const match of text.matchAll(/event: stats\ndata: (.+)\n/g)) {
        const stats = JSON.parse(match[1] as string) as { dropped: number; scanned: number }
        if (stats.scanned >= 20_000 && stats.dropped > 0) { clearTimeout(timer); resolve(stats.dropped) }
      }
      if (text.length > 200_000) text = text.slice(-100_000)
    })
    response.resume()
  })
  response.destroy()
  expect(dropped).toBeGreaterThan(1000)
  // The server process (this one) did not buffer the 40 MB for the stalled client.
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40 * 1024 * 1024)
})
