// The durability gate on a fake clock: when acknowledged rows count as on disk, and what a
// VictoriaLogs restart (or silence) in between does to that.
import { describe, expect, it } from 'vitest'
import { AppError, logsUnavailable } from '../errors.ts'
import type { StorageState } from '../victorialogs/index.ts'
import { DurabilityGate, durableAfterMs } from './durability.ts'

function fakeVictoriaLogs(initial: StorageState) {
  let now = 1_000_000
  let state: StorageState | Error = initial
  const readsAt: number[] = []
  const gate = (options: ConstructorParameters<typeof DurabilityGate>[1] = {}) => new DurabilityGate(async () => {
    readsAt.push(now)
    if (state instanceof Error) throw state
    return state
  }, {
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted()
      now += ms
      // Let timers (the tests' own state changes) run, as a real wait would.
      await new Promise((resolve) => setImmediate(resolve))
    },
    ...options,
  })
  return {
    gate,
    readsAt,
    now: () => now,
    advance: (ms: number) => { now += ms },
    set: (next: StorageState | Error) => { state = next },
  }
}

const fiveSeconds: StorageState = { startedAt: 100, flushIntervalMs: 5_000 }

describe('DurabilityGate', () => {
  it('counts rows as durable two flush intervals and 5 s after the acknowledgement, checked by a reading after that', async () => {
    expect(durableAfterMs(5_000)).toBe(15_000)
    expect(durableAfterMs(1_000)).toBe(7_000)
    const vl = fakeVictoriaLogs(fiveSeconds)
    const gate = vl.gate()
    const ack = gate.acknowledged(await gate.beforeWrite())
    await gate.settle(ack)
    expect(vl.now() - ack.at).toBe(15_000)
    expect(vl.readsAt).toHaveLength(2)
    expect(vl.readsAt[1]).toBeGreaterThanOrEqual(ack.at + 15_000)
  })

  it('a restart between acknowledgement and check → LOGS_RESTARTED (retryable): the rows are written again', async () => {
    const vl = fakeVictoriaLogs(fiveSeconds)
    const gate = vl.gate()
    const ack = gate.acknowledged(await gate.beforeWrite())
    vl.set({ startedAt: 160, flushIntervalMs: 5_000 })
    const error = await gate.settle(ack, undefined, 20_000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'LOGS_RESTARTED', status: 503, retryable: true, message: expect.stringContaining('20000 records') as unknown })
  })

  it('waits out a VictoriaLogs that does not answer, and judges by the process that answers again', async () => {
    const vl = fakeVictoriaLogs(fiveSeconds)
    const retries: number[] = []
    const gate = vl.gate({ onRetry: (attempt) => retries.push(attempt) })
    const ack = gate.acknowledged(await gate.beforeWrite())
    vl.set(logsUnavailable('down'))
    const settled = gate.settle(ack)
    // Down for a while, then back as another process: what it had in memory is gone.
    setTimeout(() => vl.set({ startedAt: 170, flushIntervalMs: 5_000 }), 5)
    await expect(settled).rejects.toMatchObject({ code: 'LOGS_RESTARTED' })
    expect(retries.length).toBeGreaterThan(0)

    // Unreachable, then back as the same process (a network blip): durable.
    const restarted = { startedAt: 170, flushIntervalMs: 5_000 }
    const ack2 = gate.acknowledged(await gate.beforeWrite())
    expect(ack2.state).toEqual(restarted)
    vl.set(logsUnavailable('blip'))
    const settled2 = gate.settle(ack2)
    setTimeout(() => vl.set(restarted), 5)
    await expect(settled2).resolves.toBeUndefined()
  })

  it('gives up after maxAttempts readings (the Lambda fails the batch back to its mapping); a non-retryable error at once', async () => {
    const vl = fakeVictoriaLogs(fiveSeconds)
    const gate = vl.gate({ maxAttempts: 3 })
    const ack = gate.acknowledged(await gate.beforeWrite())
    vl.set(logsUnavailable('down'))
    await expect(gate.settle(ack)).rejects.toMatchObject({ code: 'LOGS_UNAVAILABLE' })
    expect(vl.readsAt).toHaveLength(1 + 3)
    vl.set(new AppError('LOGS_ERROR', 'metrics without a start time', { status: 502 }))
    const before = vl.readsAt.length
    await expect(gate.settle(gate.acknowledged(fiveSeconds))).rejects.toMatchObject({ code: 'LOGS_ERROR' })
    expect(vl.readsAt.length - before).toBe(1)
  })

  it('shares readings: writes within maxAgeMs use one, batches settling at once use one asked for after their deadline', async () => {
    const vl = fakeVictoriaLogs(fiveSeconds)
    const gate = vl.gate({ maxAgeMs: 1_000 })
    await gate.beforeWrite()
    vl.advance(500)
    await gate.beforeWrite()
    expect(vl.readsAt).toHaveLength(1)
    vl.advance(600)
    const first = gate.acknowledged(await gate.beforeWrite())
    expect(vl.readsAt).toHaveLength(2)
    const second = gate.acknowledged(fiveSeconds)
    await Promise.all([gate.settle(first), gate.settle(second)])
    expect(vl.readsAt).toHaveLength(3)
    // A later batch needs a reading from after its own deadline, not the earlier one's.
    vl.advance(1_000)
    const third = gate.acknowledged(fiveSeconds)
    await gate.settle(third)
    expect(vl.readsAt).toHaveLength(4)
  })

  it('an abort stops the wait', async () => {
    const vl = fakeVictoriaLogs(fiveSeconds)
    const gate = vl.gate()
    const controller = new AbortController()
    controller.abort(new Error('stopped'))
    await expect(gate.settle(gate.acknowledged(fiveSeconds), controller.signal)).rejects.toThrow('stopped')
  })
})
