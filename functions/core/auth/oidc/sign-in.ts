// From a verified ID token to a principal: who it is and what their groups grant. Plus the
// pending sign-in, kept in a short-lived signed cookie between the redirect and the callback
// (no server memory: the callback may reach another Lambda instance).
import type { OidcConfig } from '../../config.ts'
import { openValue, sealValue } from '../credentials.ts'
import { distinctGrants, type Grant } from '../grants.ts'
import type { PendingSignIn } from './client.ts'
import type { IdTokenClaims } from './id-token.ts'

export const pendingCookieName = 'kp_oidc'
/** The provider's login page may take a while; the sign-in must be finished within this. */
export const pendingTtlMs = 10 * 60 * 1000

/** The claim's value: a top-level name first (`cognito:groups`, `https://example.com/roles`), else a dotted path (`realm_access.roles`). */
function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name]
  let value: unknown = claims
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** The values of the roles claim: a list of strings, or one string (some providers send `"a b"` or `"a,b"`). */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claimValue(claims, name)
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean)
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

/** Every grant mapped to one of the principal's claim values, plus those for everyone (`*`). */
export function grantsForClaims(config: Pick<OidcConfig, 'rolesClaim' | 'roleMapping'>, claims: Record<string, unknown>): Grant[] {
  const values = ['*', ...claimValues(claims, config.rolesClaim)]
  return distinctGrants(values.flatMap((value) => (Object.hasOwn(config.roleMapping, value) ? config.roleMapping[value] ?? [] : [])))
}

/** How the session is named in lists and audit records. */
export function displayName(claims: IdTokenClaims): string {
  for (const name of ['email', 'preferred_username', 'name'] as const) {
    const value = claims[name]
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200)
  }
  return claims.sub
}

const hasControl = (value: string) => [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)

/**
 * Where to go after signing in: a path of this site only. Anything that a browser could read as
 * another origin (`//evil`, `/\evil`, `https://…`, control characters) becomes `/`.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 2_000 || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControl(value)) return '/'
  const base = 'http://return.invalid'
  try {
    const url = new URL(value, base)
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/'
  } catch {
    return '/'
  }
}

export function sealPending(pending: PendingSignIn, secret: string, now = Date.now()): string {
  return sealValue('oidc-pending', { ...pending, e: now + pendingTtlMs }, secret)
}

export function openPending(value: string | undefined, secret: string, now = Date.now()): PendingSignIn | undefined {
  const data = value ? openValue('oidc-pending', value, secret) : undefined
  if (!data || typeof data.e !== 'number' || data.e <= now) return undefined
  const fields = ['state', 'nonce', 'verifier', 'redirectUri', 'returnTo'] as const
  if (!fields.every((f) => typeof data[f] === 'string' && data[f] !== '')) return undefined
  return Object.fromEntries(fields.map((f) => [f, data[f]])) as unknown as PendingSignIn
}
