import { request, seg } from './http';

export type Role = 'viewer' | 'operator' | 'admin';

/** A role, limited to cluster and topic patterns when those are given. */
export interface Grant {
  role: Role;
  clusters?: string[];
  topics?: string[];
}

export interface Session {
  name: string;
  /** The highest role of any grant. */
  role: Role | string;
  grants?: Grant[];
  via?: 'token' | 'sso';
  /** This session's id (absent for Bearer tokens). */
  session?: string;
}

/** Whether single sign-on is offered, and where it starts. */
export interface SsoOptions {
  enabled: boolean;
  name?: string;
  loginUrl?: string;
}

/** A live session, as an admin sees it. */
export interface SessionInfo {
  id: string;
  name: string;
  via: 'token' | 'sso';
  role: Role;
  grants: Grant[];
  createdAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
  current: boolean;
}

/** 401 here is the normal "not signed in" answer and triggers the /login redirect. */
export function getSession(signal?: AbortSignal): Promise<Session> {
  return request<Session>('/api/session', { signal });
}

/** Exchanges a token for an HttpOnly session cookie (204). A 401 is left to the login form. */
export function signIn(token: string): Promise<void> {
  return request<void>('/api/session', { method: 'POST', body: { token }, redirectOn401: false });
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

export function listSessions(signal?: AbortSignal): Promise<{ items: SessionInfo[] }> {
  return request<{ items: SessionInfo[] }>('/api/sessions', { signal });
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

/** Roles are ordered: an admin may do what an operator may. Unknown roles get nothing extra. */
export function hasRole(role: string | undefined, needed: Role): boolean {
  if (!role || !(role in RANK)) return false;
  return RANK[role as Role] >= RANK[needed];
}
