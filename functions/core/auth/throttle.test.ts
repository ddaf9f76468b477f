import { describe, expect, it } from 'vitest'
import { FailureThrottle } from './throttle.ts'

const clock = (start = 1_700_000_000_000) => {
  const state = { now: start }
  return { now: () => state.now, advance: (ms: number) => { state.now += ms } }
}

describe('FailureThrottle', () => {
  it('lets a client fail `burst` times, then asks it to wait until one more attempt has refilled', () => {
    const time = clock()
    const throttle = new FailureThrottle({ perClient: { burst: 3, refillMs: 10_000 }, overall: { burst: 100, refillMs: 1_000 }, maxClients: 100, now: time.now })
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('a')).toBe(0)
      throttle.recordFailure('a')
    }
    expect(throttle.retryAfterSeconds('a')).toBe(10)
    expect(throttle.retryAfterSeconds('b')).toBe(0)
    time.advance(4_000)
    expect(throttle.retryAfterSeconds('a')).toBe(6)
    time.advance(6_000)
    expect(throttle.retryAfterSeconds('a')).toBe(0)
    throttle.recordFailure('a')
    expect(throttle.retryAfterSeconds('a')).toBe(10)
  })

  it('limits failures over all clients together', () => {
    const time = clock()
    const throttle = new FailureThrottle({ perClient: { burst: 5, refillMs: 60_000 }, overall: { burst: 4, refillMs: 2_000 }, maxClients: 100, now: time.now })
    for (const client of ['a', 'b', 'c', 'd']) throttle.recordFailure(client)
    expect(throttle.retryAfterSeconds('e')).toBe(2)
    time.advance(2_000)
    expect(throttle.retryAfterSeconds('e')).toBe(0)
  })

  it('keeps at most maxClients entries, dropping refilled ones first, then the oldest', () => {
    const time = clock()
    const throttle = new FailureThrottle({ perClient: { burst: 2, refillMs: 1_000 }, overall: { burst: 1_000_000, refillMs: 1 }, maxClients: 3, now: time.now })
    throttle.recordFailure('old')
    time.advance(5_000)
    for (const client of ['x', 'y', 'z']) {
      throttle.recordFailure(client)
      throttle.recordFailure(client)
    }
    expect(throttle.size).toBe(3)
    // 'old' refilled long ago and went first; the blocked ones stay until the map is full again.
    expect(throttle.retryAfterSeconds('x')).toBe(1)
    for (let i = 0; i < 1_000; i++) throttle.recordFailure(`ip-${i}`)
    expect(throttle.size).toBe(3)
  })
})
