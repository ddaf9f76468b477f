import { request } from './http';
import type { Role, Session, SignInRequest } from './contract';

export type { Role, Session };

/** 401 here is the normal "not signed in" answer and triggers the /login redirect. */
export function getSession(signal?: AbortSignal): Promise<Session> {
  return request<Session>('/api/session', { signal });
}

/** Exchanges a token for an HttpOnly session cookie (204). A 401 is left to the login form. */
export function signIn(token: string): Promise<void> {
  const body: SignInRequest = { token };
  return request<void>('/api/session', { method: 'POST', body, redirectOn401: false });
}

export function signOut(): Promise<void> {
  return request<void>('/api/session', { method: 'DELETE', redirectOn401: false });
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are ordered: an admin may do what an operator may. */
export function hasRole(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
