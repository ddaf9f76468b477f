import { describe, expect, it } from 'vitest'
import { toUsage } from './describe-log-dirs.ts'

describe('toUsage', () => {
  it('turns a log dir result into sizes per partition, with unknown volume sizes as null', () => {
    expect(toUsage({
      errorCode: 0, logDir: '/data', totalBytes: -1n, usableBytes: 5_000n,
      topics: [{ name: 't', partitions: [{ partitionIndex: 1, partitionSize: 1_234n, offsetLag: 0n, isFutureKey: false }] }],
    })).toEqual({ path: '/data', error: null, totalBytes: null, usableBytes: 5_000, partitions: [{ topic: 't', partition: 1, bytes: 1_234, offsetLag: 0, isFuture: false }] })
  })

  it('names an offline log dir\'s error', () => {
    expect(toUsage({ errorCode: 56, logDir: '/bad', totalBytes: 0n, usableBytes: 0n, topics: [] }).error).toBe('KAFKA_STORAGE_ERROR')
  })
})
