// Sessions of the UI: one record per sign-in, kept in a store every API instance shares (Lambda
// instances share no memory), so logging out or an admin's revocation ends a session everywhere.
// The cookie only names the record (core/auth/credentials.ts signs it); what the session may do
// is in the record.
import { randomBytes } from 'node:crypto'
import type { Grant } from './grants.ts'
import { principalOf, type Principal } from './roles.ts'

export const sessionTtlMs = 12 * 60 * 60 * 1000

export interface SessionRecord {
  /** Random, 128 bits; shown to admins. The cookie also carries a signature only the server can make. */
  id: string
  name: string
  via: Principal['via']
  grants: Grant[]
  /** Epoch milliseconds. */
  createdAt: number
  expiresAt: number
  /** Where the sign-in came from, for an admin deciding what to revoke. */
  address?: string
  userAgent?: string
  /** The OpenID subject (sub) of an SSO session. */
  subject?: string
}

/**
 * Shared by every API instance: in this process (local mode, tests) or DynamoDB on AWS
 * (functions/aws/dynamo-session-store.ts). Expired records may linger in a store; readers ignore them.
 */
export interface SessionStore {
  create(record: SessionRecord): Promise<void>
  /** The live record, or undefined when it never existed, was revoked or has expired. */
  find(id: string, now?: number): Promise<SessionRecord | undefined>
  /** Ends a session; false when there was none. */
  revoke(id: string): Promise<boolean>
  /** Live sessions, newest first. */
  list(now?: number): Promise<SessionRecord[]>
}

export const newSessionId = () => randomBytes(16).toString('base64url')

export const principalOfSession = (record: SessionRecord): Principal => principalOf(record.name, record.grants, record.via, record.id)

export const byNewest = (a: SessionRecord, b: SessionRecord) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)

/** For one process: local mode and tests. Bounded: the oldest sessions go first past `maxSessions`. */
export class InMemorySessionStore implements SessionStore {
  readonly #records = new Map<string, SessionRecord>()
  readonly #maxSessions: number

  constructor(maxSessions = 10_000) {
    this.#maxSessions = maxSessions
  }

  async create(record: SessionRecord): Promise<void> {
    this.#sweep(Date.now())
    // Insertion order is creation order: the first key is the oldest session.
    while (this.#records.size >= this.#maxSessions) this.#records.delete(this.#records.keys().next().value as string)
    this.#records.set(record.id, { ...record })
  }

  async find(id: string, now = Date.now()): Promise<SessionRecord | undefined> {
    const record = this.#records.get(id)
    return record && record.expiresAt > now ? { ...record } : undefined
  }

  async revoke(id: string): Promise<boolean> {
    return this.#records.delete(id)
  }

  async list(now = Date.now()): Promise<SessionRecord[]> {
    this.#sweep(now)
    return [...this.#records.values()].map((r) => ({ ...r })).sort(byNewest)
  }

  #sweep(now: number): void {
    for (const [id, record] of this.#records) if (record.expiresAt <= now) this.#records.delete(id)
  }
}

/**
 * Remembers sessions found in a shared store for a few seconds, so a busy UI does not read the
 * store on every request. The price is bounded staleness: a session revoked on another instance
 * still works here for at most `maxStalenessMs`. Revocations through this instance take effect at
 * once; a session not found is never remembered (a new sign-in elsewhere works immediately).
 */
export class CachedSessionStore implements SessionStore {
  readonly #store: SessionStore
  readonly #maxStalenessMs: number
  readonly #now: () => number
  readonly #maxEntries: number
  readonly #found = new Map<string, { record: SessionRecord; until: number }>()

  constructor(store: SessionStore, options: { maxStalenessMs: number; now?: () => number; maxEntries?: number }) {
    this.#store = store
    this.#maxStalenessMs = options.maxStalenessMs
    this.#now = options.now ?? Date.now
    this.#maxEntries = options.maxEntries ?? 10_000
  }

  create(record: SessionRecord): Promise<void> {
    return this.#store.create(record)
  }

  async find(id: string, now = this.#now()): Promise<SessionRecord | undefined> {
    const cached = this.#found.get(id)
    if (cached && cached.until > now && cached.record.expiresAt > now) return cached.record
    this.#found.delete(id)
    const record = await this.#store.find(id, now)
    if (record && this.#maxStalenessMs > 0) {
      if (this.#found.size >= this.#maxEntries) this.#found.clear()
      this.#found.set(id, { record, until: now + this.#maxStalenessMs })
    }
    return record
  }

  async revoke(id: string): Promise<boolean> {
    this.#found.delete(id)
    return this.#store.revoke(id)
  }

  list(now = this.#now()): Promise<SessionRecord[]> {
    return this.#store.list(now)
  }
}
