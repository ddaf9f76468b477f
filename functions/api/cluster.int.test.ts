// The cluster overview on the real broker: brokers with their replicas and leaders, partition health.
import { afterAll, describe, expect, it } from 'vitest'
import { Admin, waitForLeaders } from '../testing/kafka.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'
import type { ClusterOverview } from '../contract/index.ts'

const deps = testDeps()
const app = createApp(deps)
const brokers = deps.config.clusters[0]?.brokers ?? []
const admin = new Admin({ clientId: 'cluster-overview-test', bootstrapBrokers: brokers })
const created: string[] = []

async function newTopic(partitions: number, configs: Record<string, string> = {}) {
  const name = uniqueName('it-overview')
  await admin.createTopics({ topics: [name], partitions, replicas: 1, configs: Object.entries(configs).map(([n, value]) => ({ name: n, value })) })
  created.push(name)
  await waitForLeaders(brokers, name)
  return name
}

afterAll(async () => {
  await admin.deleteTopics({ topics: created }).catch(() => {})
  await admin.close()
  await deps.close()
})

describe('cluster overview', () => {
  it('counts brokers, topics and partitions, with replicas and leaders per broker', async () => {
    const topic = await newTopic(4)
    const response = await app.request('/api/clusters/local/overview', { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    const overview = await response.json() as { controllerId: number; brokers: { id: number; isController: boolean; online: boolean; replicas: number; leaders: number; host: string; port: number }[]; topics: number; partitions: number; underReplicated: number; offline: number; underMinIsr: number }
    const metadata = await admin.metadata({ topics: [topic] })
    expect(metadata.topics.get(topic)?.partitions).toHaveLength(4)
    expect(overview.brokers).toHaveLength(1)
    expect(overview.brokers[0]).toMatchObject({ id: 1, host: '127.0.0.1', port: 9092, online: true, isController: overview.controllerId === 1 })
    // One broker holds every replica and leads every partition.
    expect(overview.brokers[0]?.replicas).toBe(overview.partitions)
    expect(overview.brokers[0]?.leaders).toBe(overview.partitions)
    expect(overview.partitions).toBeGreaterThanOrEqual(4)
    expect(overview).toMatchObject({ underReplicated: 0, offline: 0 })
  })

  it('counts partitions under min ISR from each topic\'s min.insync.replicas', async () => {
    const before = await (await app.request('/api/clusters/local/overview', { headers: bearer(viewerToken) })).json() as { underMinIsr: number }
    // RF 1 with min.insync.replicas=2: acks=all producers are refused on both partitions.
    const topic = await newTopic(2, { 'min.insync.replicas': '2' })
    const after = await (await app.request('/api/clusters/local/overview', { headers: bearer(viewerToken) })).json() as ClusterOverview
    expect(after.underMinIsr - before.underMinIsr).toBe(2)
    // The drill-down names the culprits.
    expect(after.attention.filter((a) => a.topic === topic)).toEqual([0, 1].map((partition) => ({
      topic, partition, leader: 1, replicas: [1], isr: [1], minIsr: 2, problems: ['under-min-isr'],
    })))
  })
})
