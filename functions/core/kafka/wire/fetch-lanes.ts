// Connections for Fetch requests, apart from the Admin's. A broker answers one request at a time
// per connection, so a 500 ms long-poll on the Admin's connection made every admin call behind it
// wait (10 tails: /api/health 503, the topic list 19.5 s). Fetches go over lanes instead: a lane
// is a pool of its own with one connection per broker. Each tail fetch loop holds a lane (its own
// while there are few, shared once the cap is reached, so a process never opens more than
// `maxLanes` connections per broker for tails); short reads (browse, group lag times) share one
// lane of their own. Admin calls never travel on a lane.
import { ConnectionPool, type Callback, type Connection, type ConnectionOptions } from './client.ts'

/** One pool of fetch connections (one per broker). Opaque above the wire layer. */
export class FetchLane {
  readonly #pool: ConnectionPool
  #closed = false
  /** Fetch loops holding this lane. */
  users = 0

  constructor(clientId: string, options: ConnectionOptions) {
    this.#pool = new ConnectionPool(clientId, options)
  }

  get closed(): boolean {
    return this.#closed
  }

  connection(broker: { host: string; port: number }, callback: Callback<Connection>): void {
    this.#pool.get(broker, callback)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#pool.close()
  }
}

/** A cluster's fetch lanes. */
export class FetchLanes {
  readonly #clientId: string
  readonly #options: () => ConnectionOptions
  readonly #maxLanes: number
  readonly #lanes = new Set<FetchLane>()
  #reads: FetchLane | undefined

  /** `options` is called when a lane opens (MSK IAM token providers, TLS, SASL as the Admin's). */
  constructor(clientId: string, options: () => ConnectionOptions, maxLanes = 32) {
    this.#clientId = clientId
    this.#options = options
    this.#maxLanes = maxLanes
  }

  /** Tail lanes open now (a gauge; tests read it to see lanes closed behind their last loop). */
  get open(): number {
    return this.#lanes.size
  }

  /** A lane for one long-poll loop: a new one while under the cap, else the least shared one. */
  acquire(): FetchLane {
    let lane: FetchLane | undefined
    if (this.#lanes.size >= this.#maxLanes) {
      for (const candidate of this.#lanes) if (!lane || candidate.users < lane.users) lane = candidate
    }
    if (!lane) {
      lane = new FetchLane(this.#clientId, this.#options())
      this.#lanes.add(lane)
    }
    lane.users++
    return lane
  }

  /** The loop is done with it; the last one out closes its connections. */
  release(lane: FetchLane): void {
    lane.users--
    if (lane.users > 0 || !this.#lanes.delete(lane)) return
    lane.close().catch(() => {}) // closing sockets of a finished loop: nothing to report
  }

  /** The lane for short reads (no long-poll): browse, group lag times. */
  reads(): FetchLane {
    if (!this.#reads || this.#reads.closed) this.#reads = new FetchLane(this.#clientId, this.#options())
    return this.#reads
  }

  async close(): Promise<void> {
    const lanes = [...this.#lanes, ...(this.#reads ? [this.#reads] : [])]
    this.#lanes.clear()
    this.#reads = undefined
    await Promise.all(lanes.map((lane) => lane.close()))
  }
}
