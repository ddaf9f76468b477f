// Bearer tokens and the session cookie. The cookie names a session record in the shared store
// (core/auth/sessions.ts) and is signed, so ids cannot be forged or guessed at the store.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TokenConfig } from '../config.ts'
import type { Grant } from './grants.ts'
import { principalOf, type Principal } from './roles.ts'

const digest = (value: string) => createHash('sha256').update(value).digest()

/** A token's grants: its own list, or its one role everywhere. */
export const tokenGrants = (token: TokenConfig): Grant[] => token.grants ?? [{ role: token.role ?? 'viewer' }]

/** Compares digests so neither the length nor the content of a token leaks through timing. */
export function principalForToken(tokens: readonly TokenConfig[], presented: string): Principal | undefined {
  const presentedDigest = digest(presented)
  let match: TokenConfig | undefined
  for (const candidate of tokens) {
    if (timingSafeEqual(digest(candidate.token), presentedDigest)) match = candidate
  }
  return match ? principalOf(match.name, tokenGrants(match), 'token') : undefined
}

/** A fresh access token: 32 random bytes, 43 URL-safe characters (for generated and example tokens). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

export const sessionCookieName = 'kp_session'

/** HMAC-SHA256 of `purpose` and `payload`: a signature made for one purpose never passes for another. */
export function sign(purpose: string, payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`${purpose}\0${payload}`).digest('base64url')
}

function signatureMatches(purpose: string, payload: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(sign(purpose, payload, secret))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** `payload.signature`, the payload being base64url JSON. */
export function sealValue(purpose: string, data: unknown, secret: string): string {
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url')
  return `${payload}.${sign(purpose, payload, secret)}`
}

/** The data of a value sealed for `purpose` with `secret`, or undefined for anything else. */
export function openValue(purpose: string, value: string, secret: string): Record<string, unknown> | undefined {
  const [payload, signature, ...rest] = value.split('.')
  if (!payload || !signature || rest.length > 0 || !signatureMatches(purpose, payload, signature, secret)) return undefined
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? data as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

export interface SessionCookie {
  id: string
  expiresAt: number
}

export function issueSessionCookie(session: SessionCookie, secret: string): string {
  return sealValue('session', { s: session.id, e: session.expiresAt }, secret)
}

/** The session a cookie names, if the server signed it and it has not expired. */
export function readSessionCookie(value: string, secret: string, now = Date.now()): SessionCookie | undefined {
  const data = openValue('session', value, secret)
  if (!data) return undefined
  const { s, e } = data
  if (typeof s !== 'string' || s === '' || typeof e !== 'number' || e <= now) return undefined
  return { id: s, expiresAt: e }
}
