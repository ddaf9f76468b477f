// When a write to VictoriaLogs is durable. VictoriaLogs acknowledges rows once they are in its
// memory; they reach disk later (its -inmemoryDataFlushInterval), and a crash (SIGKILL, OOM,
// power) loses whatever was acknowledged but not yet flushed. Its /internal/force_flush only makes
// buffered rows searchable (in-memory parts), not durable, so it cannot close that gap. What can:
// wait out the flush interval, then check that the process which took the rows is still the
// one running (a restart in between may have lost them: they are written again). Offsets are
// committed only after that, so a committed record is on disk.
import { AppError } from '../errors.ts'
import type { StorageState } from '../victorialogs/index.ts'
import { backoffDelay, sleep } from './indexer.ts'

/** A write VictoriaLogs acknowledged: which process took it (read before sending), and when. */
export interface Acknowledged {
  state: StorageState
  at: number
}

/** Room for the flush itself (merging the in-memory parts into files) on a busy VictoriaLogs. */
export const durabilityMarginMs = 3_000

/**
 * How long after its acknowledgement a row is surely on disk: up to 1 s in the row buffer (index
 * items up to 2 s), then an in-memory part whose deadline is one interval after its creation and
 * which the flusher, ticking every interval, writes out at its first tick past the deadline.
 */
export const durableAfterMs = (flushIntervalMs: number) => 2 * flushIntervalMs + 2_000 + durabilityMarginMs

export const logsRestarted = (rows?: number) => new AppError('LOGS_RESTARTED',
  `VictoriaLogs restarted before ${rows === undefined ? 'rows' : `${rows} records`} it had acknowledged were on disk; they are written again.`,
  { status: 503, retryable: true })

export interface DurabilityOptions {
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** A reading this recent serves as "before the write" (default 1 s): an older one only costs a needless rewrite. */
  maxAgeMs?: number
  /** Readings of VictoriaLogs' state tried while it does not answer (default: until aborted). */
  maxAttempts?: number
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void
}

export class DurabilityGate {
  readonly #read: () => Promise<StorageState>
  readonly #now: () => number
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #maxAgeMs: number
  readonly #maxAttempts: number
  readonly #onRetry: DurabilityOptions['onRetry']
  /** The latest reading, by when it was *asked for*: its answer describes a moment after that. */
  #latest: { askedAt: number; state: Promise<StorageState> } | undefined

  constructor(read: () => Promise<StorageState>, options: DurabilityOptions = {}) {
    this.#read = read
    this.#now = options.now ?? Date.now
    this.#sleep = options.sleep ?? sleep
    this.#maxAgeMs = options.maxAgeMs ?? 1_000
    this.#maxAttempts = options.maxAttempts ?? Infinity
    this.#onRetry = options.onRetry
  }

  now(): number {
    return this.#now()
  }

  /** A reading asked for at or after `since`: shared by every caller that can use it. */
  #readSince(since: number): Promise<StorageState> {
    const latest = this.#latest
    if (latest && latest.askedAt >= since) return latest.state
    const state = this.#read()
    const entry = { askedAt: this.#now(), state }
    this.#latest = entry
    // A failed reading is not kept: the next caller asks again.
    state.catch(() => { if (this.#latest === entry) this.#latest = undefined })
    return state
  }

  /**
   * Before sending a write: which VictoriaLogs process will take it. A reading up to maxAgeMs old
   * will do: if VictoriaLogs restarted since, settle() sees another process and the rows are
   * written again; nothing is lost, some rows may be indexed twice.
   */
  beforeWrite(): Promise<StorageState> {
    return this.#readSince(this.#now() - this.#maxAgeMs)
  }

  acknowledged(state: StorageState): Acknowledged {
    return { state, at: this.#now() }
  }

  /** When the acknowledged rows are on disk, if the process that took them lives that long. */
  deadline(ack: Acknowledged): number {
    return ack.at + durableAfterMs(ack.state.flushIntervalMs)
  }

  /**
   * Resolves once the acknowledged rows are on disk: the flush deadline has passed and the
   * process that took them is still running after it. Rejects with LOGS_RESTARTED when another
   * process answers (the rows may be lost), and when aborted.
   */
  async settle(ack: Acknowledged, signal?: AbortSignal, rows?: number): Promise<void> {
    const deadline = this.deadline(ack)
    // Timers may fire a millisecond early: the reading must be asked for after the deadline.
    for (let wait = deadline - this.#now(); wait > 0; wait = deadline - this.#now()) await this.#sleep(wait, signal)
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted()
      let state: StorageState
      try {
        state = await this.#readSince(deadline)
      } catch (error: unknown) {
        const retryable = error instanceof AppError && error.retryable
        if (!retryable || attempt >= this.#maxAttempts) throw error
        const delay = backoffDelay(attempt, 250, 5_000)
        this.#onRetry?.(attempt, error, delay)
        await this.#sleep(delay, signal)
        continue
      }
      if (state.startedAt !== ack.state.startedAt) throw logsRestarted(rows)
      return
    }
  }
}
