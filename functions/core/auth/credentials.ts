// Bearer tokens and signed session cookies. Stateless on purpose: Lambda instances share nothing.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TokenConfig } from '../config.ts'
import { isRole, type Principal } from './roles.ts'

const digest = (value: string) => createHash('sha256').update(value).digest()

/** Compares digests so neither the length nor the content of a token leaks through timing. */
export function principalForToken(tokens: readonly TokenConfig[], presented: string): Principal | undefined {
  const presentedDigest = digest(presented)
  let match: TokenConfig | undefined
  for (const candidate of tokens) {
    if (timingSafeEqual(digest(candidate.token), presentedDigest)) match = candidate
  }
  return match ? { name: match.name, role: match.role } : undefined
}

/** A fresh access token: 32 random bytes, 43 URL-safe characters (for generated and example tokens). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

export const sessionCookieName = 'kp_session'
export const sessionTtlMs = 12 * 60 * 60 * 1000

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url')
}

export function issueSession(principal: Principal, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ n: principal.name, r: principal.role, e: now + sessionTtlMs })).toString('base64url')
  return `${payload}.${sign(payload, secret)}`
}

export function readSession(value: string, secret: string, now = Date.now()): Principal | undefined {
  const [payload, signature, ...rest] = value.split('.')
  if (!payload || !signature || rest.length > 0) return undefined
  const expected = Buffer.from(sign(payload, secret))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (typeof data !== 'object' || data === null) return undefined
    const { n, r, e } = data as Record<string, unknown>
    if (typeof n !== 'string' || !isRole(r) || typeof e !== 'number' || e <= now) return undefined
    return { name: n, role: r }
  } catch {
    return undefined
  }
}
