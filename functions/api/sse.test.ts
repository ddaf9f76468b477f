import { describe, expect, it } from 'vitest'
import { BoundedQueue, formatSse } from './sse.ts'

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
