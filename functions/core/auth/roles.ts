// Roles are ordered: each one can do everything the one before it can.
import type { Grant } from './grants.ts'

export const roles = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof roles)[number]

export function roleAllows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

/** The higher of two roles; undefined counts as no role. */
export const higherRole = (a: Role | undefined, b: Role | undefined): Role | undefined =>
  a === undefined ? b : b === undefined ? a : roleAllows(a, b) ? a : b

export interface Principal {
  name: string
  /** The highest role of any grant: what the UI shows and audit records carry. */
  role: Role
  /** What the principal may do where (core/auth/access.ts reads them). */
  grants: Grant[]
  /** How the principal signed in: an access token, or the organisation's OpenID provider. */
  via: 'token' | 'sso'
  /** The session the request came with (none for Bearer tokens). */
  session?: string
}

/** A principal holding `grants`; its role is the highest of them. */
export function principalOf(name: string, grants: Grant[], via: Principal['via'], session?: string): Principal {
  const role = grants.reduce<Role | undefined>((best, g) => higherRole(best, g.role), undefined) ?? 'viewer'
  return { name, role, grants, via, ...(session === undefined ? {} : { session }) }
}
