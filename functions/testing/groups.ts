// Test helpers for consumer groups, seen through the product's own API (the client library
// cannot describe KIP-848 groups).
import type { createApp } from '../api/app.ts'
import { produce, type Admin } from './kafka.ts'
import { bearer, uniqueName, viewerToken } from './stack.ts'

/** Until the coordinator reports the members with their assignments (joining takes a rebalance). */
export async function waitForMembers(app: ReturnType<typeof createApp>, groupId: string, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await app.request(`/api/clusters/local/groups/${groupId}`, { headers: bearer(viewerToken) })
    const members = response.status === 200 ? ((await response.json()) as { members: { assignments: unknown[] }[] }).members : []
    if (members.length >= count && members.every((m) => m.assignments.length > 0)) return
    if (Date.now() > deadline) throw new Error(`group ${groupId} has no ${count} members after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * The topics the consumer-group tests commit offsets on, with unique names: `topic`, 100 records
 * with timestamps 1 s apart, the first 100 s before `started` (so offsets map to known times), and
 * `twoPartitions`, 20 records over two partitions.
 */
export function groupTopics(brokers: string[], prefix: string) {
  const topic = uniqueName(prefix)
  const twoPartitions = uniqueName(`${prefix}-two`)
  const started = Date.now()
  return {
    topic, twoPartitions, started,
    async create(admin: Admin): Promise<void> {
      await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
      await admin.createTopics({ topics: [twoPartitions], partitions: 2, replicas: 1 })
      await produce(brokers, topic, Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, timestamp: BigInt(started - 100_000 + i * 1000) })))
      await produce(brokers, twoPartitions, Array.from({ length: 20 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })))
    },
    async remove(admin: Admin): Promise<void> {
      await admin.deleteTopics({ topics: [topic, twoPartitions] }).catch(() => {})
    },
  }
}
