// Throttles failed sign-ins (wrong tokens at POST /api/session or as a Bearer header), per client
// address and over all clients together, with token buckets: each failure takes one token, tokens
// refill at a steady rate, and a client with no token left waits. Successful attempts cost nothing.
// State is per instance (one Lambda instance, one local process) and bounded in memory.

export interface BucketLimit {
  /** Failures allowed back to back. */
  burst: number
  /** One more failure is allowed every refillMs. */
  refillMs: number
}

export interface ThrottleOptions {
  perClient: BucketLimit
  overall: BucketLimit
  /** Client entries kept at most; refilled ones go first, then the oldest. */
  maxClients: number
  now: () => number
}

export const loginThrottleDefaults: Omit<ThrottleOptions, 'now'> = {
  // 10 wrong tokens in a row, then one every 30 s per address.
  perClient: { burst: 10, refillMs: 30_000 },
  // 100 in a row over all addresses, then one every 3 s: bounds guessing from many addresses.
  overall: { burst: 100, refillMs: 3_000 },
  maxClients: 10_000,
}

interface Bucket {
  tokens: number
  at: number
}

function refill(bucket: Bucket, limit: BucketLimit, now: number): Bucket {
  const tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) / limit.refillMs)
  return { tokens, at: now }
}

/** Milliseconds until the bucket holds one whole token again. */
const waitMs = (bucket: Bucket, limit: BucketLimit) => (bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) * limit.refillMs)

export class FailureThrottle {
  readonly #options: ThrottleOptions
  readonly #clients = new Map<string, Bucket>()
  #overall: Bucket

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.#options = { ...loginThrottleDefaults, now: Date.now, ...options }
    this.#overall = { tokens: this.#options.overall.burst, at: this.#options.now() }
  }

  get size(): number {
    return this.#clients.size
  }

  /** 0 when `client` may try now; otherwise the whole seconds to wait (for Retry-After). */
  retryAfterSeconds(client: string): number {
    const now = this.#options.now()
    const { perClient, overall } = this.#options
    this.#overall = refill(this.#overall, overall, now)
    const own = this.#clients.get(client)
    const ms = Math.max(waitMs(this.#overall, overall), own ? waitMs(refill(own, perClient, now), perClient) : 0)
    return Math.ceil(ms / 1000)
  }

  recordFailure(client: string): void {
    const now = this.#options.now()
    const { perClient, overall } = this.#options
    this.#overall = refill(this.#overall, overall, now)
    this.#overall.tokens = Math.max(0, this.#overall.tokens - 1)
    const own = this.#clients.get(client)
    const bucket = own ? refill(own, perClient, now) : { tokens: perClient.burst, at: now }
    bucket.tokens = Math.max(0, bucket.tokens - 1)
    // Re-inserted, so the map's order is the order of last failure: the oldest is evicted first.
    this.#clients.delete(client)
    if (this.#clients.size >= this.#options.maxClients) this.#evict(now)
    this.#clients.set(client, bucket)
  }

  #evict(now: number): void {
    const { perClient, maxClients } = this.#options
    for (const [client, bucket] of this.#clients) {
      if (refill(bucket, perClient, now).tokens >= perClient.burst) this.#clients.delete(client)
    }
    for (const client of this.#clients.keys()) {
      if (this.#clients.size < maxClients) break
      this.#clients.delete(client)
    }
  }
}
