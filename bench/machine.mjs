// The machine's CPU as a whole, for parts that measure one process on a shared 2-core machine:
// a figure taken while the bench's own brokers start, or while VictoriaLogs merges what an earlier
// part wrote, measures those instead.
import { readFile } from 'node:fs/promises'

/** @typedef {(message: string) => void} Log */

/** The machine's CPU counters (all cores): busy and total jiffies, from /proc/stat. */
export async function cpuTimes() {
  const fields = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? []
  const total = fields.reduce((a, b) => a + b, 0)
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
  return { busy: total - idle, total }
}

/**
 * Waits (at most `maxMs`) until the machine's CPUs are mostly idle over a few seconds, and
 * returns the idle share of the last window (what the part prints beside its figure).
 * @param {Log} log
 * @param {string} what the measurement about to start
 */
export async function settle(log, what, maxMs = 120_000) {
  const started = performance.now()
  for (;;) {
    const before = await cpuTimes()
    await new Promise((r) => setTimeout(r, 3_000))
    const after = await cpuTimes()
    const idle = 1 - (after.busy - before.busy) / Math.max(1, after.total - before.total)
    if (idle >= 0.8 || performance.now() - started > maxMs) {
      log(`${what}: machine ${(idle * 100).toFixed(0)} % idle after ${((performance.now() - started) / 1000).toFixed(0)} s of settling`)
      return idle
    }
  }
}
