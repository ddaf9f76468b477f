// Scoped metadata against the real broker: a page about one topic asks for that topic only, and a
// named topic that does not exist is absent (not an error, not retried).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin } from '../../testing/kafka.ts'
import { testDeps, uniqueName } from '../../testing/stack.ts'

const deps = testDeps()
const cluster = deps.kafka.get('local')
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'metadata-int-test', bootstrapBrokers: brokers })
const topic = uniqueName('it-metadata')
const other = uniqueName('it-metadata-other')

beforeAll(() => admin.createTopics({ topics: [topic, other], partitions: 3, replicas: 1 }))

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic, other] }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('cluster metadata', () => {
  it('describes only the named topics, with brokers and partitions', async () => {
    const snapshot = await cluster.metadata([topic])
    expect(snapshot.topics.map((t) => t.name)).toEqual([topic])
    expect(snapshot.topics[0]?.partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2])
    expect(snapshot.brokers.length).toBeGreaterThan(0)
  })

  it('leaves a named topic that does not exist out, without failing or retrying', async () => {
    const started = performance.now()
    const snapshot = await cluster.metadata([topic, uniqueName('it-metadata-ghost')])
    expect(snapshot.topics.map((t) => t.name)).toEqual([topic])
    // The client's retry policy (2 retries, 250 ms apart) would show here as ≥ 500 ms.
    expect(performance.now() - started).toBeLessThan(500)
    expect((await cluster.metadata([uniqueName('it-metadata-ghost')])).topics).toEqual([])
  })

  it('still describes the whole cluster without names', async () => {
    const names = (await cluster.metadata()).topics.map((t) => t.name)
    expect(names).toEqual(expect.arrayContaining([topic, other]))
  })
})
