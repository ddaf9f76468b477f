// The indexer's group member on the real broker: where it starts, that it loses nothing across a
// rebalance or under backpressure, and how it recovers a position the log no longer holds.
import { afterAll, describe, expect, it } from 'vitest'
import { Admin, produce } from '../../../testing/kafka.ts'
import { testConfig, uniqueName } from '../../../testing/stack.ts'
import type { RawRecord } from '../types.ts'
import { GroupConsumer } from './consumer.ts'

const config = testConfig()
const cluster = config.clusters[0]!
const admin = new Admin({ clientId: 'group-consumer-test', bootstrapBrokers: cluster.brokers })
const topics: string[] = []
const groups: string[] = []

afterAll(async () => {
  await admin.deleteTopics({ topics }).catch(() => {})
  await admin.deleteGroups({ groups }).catch(() => {})
  await admin.close()
})

async function topicWith(partitions: number, count: number): Promise<string> {
  const topic = uniqueName('it-group-consumer')
  topics.push(topic)
  await admin.createTopics({ topics: [topic], partitions, replicas: 1 })
  if (count > 0) await produce(cluster.brokers, topic, Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: i % partitions })))
  return topic
}

function group(): string {
  const id = uniqueName('it-group-consumer-g')
  groups.push(id)
  return id
}

/** Reads batches until `count` records came (or the deadline passed). */
async function readRecords(consumer: GroupConsumer, count: number, maxRecords = 1_000, timeoutMs = 20_000): Promise<RawRecord[]> {
  const records: RawRecord[] = []
  const deadline = Date.now() + timeoutMs
  while (records.length < count && Date.now() < deadline) records.push(...await consumer.next({ maxRecords, lingerMs: 50, idleMs: 500 }))
  return records
}

const values = (records: RawRecord[]) => records.map((r) => r.value?.toString()).sort()
const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `v${from + i}`).sort()

describe('GroupConsumer', () => {
  it('reads a new group from the earliest offset, then a new member from the offsets committed', async () => {
    const topic = await topicWith(3, 30)
    const groupId = group()
    const first = await GroupConsumer.open(cluster, { groupId, topics: [topic] })
    try {
      const records = await readRecords(first, 30)
      expect(values(records)).toEqual(expected(0, 30))
      expect(records.every((r) => r.topic === topic && typeof r.timestamp === 'number' && r.key !== null)).toBe(true)
      // Offsets in each partition run 0..9 in order.
      for (const partition of [0, 1, 2]) expect(records.filter((r) => r.partition === partition).map((r) => Number(r.offset))).toEqual(Array.from({ length: 10 }, (_, i) => i))
      await first.commit(records.filter((r) => Number(r.offset) < 5))
    } finally {
      await first.close()
    }
    await produce(cluster.brokers, topic, [{ value: 'v30', partition: 0 }])
    const second = await GroupConsumer.open(cluster, { groupId, topics: [topic] })
    try {
      // Offsets 5..9 of each partition again (never committed), and the new record.
      const records = await readRecords(second, 16)
      expect(records.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual([
        ...[0, 1, 2].flatMap((p) => [5, 6, 7, 8, 9].map((o) => `${p}:${o}`)), '0:10',
      ].sort())
      expect(await second.next({ maxRecords: 100, lingerMs: 50, idleMs: 700 })).toEqual([])
    } finally {
      await second.close()
    }
  })

  it('pauses fetching at its buffer limit, resumes as batches are taken, and delivers every record in order per partition', async () => {
    // 64 KiB values: a 1 MiB fetch brings ~16 of them, so a 20-record buffer fills and must resume.
    const topic = await topicWith(2, 0)
    const padding = 'x'.repeat(64 * 1024)
    for (let from = 0; from < 120; from += 10) {
      await produce(cluster.brokers, topic, Array.from({ length: 10 }, (_, i) => ({ value: `v${from + i}:${padding}`, partition: (from + i) % 2 })))
    }
    const consumer = await GroupConsumer.open(cluster, { groupId: group(), topics: [topic], bufferRecords: 20 })
    try {
      const records = await readRecords(consumer, 120, 7)
      expect(records.map((r) => r.value?.toString().split(':')[0]).sort()).toEqual(expected(0, 120))
      for (const partition of [0, 1]) {
        const offsets = records.filter((r) => r.partition === partition).map((r) => Number(r.offset))
        expect(offsets).toEqual(Array.from({ length: 60 }, (_, i) => i))
      }
    } finally {
      await consumer.close()
    }
  })

  it('loses nothing when a second member joins and the partitions are shared out again', async () => {
    const topic = await topicWith(4, 40)
    const groupId = group()
    const first = await GroupConsumer.open(cluster, { groupId, topics: [topic] })
    let second: GroupConsumer | undefined
    try {
      const before = await readRecords(first, 40)
      expect(values(before)).toEqual(expected(0, 40))
      await first.commit(before)
      second = await GroupConsumer.open(cluster, { groupId, topics: [topic] })
      // The first member rejoins in the background; records produced now must reach one of them.
      await produce(cluster.brokers, topic, Array.from({ length: 40 }, (_, i) => ({ value: `v${40 + i}`, partition: i % 4 })))
      const seen: RawRecord[] = []
      const deadline = Date.now() + 30_000
      while (new Set(values(seen)).size < 40 && Date.now() < deadline) {
        const [a, b] = await Promise.all([first.next({ maxRecords: 100, lingerMs: 50, idleMs: 300 }), second.next({ maxRecords: 100, lingerMs: 50, idleMs: 300 })])
        seen.push(...a, ...b)
      }
      // At-least-once: a record may come twice across the rebalance, none may be missing.
      expect([...new Set(values(seen))].sort()).toEqual(expected(40, 80))
    } finally {
      await second?.close()
      await first.close()
    }
  })

  it('starts again at the log start when retention deleted the records after its committed offset', async () => {
    const topic = await topicWith(1, 10)
    const groupId = group()
    const first = await GroupConsumer.open(cluster, { groupId, topics: [topic] })
    try {
      const records = await readRecords(first, 10)
      await first.commit(records.filter((r) => Number(r.offset) < 2))
    } finally {
      await first.close()
    }
    // The committed offset (2) now lies before the log start (6): the fetch is out of range.
    await admin.deleteRecords({ topics: [{ name: topic, partitions: [{ partition: 0, offset: 6n }] }] })
    const second = await GroupConsumer.open(cluster, { groupId, topics: [topic] })
    try {
      const records = await readRecords(second, 4)
      expect(records.map((r) => Number(r.offset))).toEqual([6, 7, 8, 9])
    } finally {
      await second.close()
    }
  })
})
