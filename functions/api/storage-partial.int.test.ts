// Partial samples and refused DescribeLogDirs, on the real broker seen through a proxy: one cluster
// whose metadata names a second broker that never answers (its replicas must be unknown, never
// zero), and one that refuses DescribeLogDirs like MSK Serverless (sizes unavailable, said plainly;
// offsets, retention and group lag still there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleCluster, runSampler } from '../core/storage/sampler.ts'
import { startKafkaProxy } from '../testing/kafka-proxy.ts'
import { sampleNowAndWait, waitForSample } from '../testing/storage.ts'
import { Admin, commitOffsets, produce } from '../testing/kafka.ts'
import { bearer, operatorToken, testDeps, testEnv, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const upstream = testEnv().KAFKA_BROKERS as string
const [host, port] = upstream.split(':') as [string, string]
const topic = uniqueName('it-partial')
const groupId = `${topic}-group`
const ids = { ghost: uniqueName('it-ghost'), refused: uniqueName('it-refused') }
const admin = new Admin({ clientId: 'storage-partial-test', bootstrapBrokers: [upstream] })
let proxies: Awaited<ReturnType<typeof startKafkaProxy>>[] = []
let deps: ReturnType<typeof testDeps>
let app: ReturnType<typeof createApp>

const get = async <T>(cluster: string, path: string) => {
  const response = await app.request(`/api/clusters/${cluster}/storage/${path}`, { headers: bearer(viewerToken) })
  expect(response.status, path).toBe(200)
  return response.json() as Promise<T>
}

beforeAll(async () => {
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 })
  await produce([upstream], topic, Array.from({ length: 200 }, (_, i) => ({ partition: i % 2, value: 'y'.repeat(1000) })))
  await commitOffsets([upstream], groupId, topic, { 0: 40, 1: 100 })
  proxies = await Promise.all([
    startKafkaProxy({ upstream: { host, port: Number(port) }, ghostNodeId: 2, ghostTopics: [topic] }),
    startKafkaProxy({ upstream: { host, port: Number(port) }, refuseDescribeLogDirs: true }),
  ])
  const [ghost, refused] = proxies as [typeof proxies[number], typeof proxies[number]]
  // Three configured clusters: the plain local one and the two seen through the proxies.
  deps = testDeps({
    KAFKA_PLUS_CLUSTERS: JSON.stringify([
      { id: 'local', brokers: [upstream] },
      { id: ids.ghost, name: 'with a silent broker', brokers: ghost.brokers },
      { id: ids.refused, name: 'like MSK Serverless', brokers: refused.brokers },
    ]),
  })
  app = createApp(deps)
})

afterAll(async () => {
  await admin.deleteGroups({ groups: [groupId] }).catch(() => {})
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.close()
  await deps?.close()
  await Promise.all(proxies.map((p) => p.close()))
})

describe('a broker that does not answer', () => {
  it('makes the sample partial, and the other configured clusters are sampled as usual', async () => {
    const started = Date.now()
    const runs = await runSampler(deps.kafka, deps.logs, ['local', ids.ghost])
    expect(runs).toEqual([
      expect.objectContaining({ cluster: 'local', ok: true, partial: false }),
      expect.objectContaining({ cluster: ids.ghost, ok: true, partial: true }),
    ])
    // The silent broker costs its timeout (10 s by default), not the whole sample.
    expect(Date.now() - started).toBeLessThan(25_000)
  })

  it('shows the silent broker as unknown, never zero, and the topic on it as incomplete', async () => {
    const run = await sampleCluster(deps.kafka.get(ids.ghost), deps.logs, 2_000)
    expect(run).toMatchObject({ ok: true, partial: true })
    await waitForSample(deps.logs, ids.ghost, run.sampleId as string)

    const disks = await get<{ partial: boolean; unknownBrokers: number[]; items: { broker: number; state: string; bytes: number | null; logDirs: unknown[]; code?: string }[] }>(ids.ghost, 'brokers')
    expect(disks.partial).toBe(true)
    expect(disks.unknownBrokers).toEqual([2])
    expect(disks.items.map((b) => [b.broker, b.state])).toEqual([[1, 'ok'], [2, 'unknown']])
    expect(disks.items[1]).toMatchObject({ bytes: null, logDirs: [], code: 'KAFKA_UNAVAILABLE' })

    const ranking = await get<{ partial: boolean; items: { topic: string; bytes: number; complete: boolean; unknownReplicas: number; replicationFactor: number; brokers: Record<string, number> }[] }>(ids.ghost, `topics?q=${topic}`)
    expect(ranking.partial).toBe(true)
    const item = ranking.items.find((t) => t.topic === topic)
    // Broker 1's replicas are measured; broker 2's are unknown: the total is a lower bound, flagged.
    expect(item).toMatchObject({ complete: false, unknownReplicas: 2, replicationFactor: 2 })
    expect(item?.bytes).toBeGreaterThan(200_000)
    expect(Object.keys(item?.brokers ?? {})).toEqual(['1'])

    const layout = await get<{ partitions: { replicas: { broker: number; bytes: number | null; estimatedSegments: number | null }[] }[] }>(ids.ghost, `topics/${topic}/layout`)
    for (const p of layout.partitions) {
      expect(p.replicas.map((r) => [r.broker, r.bytes === null])).toEqual([[1, false], [2, true]])
      expect(p.replicas[1]?.estimatedSegments).toBeNull()
    }
    // An incomplete sample is no point on the growth curve (it would be a false dip).
    const history = await get<{ points: unknown[] }>(ids.ghost, `topics/${topic}/history`)
    expect(history.points).toEqual([])
  })
})

describe('a cluster that refuses DescribeLogDirs', () => {
  it('says sizes are unavailable and why, and still has offsets, retention and group lag', async () => {
    const run = await sampleNowAndWait(deps.kafka.get(ids.refused), deps.logs)
    expect(run.partial).toBe(false)
    type Ranking = { sizes: { available: boolean; code: string; message: string }; items: { topic: string; bytes: number | null; messages: number; retentionMs: number }[] }
    // The sample's marker can be searchable a moment before its topic rows: wait for those too.
    let ranking = await get<Ranking>(ids.refused, `topics?q=${topic}`)
    await expect.poll(async () => (ranking = await get<Ranking>(ids.refused, `topics?q=${topic}`)).items.length, { timeout: 15_000, interval: 250 }).toBe(1)
    expect(ranking.sizes).toMatchObject({ available: false, code: 'KAFKA_NOT_AUTHORIZED' })
    expect(ranking.sizes.message).toContain('CLUSTER_AUTHORIZATION_FAILED')
    expect(ranking.items).toEqual([expect.objectContaining({ topic, bytes: null, messages: 200, retentionMs: 604_800_000 })])
    const disks = await get<{ sizes: { available: boolean }; items: { state: string }[] }>(ids.refused, 'brokers')
    expect(disks.sizes.available).toBe(false)
    expect(disks.items.map((b) => b.state)).toEqual(['unknown'])
    const layout = await get<{ partitions: { latestOffset: string; replicas: { bytes: number | null }[] }[] }>(ids.refused, `topics/${topic}/layout`)
    expect(layout.partitions.map((p) => [p.latestOffset, p.replicas[0]?.bytes])).toEqual([['100', null], ['100', null]])
    const audit = await app.request(`/api/clusters/${ids.refused}/storage/audit`, { method: 'POST', headers: bearer(operatorToken) })
    expect(audit.status).toBe(200)
    expect(await audit.json()).toMatchObject({ sizesAvailable: false })
  })
})
