// Storage views on the real broker: ranking of topics filled with known volumes, sizes checked
// against `du` of the partition directories, layout, growth curve, broker disks, sample now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { duBytes, sampleNowAndWait, sleep, waitForSample } from '../testing/storage.ts'
import { latestSample } from '../core/storage/store.ts'
import { Admin, produce } from '../testing/kafka.ts'
import { bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

// A cluster id of its own (same broker): this file's samples are the only ones in its stream.
const clusterId = uniqueName('it-storage')
// Forecasts from two samples a second apart: the history minimum is lowered here (its default is tested below).
const deps = testDeps({ KAFKA_CLUSTER_ID: clusterId, KAFKA_PLUS_FORECAST_MIN_HISTORY_MS: '0', KAFKA_PLUS_FORECAST_MIN_SAMPLES: '2' })
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'storage-test', bootstrapBrokers: brokers })
const cluster = deps.kafka.get(clusterId)
const topics = { big: uniqueName('it-st-big'), mid: uniqueName('it-st-mid'), small: uniqueName('it-st-small') }
const kb = 'x'.repeat(1000)
const firstTimestamp = Date.now() - 3_600_000

const get = async <T>(path: string, token = viewerToken) => {
  const response = await app.request(`/api/clusters/${clusterId}/storage/${path}`, { headers: bearer(token) })
  expect(response.status, `${path}: ${response.status}`).toBe(200)
  return response.json() as Promise<T>
}

interface Ranked { topic: string; bytes: number; leaderBytes: number; partitions: number; brokers: Record<string, number>; complete: boolean; messages: number; replicationFactor: number }
interface Ranking { sampledAt: string; partial: boolean; sizes: { available: boolean }; items: Ranked[]; total: number }

beforeAll(async () => {
  await admin.createTopics({ topics: Object.values(topics), partitions: 2, replicas: 1 })
  // 300 / 200 / 100 records of ~1 KB per partition; the first record an hour old.
  const fill = (topic: string, perPartition: number) => produce(brokers, topic, [0, 1].flatMap((partition) =>
    Array.from({ length: perPartition }, (_, i) => ({ partition, value: kb, timestamp: BigInt(firstTimestamp + i) }))))
  await Promise.all([fill(topics.big, 300), fill(topics.mid, 200), fill(topics.small, 100)])
  await sampleNowAndWait(cluster, deps.logs)
})

