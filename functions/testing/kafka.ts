// Producing test data reliably: wait for partition leaders, then send idempotently (no duplicates on retry).
import { Admin, Producer, stringSerializers } from '@platformatic/kafka'

export interface TestRecord { key?: string; value: string; partition?: number; headers?: Record<string, string> }

export async function waitForLeaders(brokers: string[], topic: string, timeoutMs = 15_000): Promise<void> {
  const admin = new Admin({ clientId: 'test-wait-leaders', bootstrapBrokers: brokers })
  const deadline = Date.now() + timeoutMs
  try {
    for (;;) {
      const metadata = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => undefined)
      const partitions = metadata?.topics.get(topic)?.partitions ?? []
      if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leaders after ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    await admin.close()
  }
}

export async function produce(brokers: string[], topic: string, records: TestRecord[]): Promise<void> {
  await waitForLeaders(brokers, topic)
  const producer = new Producer({ clientId: 'test-producer', bootstrapBrokers: brokers, serializers: stringSerializers, idempotent: true, acks: -1 })
  try {
    await producer.send({ messages: records.map((r) => ({ topic, ...r })) })
  } finally {
    await producer.close()
  }
}
