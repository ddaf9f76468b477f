import { request, seg } from './http';
import type { Grant, Role, Session, SessionInfo, SessionList, SignInRequest, SsoOptions } from './contract';

export type { Grant, Role, Session, SessionInfo, SsoOptions };

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

/** Asked before anyone is signed in: whether to offer "Sign in with <provider>". */
export function getSsoOptions(signal?: AbortSignal): Promise<SsoOptions> {
  return request<SsoOptions>('/api/session/sso', { signal, redirectOn401: false });
}

/** The address that starts single sign-on (a page navigation, not a fetch: it leaves for the provider). */
export function ssoLoginHref(loginUrl: string, returnTo?: string): string {
  return returnTo ? `${loginUrl}?returnTo=${encodeURIComponent(returnTo)}` : loginUrl;
}

export function listSessions(signal?: AbortSignal): Promise<SessionList> {
  return request<SessionList>('/api/sessions', { signal });
}

export function revokeSession(id: string): Promise<void> {
  return request<void>(`/api/sessions/${seg(id)}`, { method: 'DELETE' });
}

/** Sessions are for admins of the whole deployment: an admin grant limited to no cluster or topic. */
export function isDeploymentAdmin(session: Session | undefined): boolean {
  return Boolean(session?.grants?.some((g) => g.role === 'admin' && !g.clusters && !g.topics));
}

/** What a grant covers, in words: "operator on orders.* of prod". */
export function describeGrant(grant: Grant): string {
  const topics = grant.topics ? ` on ${grant.topics.join(', ')}` : '';
  const clusters = grant.clusters ? ` ${grant.topics ? 'of' : 'on'} ${grant.clusters.join(', ')}` : '';
  return `${grant.role}${topics}${clusters}`;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are ordered: an admin may do what an operator may. */
export function hasRole(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
