// What a search covers, on the real broker with a plan in its own store: indexed topics with their
// sampling rate, paused ones, and Kafka topics outside the plan (to be scanned in Kafka instead).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchCoverage } from '../contract/index.ts'
import { applyTopicInput, type TopicPlanInput } from '../core/indexing/plan.ts'
import { Admin, waitForLeaders } from '../testing/kafka.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const home = mkdtempSync(join(tmpdir(), 'kp-coverage-'))
const deps = testDeps({ KAFKA_PLUS_HOME: home })
const app = createApp(deps)
const sampled = uniqueName('it-cov-sampled')
const paused = uniqueName('it-cov-paused')
const plain = uniqueName('it-cov-plain')
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'search-coverage-test', bootstrapBrokers: brokers })

beforeAll(async () => {
  await admin.createTopics({ topics: [sampled, paused, plain], partitions: 1, replicas: 1 })
  await waitForLeaders(brokers, plain)
  const inputs: [string, TopicPlanInput][] = [[sampled, { enabled: true, sampleRate: 0.25, keep: ['vip'] }], [paused, { enabled: false }]]
  for (const [topic, input] of inputs) {
    const { version } = await deps.planStore.read('local')
    await deps.planStore.setTopic('local', topic, applyTopicInput(undefined, topic, input, 'test'), version)
  }
})

afterAll(async () => {
  await admin.deleteTopics({ topics: [sampled, paused, plain] }).catch(() => {})
  await admin.close()
  await deps.close()
  rmSync(home, { recursive: true, force: true })
})

describe('GET /search/coverage', () => {
  it('says which topics are indexed and at what rate, which are paused, and which Kafka topics are not indexed', async () => {
    const response = await app.request('/api/clusters/local/search/coverage', { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    const body = await response.json() as SearchCoverage
    expect(body.indexed).toEqual([expect.objectContaining({ topic: sampled, sampleRate: 0.25, keepRules: 1 })])
    expect(body.paused).toEqual([paused])
    expect(body.notIndexed).toContain(plain)
    expect(body.notIndexed).not.toContain(sampled)
    expect(body.notIndexed.some((t) => t.startsWith('__'))).toBe(false)
    expect(body.notIndexedTotal).toBeGreaterThanOrEqual(body.notIndexed.length)
  })
})
