import { describe, expect, it } from 'vitest'
import { generateToken, issueSessionCookie, openValue, principalForToken, readSessionCookie, sealValue } from './credentials.ts'
import { roleAllows } from './roles.ts'

const tokens = [
  { name: 'admin', role: 'admin' as const, token: 'admin-token-0123456789' },
  { name: 'vera', role: 'viewer' as const, token: 'viewer-token-0123456789' },
  { name: 'orders-bot', grants: [{ role: 'operator' as const, clusters: ['prod'], topics: ['orders.*'] }], token: 'scoped-token-0123456789' },
]

describe('credentials', () => {
  it('finds the principal of a known token and nothing for others', () => {
    expect(principalForToken(tokens, 'viewer-token-0123456789')).toEqual({ name: 'vera', role: 'viewer', grants: [{ role: 'viewer' }], via: 'token' })
    expect(principalForToken(tokens, 'viewer-token-012345678')).toBeUndefined()
    expect(principalForToken(tokens, '')).toBeUndefined()
  })

  it('gives a token with grants those grants, and their highest role', () => {
    expect(principalForToken(tokens, 'scoped-token-0123456789')).toEqual({
      name: 'orders-bot', role: 'operator', grants: [{ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }], via: 'token',
    })
  })

  it('round-trips a session cookie and refuses tampering, other keys and expiry', () => {
    const now = 1_700_000_000_000
    const cookie = issueSessionCookie({ id: 'abc', expiresAt: now + 60_000 }, 'secret')
    expect(readSessionCookie(cookie, 'secret', now + 1000)).toEqual({ id: 'abc', expiresAt: now + 60_000 })
    expect(readSessionCookie(cookie, 'other-secret', now)).toBeUndefined()
    expect(readSessionCookie(cookie, 'secret', now + 60_000)).toBeUndefined()
    const [payload, signature] = cookie.split('.')
    const forged = Buffer.from(JSON.stringify({ s: 'other', e: now + 10_000 })).toString('base64url')
    expect(readSessionCookie(`${forged}.${signature}`, 'secret', now)).toBeUndefined()
    expect(readSessionCookie(`${payload}.`, 'secret', now)).toBeUndefined()
    expect(readSessionCookie('garbage', 'secret', now)).toBeUndefined()
  })

  it('never accepts a value sealed for one purpose as another', () => {
    const sealed = sealValue('oidc-pending', { s: 'abc', e: Date.now() + 60_000 }, 'secret')
    expect(openValue('oidc-pending', sealed, 'secret')).toMatchObject({ s: 'abc' })
    expect(readSessionCookie(sealed, 'secret')).toBeUndefined()
  })

  it('generates tokens of at least 32 random URL-safe characters', () => {
    const tokens = new Set(Array.from({ length: 20 }, generateToken))
    expect(tokens.size).toBe(20)
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/)
  })

  it('orders roles viewer < operator < admin', () => {
    expect(roleAllows('admin', 'operator')).toBe(true)
    expect(roleAllows('operator', 'operator')).toBe(true)
    expect(roleAllows('operator', 'admin')).toBe(false)
    expect(roleAllows('viewer', 'operator')).toBe(false)
  })
})
