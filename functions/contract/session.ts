// Sign-in and "who am I" (functions/api/routes/session.ts).

/** Ordered: each role may do everything the one before it may (functions/core/auth/roles.ts). */
export type Role = 'viewer' | 'operator' | 'admin'

/** GET /api/session */
export interface Session {
  name: string
  role: Role
}

/** POST /api/session: a token exchanged for the session cookie (204). */
export interface SignInRequest {
  token: string
}
