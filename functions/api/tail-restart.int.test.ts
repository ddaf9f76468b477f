// A live tail survives a broker restart: an `error` event while the broker is down, then the
// stream recovers by itself and delivers what was produced after, without duplicates. Uses a
// second broker of its own (other test files keep using the shared one).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { Admin, produce } from '../testing/kafka.ts'
import { messages, openEventStream } from '../testing/sse.ts'
import { bearer, testDeps, testEnv, uniqueName, viewerToken } from '../testing/stack.ts'

const run = promisify(execFile)
const home = mkdtempSync(join(tmpdir(), 'kafka-plus-restart-'))
const port = 29092
const brokerEnv = { ...process.env, KAFKA_PLUS_HOME: home, KAFKA_PLUS_KAFKA_PORT: String(port), VICTORIALOGS_URL: testEnv().VICTORIALOGS_URL as string }
const stack = (command: 'start' | 'stop') => run('node', [resolve(import.meta.dirname, '../../scripts/stack.mjs'), command], { env: brokerEnv })
const brokers = [`127.0.0.1:${port}`]

let server: LocalServer
let deps: ReturnType<typeof testDeps>

beforeAll(async () => {
  await stack('start')
  deps = testDeps({ KAFKA_BROKERS: brokers[0] as string })
  server = await startLocalServer({ deps, port: 0 })
}, 120_000)

afterAll(async () => {
  await server?.close()
  await deps?.close()
  await stack('stop').catch(() => {})
  rmSync(home, { recursive: true, force: true })
}, 60_000)

describe('live tail across a broker restart', () => {
  it('reports the outage, then recovers and continues without gaps or duplicates', async () => {
    const topic = uniqueName('it-restart')
    const admin = new Admin({ clientId: 'restart-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
    await admin.close()
    const stream = openEventStream(`${server.url}/api/clusters/local/topics/${topic}/tail`, bearer(viewerToken))
    try {
      await stream.until((e) => e.some((x) => x.event === 'stats'))
      await produce(brokers, topic, [{ value: 'before-1' }, { value: 'before-2' }])
      await stream.until((e) => messages(e).length >= 2)

      await stack('stop')
      const down = await stream.until((e) => e.some((x) => x.event === 'error'), 30_000)
      expect(JSON.parse(down.find((x) => x.event === 'error')?.data as string)).toMatchObject({ code: 'KAFKA_UNAVAILABLE', retryable: true })

      await stack('start')
      await produce(brokers, topic, [{ value: 'after-1' }, { value: 'after-2' }])
      const events = await stream.until((e) => messages(e).length >= 4, 60_000)
      const values = messages<{ value: string; offset: string }>(events)
      expect(values.map((m) => m.value)).toEqual(['before-1', 'before-2', 'after-1', 'after-2'])
      expect(values.map((m) => m.offset)).toEqual(['0', '1', '2', '3'])
    } finally {
      stream.close()
    }
  }, 150_000)
})
