// Sign-in, "who am I", single sign-on and sessions (functions/api/routes/session.ts, sessions.ts).

/** Ordered: each role may do everything the one before it may (functions/core/auth/roles.ts). */
export type Role = 'viewer' | 'operator' | 'admin'

/** A role, limited to clusters and topics (glob patterns, `*` only) when those are given (core/auth/grants.ts). */
export interface Grant {
  role: Role
  /** Absent: every cluster. */
  clusters?: string[]
  /** Absent: every topic, and the cluster as a whole. */
  topics?: string[]
}

/** GET /api/session */
export interface Session {
  name: string
  /** The highest role of any grant. */
  role: Role
  grants: Grant[]
  /** An access token, or the organisation's OpenID provider. */
  via: 'token' | 'sso'
  /** The session's id; absent for Bearer tokens. */
  session?: string
}

/** POST /api/session: a token exchanged for the session cookie (204). */
export interface SignInRequest {
  token: string
}

/** GET /api/session/sso (no credential): whether the login page offers "Sign in with <name>". */
export interface SsoOptions {
  enabled: boolean
  name?: string
  /** Where a page navigation starts the sign-in (`?returnTo=` a path of this site). */
  loginUrl?: string
}

/** One live session, as an admin sees it. */
export interface SessionInfo {
  id: string
  name: string
  via: 'token' | 'sso'
  role: Role
  grants: Grant[]
  createdAt: string
  expiresAt: string
  address: string | null
  userAgent: string | null
  /** The session of the admin asking. */
  current: boolean
}

/** GET /api/sessions */
export interface SessionList {
  items: SessionInfo[]
}

/** The codes a failed single sign-on brings back to the login page (`/login?sso_error=`). */
export type SsoErrorCode = 'SSO_FAILED' | 'SSO_INVALID_ID_TOKEN' | 'SSO_NO_ROLE' | 'SSO_PROVIDER_UNAVAILABLE' | 'SSO_NOT_CONFIGURED'
