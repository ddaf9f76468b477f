// Out-of-range numbers in queries and bodies are the caller's mistake: 400 INVALID_INPUT naming the
// field, never an upstream error, and never silently read as one of Kafka's special values
// (-1 latest, -2 earliest). Issue 11, row 10. On a real topic and group, so a number that slipped
// through validation would reach the broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeResumeToken } from '../core/messages/resume.ts'
import { Admin, commitOffsets, produce } from '../testing/kafka.ts'
import { adminToken, bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'out-of-range-test', bootstrapBrokers: brokers })
const topic = uniqueName('it-range')
const group = `${topic}-group`
const huge = '9'.repeat(35)

beforeAll(async () => {
  await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
  await produce(brokers, topic, [{ value: 'a' }, { value: 'b' }])
  await commitOffsets(brokers, group, topic, { 0: 1 })
})

afterAll(async () => {
  await admin.deleteGroups({ groups: [group] }).catch(() => {})
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await deps.close()
})

async function expectInvalid(response: Response, mention: string) {
  const problem = await response.json() as { code: string; detail: string }
  expect({ status: response.status, code: problem.code }, problem.detail).toEqual({ status: 400, code: 'INVALID_INPUT' })
  expect(problem.detail).toContain(mention)
}

describe('out-of-range numbers are 400 INVALID_INPUT', () => {
  it.each([
    [`timestamp=${huge}`, 'timestamp'],
    ['timestamp=1e300', 'timestamp'],
    ['timestamp=-1', 'timestamp'],
    ['timestamp=-2', 'timestamp'],
    [`offset=${'9'.repeat(19)}`, 'offset'],
    ['offset=-1', 'offset'],
    ['partition=99999999999', 'partition'],
    ['partition=-1', 'partition'],
    ['limit=0', 'limit'],
    ['limit=1e300', 'limit'],
  ])('browse: %s', async (query, mention) => {
    await expectInvalid(await app.request(`/api/clusters/local/topics/${topic}/messages?${query}`, { headers: bearer(viewerToken) }), mention)
  })

  it.each([
    [{ strategy: 'timestamp', value: 1e300 }, 'value'],
    [{ strategy: 'timestamp', value: huge }, 'value'],
    [{ strategy: 'timestamp', value: -1 }, 'value'],
    [{ strategy: 'timestamp', value: '-2' }, 'value'],
    [{ strategy: 'duration', value: 1e300 }, 'value'],
    [{ strategy: 'duration', value: -60_000 }, 'value'],
    [{ strategy: 'duration', value: 'P99999999D' }, 'value'],
    [{ strategy: 'offset', value: '9'.repeat(19) }, 'value'],
    [{ strategy: 'offset', value: 1e300 }, 'value'],
    [{ strategy: 'offset', value: -1 }, 'value'],
    [{ strategy: 'shift', value: `-${'9'.repeat(19)}` }, 'value'],
    [{ strategy: 'shift', value: 1.5 }, 'value'],
  ])('offset reset: %j', async (body, mention) => {
    const response = await app.request(`/api/clusters/local/groups/${group}/offsets/reset`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...bearer(operatorToken) }, body: JSON.stringify(body),
    })
    await expectInvalid(response, mention)
  })

  it.each([
    [{ name: uniqueName('it-range-new'), partitions: 1e300, replicationFactor: 1 }, 'partitions'],
    [{ name: uniqueName('it-range-new'), partitions: -1, replicationFactor: 1 }, 'partitions'],
    [{ name: uniqueName('it-range-new'), partitions: 1, replicationFactor: 1e300 }, 'replicationFactor'],
  ])('topic create: %j', async (body, mention) => {
    const response = await app.request('/api/clusters/local/topics', {
      method: 'POST', headers: { 'content-type': 'application/json', ...bearer(adminToken) }, body: JSON.stringify(body),
    })
    await expectInvalid(response, mention)
  })

  it('partition count and storage windows', async () => {
    await expectInvalid(await app.request(`/api/clusters/local/topics/${topic}/partitions`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...bearer(adminToken) }, body: JSON.stringify({ count: 1e300 }),
    }), 'count')
    for (const query of [`start=${huge}`, 'start=-5', 'end=1e300']) {
      await expectInvalid(await app.request(`/api/clusters/local/storage/brokers?${query}`, { headers: bearer(viewerToken) }), query.split('=')[0] as string)
    }
  })

  it('a resume token whose offset is beyond a 64-bit integer', async () => {
    const token = encodeResumeToken(topic, new Map([[0, 2n ** 63n]]))
    await expectInvalid(await app.request(`/api/clusters/local/topics/${topic}/tail`, { headers: { ...bearer(viewerToken), 'last-event-id': token } }), 'Last-Event-ID')
  })
})
