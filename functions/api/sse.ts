// Server-sent events at the HTTP edge: a bounded queue between the producer (the tail loop) and a
// slow client, so memory never grows with a client that cannot keep up; what does not fit is
// refused (the caller counts it as dropped).
import type { TailStreamLimits } from '../core/config.ts'
export interface SseEvent {
  event?: string
  id?: string
  data: string
  retryMs?: number
}

export function formatSse({ event, id, data, retryMs }: SseEvent): string {
  let out = ''
  if (retryMs !== undefined) out += `retry: ${retryMs}\n`
  if (id !== undefined) out += `id: ${id}\n`
  if (event !== undefined) out += `event: ${event}\n`
  for (const line of data.split('\n')) out += `data: ${line}\n`
  return `${out}\n`
}

export class BoundedQueue {
  readonly #items: string[] = []
  #bytes = 0
  #closed = false
  #wake: (() => void) | undefined
  readonly maxItems: number
  readonly maxBytes: number

  constructor(maxItems = 2_000, maxBytes = 2 * 1024 * 1024) {
    this.maxItems = maxItems
    this.maxBytes = maxBytes
  }

  get size(): number {
    return this.#items.length
  }

  /** Characters queued (what `maxBytes` bounds). */
  get bytes(): number {
    return this.#bytes
  }

  /** `force` is for the few control events (stats, errors, end) that must never be dropped. */
  push(chunk: string, force = false): boolean {
    if (this.#closed) return false
    if (!force && (this.#items.length >= this.maxItems || this.#bytes + chunk.length > this.maxBytes)) return false
    this.#items.push(chunk)
    this.#bytes += chunk.length
    this.#wake?.()
    return true
  }

  close(): void {
    this.#closed = true
    this.#wake?.()
  }

  /** The next chunk, waiting for one; undefined once closed and drained. */
  async next(): Promise<string | undefined> {
    while (this.#items.length === 0) {
      if (this.#closed) return undefined
      await new Promise<void>((resolve) => { this.#wake = resolve })
      this.#wake = undefined
    }
    const chunk = this.#items.shift() as string
    this.#bytes -= chunk.length
    return chunk
  }

  /**
   * Everything queued, as one string, waiting for at least one chunk; undefined once closed and
   * drained. One write per burst instead of one per event: at thousands of events a second the
   * per-write cost (a promise, a chunked-encoding frame, a socket write, a read in the browser)
   * is what makes a client fall behind.
   */
  async drain(maxBytes = 256 * 1024): Promise<string | undefined> {
    const first = await this.next()
    if (first === undefined || this.#items.length === 0) return first
    const parts = [first]
    let bytes = first.length
    while (this.#items.length > 0 && bytes < maxBytes) {
      const chunk = this.#items.shift() as string
      this.#bytes -= chunk.length
      bytes += chunk.length
      parts.push(chunk)
    }
    return parts.join('')
  }
}

/**
 * Bytes a stream may still send under Lambda's response-streaming limits (config.ts): a total
 * size, and a bandwidth that applies once a first burst is out (AWS: 200 MB; 6 MB, then 2 MB/s).
 * Past the burst, a token bucket refilled at `bytesPerSec` and holding at most a third of a
 * second's worth (so burst plus bucket stays under Lambda's 6 MB, and no stretch after it runs
 * faster than the rate by more than the bucket). `spend` counts what is about to be sent and
 * names the limit it would cross, so the stream can end first, with its resume token, and the
 * client reconnect to a fresh response.
 */
export class StreamBudget {
  readonly #limits: TailStreamLimits
  readonly #now: () => number
  readonly #capacity: number
  #sent = 0
  #tokens = 0
  #filledAt: number | undefined

  constructor(limits: TailStreamLimits, now: () => number = Date.now) {
    this.#limits = limits
    this.#now = now
    this.#capacity = limits.bytesPerSec / 3
  }

  get sent(): number {
    return this.#sent
  }

  spend(bytes: number): 'response-size' | 'bandwidth' | undefined {
    const { maxBytes, burstBytes, bytesPerSec } = this.#limits
    const before = this.#sent
    this.#sent += bytes
    if (this.#sent >= maxBytes) return 'response-size'
    if (this.#sent <= burstBytes) return undefined
    const now = this.#now()
    if (this.#filledAt === undefined) this.#tokens = this.#capacity
    else this.#tokens = Math.min(this.#capacity, this.#tokens + bytesPerSec * (now - this.#filledAt) / 1000)
    this.#filledAt = now
    this.#tokens -= this.#sent - Math.max(before, burstBytes)
    return this.#tokens < 0 ? 'bandwidth' : undefined
  }
}
