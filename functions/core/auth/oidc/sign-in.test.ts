import { describe, expect, it } from 'vitest'
import { claimValues, displayName, grantsForClaims, openPending, safeReturnTo, sealPending } from './sign-in.ts'

const mapping = {
  rolesClaim: 'groups',
  roleMapping: {
    'kafka-admins': [{ role: 'admin' as const }],
    orders: [{ role: 'operator' as const, clusters: ['prod'], topics: ['orders.*'] }],
    '*': [{ role: 'viewer' as const }],
  },
}

describe('claims to grants', () => {
  it('reads a list, a string, a top-level name with colons or dots, or a dotted path', () => {
    expect(claimValues({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b'])
    expect(claimValues({ groups: 'a b,c' }, 'groups')).toEqual(['a', 'b', 'c'])
    expect(claimValues({ 'cognito:groups': ['x'] }, 'cognito:groups')).toEqual(['x'])
    expect(claimValues({ 'https://example.com/roles': ['r'] }, 'https://example.com/roles')).toEqual(['r'])
    expect(claimValues({ realm_access: { roles: ['k'] } }, 'realm_access.roles')).toEqual(['k'])
    expect(claimValues({}, 'groups')).toEqual([])
    expect(claimValues({ groups: { a: 1 } }, 'groups')).toEqual([])
  })

  it('maps each value, plus * for everyone, without repeats', () => {
    expect(grantsForClaims(mapping, { groups: ['orders', 'unmapped', 'orders'] }))
      .toEqual([{ role: 'viewer' }, { role: 'operator', clusters: ['prod'], topics: ['orders.*'] }])
    expect(grantsForClaims(mapping, { groups: ['kafka-admins'] })).toEqual([{ role: 'viewer' }, { role: 'admin' }])
    expect(grantsForClaims({ ...mapping, roleMapping: { orders: mapping.roleMapping.orders } }, { groups: ['other'] })).toEqual([])
  })

  it('ignores claim values that name object properties', () => {
    expect(grantsForClaims({ rolesClaim: 'groups', roleMapping: {} }, { groups: ['constructor', '__proto__', 'toString'] })).toEqual([])
  })

  it('names the session by email, username, name, or subject', () => {
    const base = { iss: 'i', aud: 'a', exp: 1, iat: 1, sub: 'sub-1' }
    expect(displayName({ ...base, email: 'a@example.com', name: 'A' })).toBe('a@example.com')
    expect(displayName({ ...base, preferred_username: 'alice' })).toBe('alice')
    expect(displayName(base)).toBe('sub-1')
  })
})

describe('safeReturnTo', () => {
  it.each([
    ['/c/prod/topics?q=x#top', '/c/prod/topics?q=x#top'],
    ['/', '/'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\tevil', '/'],
    ['javascript:alert(1)', '/'],
    ['c/prod', '/'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('%s → %s', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected)
  })
})

describe('the pending sign-in cookie', () => {
  const pending = { state: 's', nonce: 'n', verifier: 'v', redirectUri: 'https://k/api/session/oidc/callback', returnTo: '/x' }

  it('round-trips, and is refused with another key, after 10 minutes, or tampered', () => {
    const now = Date.now()
    const sealed = sealPending(pending, 'secret', now)
    expect(openPending(sealed, 'secret', now + 1_000)).toEqual(pending)
    expect(openPending(sealed, 'other', now)).toBeUndefined()
    expect(openPending(sealed, 'secret', now + 10 * 60_000)).toBeUndefined()
    expect(openPending(`x${sealed}`, 'secret', now)).toBeUndefined()
    expect(openPending(undefined, 'secret', now)).toBeUndefined()
  })
})
