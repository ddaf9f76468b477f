import { describe, expect, it } from 'vitest'
import { partitionForKey } from './producer.ts'

describe('partitionForKey', () => {
  // Kafka's own murmur2 vectors (clients' UtilsTest.testMurmur2): a key lands where the Java
  // producer's DefaultPartitioner puts it, (murmur2(key) & 0x7fffffff) % partitions.
  const vectors: [string, number][] = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ]

  it.each(vectors)('%s', (key, murmur2) => {
    const positive = murmur2 & 0x7fffffff
    for (const partitions of [1, 3, 12, 1_000]) expect(partitionForKey(Buffer.from(key), partitions)).toBe(positive % partitions)
    expect(partitionForKey(Buffer.from(key), 0x7fffffff)).toBe(positive % 0x7fffffff)
  })
})
