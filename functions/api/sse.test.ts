import { describe, expect, it } from 'vitest'
import { BoundedQueue, formatSse, StreamBudget } from './sse.ts'

describe('formatSse', () => {
  it('frames id, event, retry and multi-line data', () => {
    expect(formatSse({ event: 'message', id: 'abc', data: '{"a":1}' })).toBe('id: abc\nevent: message\ndata: {"a":1}\n\n')
    expect(formatSse({ data: 'x\ny', retryMs: 1000 })).toBe('retry: 1000\ndata: x\ndata: y\n\n')
  })
})

describe('BoundedQueue', () => {
  it('refuses what does not fit (by count or bytes) unless forced, and drains in order', async () => {
    const queue = new BoundedQueue(2, 10)
    expect(queue.push('aaaa')).toBe(true)
    expect(queue.push('bbbb')).toBe(true)
    expect(queue.push('c')).toBe(false)
    expect(queue.push('control', true)).toBe(true)
    expect(await queue.next()).toBe('aaaa')
    expect(queue.push('ccccccc')).toBe(false) // 4 + 7 + 7 bytes > 10
    queue.close()
    expect([await queue.next(), await queue.next(), await queue.next()]).toEqual(['bbbb', 'control', undefined])
  })

  it('wakes a waiting reader', async () => {
    const queue = new BoundedQueue()
    const waiting = queue.next()
    queue.push('later')
    expect(await waiting).toBe('later')
  })
})

describe('StreamBudget', () => {
  const limits = { maxBytes: 100, burstBytes: 20, bytesPerSec: 10 }

  it('lets a burst through, then holds the stream to the rate (with half a second of slack)', () => {
    let now = 0
    const budget = new StreamBudget(limits, () => now)
    expect(budget.spend(20)).toBeUndefined()
    expect(budget.spend(5)).toBeUndefined() // 25 ≤ 20 + 10 × 0.5
    now = 1_000
    expect(budget.spend(10)).toBeUndefined() // 35 ≤ 20 + 10 × 1.5
    expect(budget.spend(1)).toBe('bandwidth')
  })

  it('lets a slow stream run on past the burst', () => {
    let now = 0
    const budget = new StreamBudget(limits, () => now)
    for (let second = 0; second < 6; second++) {
      now = second * 1_000
      expect(budget.spend(8)).toBeUndefined()
    }
    expect(budget.sent).toBe(48)
  })

  it('ends any stream before its total size limit', () => {
    let now = 0
    const budget = new StreamBudget({ ...limits, bytesPerSec: 1_000 }, () => now)
    now = 0
    expect(budget.spend(20)).toBeUndefined()
    now = 10_000
    expect(budget.spend(79)).toBeUndefined()
    expect(budget.spend(1)).toBe('response-size')
  })
})