afterAll(async () => {
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('disk usage ranking', () => {
  it('ranks topics filled with known volumes in the right order, with the per-broker split', async () => {
    const ranking = await get<Ranking>('topics')
    expect(ranking.partial).toBe(false)
    expect(ranking.sizes.available).toBe(true)
    const order = ranking.items.map((t) => t.topic).filter((t) => Object.values(topics).includes(t))
    expect(order).toEqual([topics.big, topics.mid, topics.small])
    const big = ranking.items.find((t) => t.topic === topics.big) as Ranked
    const small = ranking.items.find((t) => t.topic === topics.small) as Ranked
    expect(big).toMatchObject({ partitions: 2, replicationFactor: 1, complete: true, messages: 600 })
    // One broker holds every replica; with one replica, leader-only equals all replicas.
    expect(big.brokers).toEqual({ 1: big.bytes })
    expect(big.leaderBytes).toBe(big.bytes)
    expect(big.bytes / small.bytes).toBeGreaterThan(2.7)
    expect(big.bytes / small.bytes).toBeLessThan(3.3)
    const byLeader = await get<Ranking>(`topics?sort=leaderBytes&q=${topics.big.slice(0, 10)}`)
    expect(byLeader.items.every((t) => t.topic.startsWith(topics.big.slice(0, 10)))).toBe(true)
  })

  it('reports sizes that agree within 5% with du of the partition directories under the log dir', async () => {
    const layout = await get<{ partitions: { partition: number; replicas: { logDir: string; bytes: number }[] }[] }>(`topics/${topics.big}/layout`)
    for (const topic of Object.values(topics)) {
      const { partitions } = topic === topics.big ? layout : await get<typeof layout>(`topics/${topic}/layout`)
      for (const p of partitions) {
        const replica = p.replicas[0] as { logDir: string; bytes: number }
        const onDisk = duBytes(`${replica.logDir}/${topic}-${p.partition}`)
        expect(Math.abs(replica.bytes - onDisk) / onDisk, `${topic}-${p.partition}: ${replica.bytes} vs du ${onDisk}`).toBeLessThan(0.05)
      }
    }
  })
})

describe('topic layout', () => {
  it('shows per partition and broker the size, estimated segments, oldest record age and retention in force', async () => {
    const layout = await get<{
      retention: { retentionMs: number; segmentBytes: number; cleanupPolicy: string }
      partitions: { partition: number; leader: number; earliestOffset: string; latestOffset: string; oldestTimestamp: string; oldestAgeMs: number; replicas: { broker: number; bytes: number; estimatedSegments: number; leader: boolean }[] }[]
    }>(`topics/${topics.mid}/layout`)
    expect(layout.retention).toMatchObject({ retentionMs: 604_800_000, segmentBytes: 1_073_741_824, cleanupPolicy: 'delete' })
    expect(layout.partitions.map((p) => p.partition)).toEqual([0, 1])
    for (const p of layout.partitions) {
      expect(p).toMatchObject({ leader: 1, earliestOffset: '0', latestOffset: '200', oldestTimestamp: new Date(firstTimestamp).toISOString() })
      expect(p.oldestAgeMs).toBeGreaterThanOrEqual(3_600_000)
      expect(p.replicas).toEqual([expect.objectContaining({ broker: 1, leader: true, estimatedSegments: 1 })])
      expect(p.replicas[0]?.bytes).toBeGreaterThan(200_000)
    }
  })

  it('answers 404 STORAGE_NO_DATA for a topic not in the latest sample', async () => {
    const response = await app.request(`/api/clusters/${clusterId}/storage/topics/${uniqueName('nope')}/layout`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(404)
    expect((await response.json() as { code: string }).code).toBe('STORAGE_NO_DATA')
  })
})

describe('growth and sample now', () => {
  it('sample now (in process) answers 202 and the next sample shows the growth of the topic', async () => {
    const before = await latestSample(deps.logs, clusterId)
    await produce(brokers, topics.small, Array.from({ length: 400 }, (_, i) => ({ partition: i % 2, value: kb })))
    await sleep(1_100) // a measurable time step between the samples
    const denied = await app.request(`/api/clusters/${clusterId}/storage/sample`, { method: 'POST', headers: bearer(viewerToken) })
    expect(denied.status).toBe(403)
    const response = await app.request(`/api/clusters/${clusterId}/storage/sample`, { method: 'POST', headers: bearer(operatorToken) })
    expect(response.status).toBe(202)
    expect(await response.json()).toMatchObject({ cluster: clusterId, mode: 'in-process' })
    // The sample runs in the background; wait for it to become the latest.
    const deadline = Date.now() + 20_000
    let latest = before
    while (latest?.id === before?.id && Date.now() < deadline) {
      await sleep(300)
      latest = await latestSample(deps.logs, clusterId)
    }
    expect(latest?.id).not.toBe(before?.id)
    await waitForSample(deps.logs, clusterId, latest?.id as string)

    const history = await get<{ points: { time: string; bytes: number }[]; growthBytesPerDay: number; ingest: { messagesPerDay: number; bytesPerDay: number }; forecast: { model: string; steadyStateBytes: number } }>(`topics/${topics.small}/history?start=${Date.now() - 600_000}`)
    expect(history.points).toHaveLength(2)
    expect(history.points[1]?.bytes).toBeGreaterThan((history.points[0]?.bytes ?? 0) + 400_000)
    expect(history.growthBytesPerDay).toBeGreaterThan(0)
    expect(history.ingest.messagesPerDay).toBeGreaterThan(0)
    // retention.ms is 7 days by default: the steady state is bounded by time.
    expect(history.forecast.model).toBe('time')
    expect(history.forecast.steadyStateBytes).toBeGreaterThan(0)
  })

  it('shows each broker log dir with Kafka bytes, total and usable space, growth and days until full', async () => {
    const view = await get<{ items: { broker: number; state: string; bytes: number; logDirs: { path: string; bytes: number; totalBytes: number; usableBytes: number; volumeUsedBytes: number; growthBytesPerDay: number | null; daysUntilFull: number | null }[] }[]; skew: { ratio: number; brokers: number } }>(`brokers?start=${Date.now() - 600_000}`)
    expect(view.items).toHaveLength(1)
    const broker = view.items[0]
    expect(broker).toMatchObject({ broker: 1, state: 'ok' })
    const dir = broker?.logDirs[0]
    expect(dir?.totalBytes).toBeGreaterThan(dir?.usableBytes as number)
    expect(dir?.volumeUsedBytes).toBe((dir?.totalBytes as number) - (dir?.usableBytes as number))
    expect(dir?.bytes).toBeGreaterThan(1_000_000)
    expect(view.skew).toMatchObject({ brokers: 1, ratio: 1 })
    const history = await get<{ logDirs: { path: string; points: unknown[] }[] }>(`brokers/1/history?start=${Date.now() - 600_000}`)
    expect(history.logDirs[0]?.path).toBe(dir?.path)
    expect(history.logDirs[0]?.points).toHaveLength(2)
  })

  it('with the default history minimum (a day, 12 samples) two samples give no forecast, and say so', async () => {
    const strict = createApp({ ...deps, config: { ...deps.config, storage: { ...deps.config.storage, forecastMinSpanMs: 86_400_000, forecastMinSamples: 12 } } })
    const read = async <T>(path: string) => (await strict.request(`/api/clusters/${clusterId}/storage/${path}`, { headers: bearer(viewerToken) })).json() as Promise<T>
    const history = await read<{ forecast: { model: string; steadyStateBytes: number | null; explanation: string; history: { enough: boolean; samples: number } } }>(`topics/${topics.small}/history?start=${Date.now() - 600_000}`)
    expect(history.forecast).toMatchObject({ model: 'unknown', steadyStateBytes: null, history: { enough: false, samples: 2 } })
    expect(history.forecast.explanation).toMatch(/^Not enough history yet: 2 samples over \d+ s/)
    const view = await read<{ items: { logDirs: { daysUntilFull: number | null; daysUntilFullRange: unknown; history: { enough: boolean } }[] }[]; price: { perGbMonth: number } }>(`brokers?start=${Date.now() - 600_000}`)
    expect(view.items[0]?.logDirs[0]).toMatchObject({ daysUntilFull: null, daysUntilFullRange: null, history: { enough: false } })
    expect(view.price.perGbMonth).toBe(0.1)
  })

  it('marks topics deleted since the sample in the ranking', async () => {
    const gone = uniqueName('it-st-gone')
    await admin.createTopics({ topics: [gone], partitions: 1, replicas: 1 })
    await sampleNowAndWait(cluster, deps.logs)
    // Under a loaded full run the sample's topic rows become searchable a moment after its summary row.
    type Ranking = { items: { topic: string; deleted?: boolean }[]; deletedCheck: { ok: boolean } }
    for (let tries = 0; tries < 60; tries++) {
      if ((await get<Ranking>(`topics?q=${gone}`)).items.some((t) => t.topic === gone)) break
      await sleep(250)
    }
    await admin.deleteTopics({ topics: [gone] })
    await cluster.metadata() // the cached metadata learns of the deletion within its max age
    await sleep(5_500)
    // Filtered by name: on the shared test broker an empty topic may rank below the first 1,000.
    const ranking = await get<Ranking>(`topics?q=${gone}`)
    expect(ranking.deletedCheck).toEqual({ ok: true })
    expect(ranking.items.find((t) => t.topic === gone)?.deleted).toBe(true)
    const live = await get<Ranking>(`topics?q=${topics.big}`)
    expect(live.items.find((t) => t.topic === topics.big)?.deleted).toBe(false)
  })

  it('rejects a malformed window', async () => {
    // The shared instant parser: words, negative epochs and times without a zone are all refused.
    for (const start of ['yesterday', '-1', '2026-11-29T10:00:00']) {
      const response = await app.request(`/api/clusters/${clusterId}/storage/topics/${topics.small}/history?start=${start}`, { headers: bearer(viewerToken) })
      expect(response.status, start).toBe(400)
      expect((await response.json() as { code: string }).code).toBe('INVALID_INPUT')
    }
  })
})
