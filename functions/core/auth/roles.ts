// Roles are ordered: each one can do everything the one before it can.
export const roles = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof roles)[number]

export function roleAllows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

export interface Principal {
  name: string
  role: Role
}
