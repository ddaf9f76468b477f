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

  it('drains every queued chunk in one string, in order, up to a size, and frees their room', async () => {
    const queue = new BoundedQueue(3, 100)
    queue.push('a1')
    queue.push('b2')
    queue.push('c3')
    expect(queue.push('d4')).toBe(false)
    expect(await queue.drain(4)).toBe('a1b2') // stops once 4 characters are taken
    expect(queue.size).toBe(1)
    expect(queue.push('d4')).toBe(true)
    expect(await queue.drain()).toBe('c3d4')
    const waiting = queue.drain()
    queue.push('e5')
    expect(await waiting).toBe('e5')
    queue.close()
    expect(await queue.drain()).toBeUndefined()
  })
})

describe('StreamBudget', () => {
  // After 30 bytes, 30 bytes/s with a bucket of 10 (a third of a second).
  const limits = { maxBytes: 1_000, burstBytes: 30, bytesPerSec: 30 }

  it('lets a burst through, then at most the bucket at once, refilled at the rate', () => {
    let now = 0
    const budget = new StreamBudget(limits, () => now)
    expect(budget.spend(30)).toBeUndefined()
    expect(budget.spend(10)).toBeUndefined() // the bucket
    now = 200
    expect(budget.spend(6)).toBeUndefined() // 0.2 s × 30/s
    expect(budget.spend(1)).toBe('bandwidth')
  })

  it('saves no more than the bucket while idle', () => {
    let now = 0
    const budget = new StreamBudget(limits, () => now)
    expect(budget.spend(31)).toBeUndefined()
    now = 60_000 // a minute of silence refills only the bucket
    expect(budget.spend(10)).toBeUndefined()
    expect(budget.spend(1)).toBe('bandwidth')
  })

  it('lets a slow stream run on past the burst', () => {
    let now = 0
    const budget = new StreamBudget(limits, () => now)
    for (let second = 0; second < 20; second++) {
      now = second * 1_000
      expect(budget.spend(8)).toBeUndefined()
    }
    expect(budget.sent).toBe(160)
  })

  it('ends any stream before its total size limit', () => {
    let now = 0
    const budget = new StreamBudget({ ...limits, maxBytes: 100 }, () => now)
    for (let second = 0; second < 11; second++) {
      now = second * 1_000
      expect(budget.spend(9)).toBeUndefined()
    }
    expect(budget.spend(1)).toBe('response-size')
  })
})
