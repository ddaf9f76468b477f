// Values per partition, read and written by (topic, partition): callers never build their own
// composite keys.
import type { PartitionRef, TopicPartitions } from './types.ts'

export class PartitionTable<T> {
  readonly #topics = new Map<string, Map<number, T>>()
  #size = 0

  get(topic: string, partition: number): T | undefined {
    return this.#topics.get(topic)?.get(partition)
  }

  has(topic: string, partition: number): boolean {
    return this.#topics.get(topic)?.has(partition) ?? false
  }

  set(topic: string, partition: number, value: T): this {
    let partitions = this.#topics.get(topic)
    if (!partitions) {
      partitions = new Map()
      this.#topics.set(topic, partitions)
    }
    if (!partitions.has(partition)) this.#size++
    partitions.set(partition, value)
    return this
  }

  delete(topic: string, partition: number): boolean {
    const partitions = this.#topics.get(topic)
    if (!partitions?.delete(partition)) return false
    this.#size--
    if (partitions.size === 0) this.#topics.delete(topic)
    return true
  }

  get size(): number {
    return this.#size
  }

  /** In insertion order of topics, then of partitions within a topic. */
  *entries(): IterableIterator<[PartitionRef, T]> {
    for (const [topic, partitions] of this.#topics) {
      for (const [partition, value] of partitions) yield [{ topic, partition }, value]
    }
  }

  *values(): IterableIterator<T> {
    for (const partitions of this.#topics.values()) yield* partitions.values()
  }

  /** The partitions held, per topic. */
  scope(): TopicPartitions[] {
    return [...this.#topics].map(([topic, partitions]) => ({ topic, partitions: [...partitions.keys()] }))
  }
}

/** The distinct partitions of `refs`, per topic, in first-seen order. */
export function scopeOf(refs: Iterable<PartitionRef>): TopicPartitions[] {
  const table = new PartitionTable<true>()
  for (const r of refs) table.set(r.topic, r.partition, true)
  return table.scope()
}
