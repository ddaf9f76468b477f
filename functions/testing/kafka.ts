// Producing test data reliably: wait for partition leaders, then send idempotently (no duplicates on retry).
// Tests set up topics, records and group members with the client library itself, independent of
// the product's Kafka module; it comes from the wire layer, the one place that imports it.
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '../core/kafka/wire/testing.ts'

export { Admin, Producer }

export interface TestRecord { key?: string; value: string; partition?: number; headers?: Record<string, string>; timestamp?: bigint }

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

export type GroupProtocol = 'classic' | 'consumer'

/**
 * A real consumer of `groupId` that starts from the group's committed offsets, reads `count`
 * records and leaves the group without committing: what an application would read next.
 */
export async function readNextOffsets(brokers: string[], groupId: string, topic: string, count: number, protocol: GroupProtocol = 'classic'): Promise<{ partition: number; offset: string }[]> {
  const consumer = new Consumer({
    clientId: `test-reader-${groupId}`, bootstrapBrokers: brokers, groupId, deserializers: stringDeserializers,
    ...(protocol === 'consumer' ? { groupProtocol: 'consumer' as const } : { sessionTimeout: 10_000, heartbeatInterval: 500 }),
  })
  const read: { partition: number; offset: string }[] = []
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest', autocommit: false, maxWaitTime: 200 })
    for await (const message of stream) {
      read.push({ partition: message.partition, offset: message.offset.toString() })
      if (read.length >= count) break
    }
    await stream.close()
  } finally {
    await forceClose(consumer)
  }
  return read
}

/** A member that stays in the group (autocommit on) until `stop()` is called. */
export async function joinGroup(brokers: string[], groupId: string, topic: string, protocol: GroupProtocol = 'classic') {
  const consumer = new Consumer({
    clientId: `test-member-${protocol}`, bootstrapBrokers: brokers, groupId, deserializers: stringDeserializers,
    ...(protocol === 'consumer' ? { groupProtocol: 'consumer' as const } : { sessionTimeout: 10_000, heartbeatInterval: 500 }),
  })
  const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest', autocommit: 100, maxWaitTime: 200 })
  stream.on('data', () => {})
  return { stop: async () => { await stream.close(); await forceClose(consumer) } }
}

export async function commitOffsets(brokers: string[], groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
  const admin = new Admin({ clientId: 'test-commit', bootstrapBrokers: brokers })
  try {
    await admin.alterConsumerGroupOffsets({
      groupId, topics: [{ name: topic, partitionOffsets: Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: BigInt(o) })) }],
    })
  } finally {
    await admin.close()
  }
}

/** The partition's end offset, as Kafka reports it (not through the product). */
export async function latestOffset(brokers: string[], topic: string, partition: number): Promise<number> {
  const admin = new Admin({ clientId: 'test-latest-offset', bootstrapBrokers: brokers })
  try {
    const [t] = await admin.listOffsets({ topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp: -1n }] }] })
    return Number(t?.partitions[0]?.offset)
  } finally {
    await admin.close()
  }
}

/** close(true) with a callback: the promise overload of close() does not take `force`. */
function forceClose(consumer: { close(force: boolean, callback: (error?: Error | null) => void): void }): Promise<void> {
  return new Promise((resolve, reject) => consumer.close(true, (error) => (error ? reject(error) : resolve())))
}
