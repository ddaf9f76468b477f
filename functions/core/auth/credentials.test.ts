import { describe, expect, it } from 'vitest'
import { generateToken, issueSession, principalForToken, readSession, sessionTtlMs } from './credentials.ts'
import { roleAllows } from './roles.ts'

const tokens = [
  { name: 'admin', role: 'admin' as const, token: 'admin-token-0123456789' },
  { name: 'vera', role: 'viewer' as const, token: 'viewer-token-0123456789' },
]

describe('credentials', () => {
  it('finds the principal of a known token and nothing for others', () => {
    expect(principalForToken(tokens, 'viewer-token-0123456789')).toEqual({ name: 'vera', role: 'viewer' })
    expect(principalForToken(tokens, 'viewer-token-012345678')).toBeUndefined()
    expect(principalForToken(tokens, '')).toBeUndefined()
  })

  it('round-trips a session and refuses tampering, other keys and expiry', () => {
    const now = 1_700_000_000_000
    const session = issueSession({ name: 'vera', role: 'viewer' }, 'secret', now)
    expect(readSession(session, 'secret', now + 1000)).toEqual({ name: 'vera', role: 'viewer' })
    expect(readSession(session, 'other-secret', now)).toBeUndefined()
    expect(readSession(session, 'secret', now + sessionTtlMs + 1)).toBeUndefined()
    const [payload, signature] = session.split('.')
    const forged = Buffer.from(JSON.stringify({ n: 'vera', r: 'admin', e: now + 10_000 })).toString('base64url')
    expect(readSession(`${forged}.${signature}`, 'secret', now)).toBeUndefined()
    expect(readSession(`${payload}.`, 'secret', now)).toBeUndefined()
    expect(readSession('garbage', 'secret', now)).toBeUndefined()
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
