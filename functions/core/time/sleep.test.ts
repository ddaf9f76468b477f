import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { abortableSleep } from './sleep.ts'

describe('abortableSleep', () => {
  it('leaves no abort listener behind once it has slept, and wakes at once on abort', async () => {
    const controller = new AbortController()
    for (let i = 0; i < 20; i++) await abortableSleep(1, controller.signal)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    const started = Date.now()
    const long = abortableSleep(60_000, controller.signal)
    controller.abort()
    await long
    await abortableSleep(60_000, controller.signal) // already aborted: no wait at all
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
