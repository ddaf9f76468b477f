import { describe, expect, it } from 'vitest'
import { CachedSessionStore, InMemorySessionStore, newSessionId, principalOfSession, type SessionRecord } from './sessions.ts'

const record = (id: string, createdAt: number, ttl = 60_000): SessionRecord =>
  ({ id, name: `user-${id}`, via: 'token', grants: [{ role: 'viewer' }], createdAt, expiresAt: createdAt + ttl })

describe('InMemorySessionStore', () => {
  it('finds live sessions, forgets revoked and expired ones, lists the newest first', async () => {
    const store = new InMemorySessionStore()
    const now = Date.now()
    await store.create(record('a', now - 2_000))
    await store.create(record('b', now - 1_000))
    await store.create(record('old', now - 120_000))
    expect((await store.find('a'))?.name).toBe('user-a')
    expect(await store.find('old')).toBeUndefined()
    expect((await store.list()).map((r) => r.id)).toEqual(['b', 'a'])
    expect(await store.revoke('a')).toBe(true)
    expect(await store.revoke('a')).toBe(false)
    expect(await store.find('a')).toBeUndefined()
    expect((await store.list()).map((r) => r.id)).toEqual(['b'])
  })

  it('keeps at most maxSessions, dropping the oldest', async () => {
    const store = new InMemorySessionStore(2)
    const now = Date.now()
    for (const id of ['1', '2', '3']) await store.create(record(id, now))
    expect((await store.list()).map((r) => r.id).sort()).toEqual(['2', '3'])
  })
})

describe('CachedSessionStore', () => {
  it('trusts a found session for at most maxStalenessMs after another instance revoked it', async () => {
    const shared = new InMemorySessionStore()
    let now = Date.now()
    const thisInstance = new CachedSessionStore(shared, { maxStalenessMs: 5_000, now: () => now })
    const otherInstance = new CachedSessionStore(shared, { maxStalenessMs: 5_000, now: () => now })
    await shared.create(record('s', now))
    expect(await thisInstance.find('s')).toBeDefined()
    await otherInstance.revoke('s')
    now += 4_999
    expect(await thisInstance.find('s')).toBeDefined()
    now += 1
    expect(await thisInstance.find('s')).toBeUndefined()
  })

  it('revokes through itself at once, and never remembers a miss', async () => {
    const shared = new InMemorySessionStore()
    const cache = new CachedSessionStore(shared, { maxStalenessMs: 60_000 })
    const now = Date.now()
    expect(await cache.find('later')).toBeUndefined()
    await shared.create(record('later', now))
    expect(await cache.find('later')).toBeDefined()
    await cache.revoke('later')
    expect(await cache.find('later')).toBeUndefined()
  })

  it('never serves a cached session past its own expiry', async () => {
    const shared = new InMemorySessionStore()
    let now = Date.now()
    const cache = new CachedSessionStore(shared, { maxStalenessMs: 60_000, now: () => now })
    await shared.create(record('short', now, 1_000))
    expect(await cache.find('short')).toBeDefined()
    now += 1_000
    expect(await cache.find('short')).toBeUndefined()
  })
})

describe('sessions', () => {
  it('have random 128-bit ids and name their principal', () => {
    expect(newSessionId()).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(newSessionId()).not.toBe(newSessionId())
    expect(principalOfSession({ ...record('x', 0), grants: [{ role: 'viewer' }, { role: 'admin', clusters: ['dev'] }] }))
      .toEqual({ name: 'user-x', role: 'admin', grants: [{ role: 'viewer' }, { role: 'admin', clusters: ['dev'] }], via: 'token', session: 'x' })
  })
})
