// What VictoriaLogs' /metrics says about the durability of what it acknowledged: which process
// is answering (its start time changes on a restart) and its -inmemoryDataFlushInterval (rows
// stay in memory only, and are lost on a crash, for up to about twice that long).
import { AppError } from '../errors.ts'

export interface StorageState {
  /** Start of the VictoriaLogs process, seconds since the epoch (`vm_app_start_timestamp`). */
  startedAt: number
  /** Its -inmemoryDataFlushInterval in milliseconds (VictoriaLogs' default, 5 s, when not listed). */
  flushIntervalMs: number
}

export const defaultFlushIntervalMs = 5_000

const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001 }

/** A Go duration ("5s", "1m30s", "500ms", "1.5s") in milliseconds; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(text)) return undefined
  let total = 0
  for (const [, value, , unit] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(value) * (unitMs[unit as string] as number)
  return total
}

export function parseStorageState(metrics: string, url: string): StorageState {
  const started = /^vm_app_start_timestamp\s+(\d+(?:\.\d+)?)\s*$/m.exec(metrics)
  if (!started) {
    throw new AppError('LOGS_ERROR', 'VictoriaLogs\' metrics do not say when it started; the durability of writes cannot be checked.', {
      status: 502, cause: new Error(`VictoriaLogs at ${url}: /metrics has no vm_app_start_timestamp`),
    })
  }
  const flag = /^flag\{name="inmemoryDataFlushInterval",\s*value="([^"]*)"/m.exec(metrics)
  const interval = flag ? parseGoDuration(flag[1] as string) : undefined
  // VictoriaLogs raises anything below one second to one second.
  return { startedAt: Number(started[1]), flushIntervalMs: Math.max(1_000, interval ?? defaultFlushIntervalMs) }
}
