// The UI's sign-in: a token, or the organisation's OpenID provider, is exchanged once for an
// HttpOnly, SameSite=Strict cookie naming a session in the shared store. Logging out revokes it.
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import * as z from 'zod/mini'
import { issueSessionCookie, sessionCookieName } from '../../core/auth/credentials.ts'
import type { Grant } from '../../core/auth/grants.ts'
import { ssoNoRole, ssoNotConfigured, ssoFailed } from '../../core/auth/oidc/errors.ts'
import { displayName, grantsForClaims, openPending, pendingCookieName, pendingTtlMs, safeReturnTo, sealPending } from '../../core/auth/oidc/sign-in.ts'
import type { Principal } from '../../core/auth/roles.ts'
import { newSessionId, sessionTtlMs, type SessionRecord } from '../../core/auth/sessions.ts'
import { oidcCallbackPath } from '../../core/config.ts'
import { AppError } from '../../core/errors.ts'
import type { Session, SignInRequest, SsoOptions } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { authenticate, currentSession, signIn } from '../middleware/auth.ts'
import { clientAddress, forwardedHeader } from '../middleware/client.ts'
import { parseInput, readJson } from '../validation.ts'

const loginSchema = z.object({ token: z.string().check(z.minLength(1, 'a token is required'), z.maxLength(4096)) })

/** Where the browser sees this API: the request's own URL, or what a trusted proxy says it was. */
function publicOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  const proto = forwardedHeader(c, 'x-forwarded-proto')
  const host = forwardedHeader(c, 'x-forwarded-host')
  return `${proto ? `${proto}:` : url.protocol}//${host ?? url.host}`
}

const isHttps = (c: Context<AppEnv>) => publicOrigin(c).startsWith('https:')

async function startSession(c: Context<AppEnv>, who: { name: string; via: Principal['via']; grants: Grant[]; subject?: string }): Promise<void> {
  const now = Date.now()
  const record: SessionRecord = {
    id: newSessionId(), name: who.name, via: who.via, grants: who.grants, createdAt: now, expiresAt: now + sessionTtlMs,
    address: clientAddress(c), userAgent: (c.req.header('user-agent') ?? '').slice(0, 200),
    ...(who.subject === undefined ? {} : { subject: who.subject }),
  }
  await c.var.deps.sessions.create(record)
  setCookie(c, sessionCookieName, issueSessionCookie(record, c.var.deps.config.sessionSecret), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/api',
    maxAge: Math.floor(sessionTtlMs / 1000),
  })
}

/** The provider client, or 404 SSO_NOT_CONFIGURED. */
function oidcOf(c: Context<AppEnv>) {
  const oidc = c.var.deps.oidc
  if (!oidc) throw ssoNotConfigured()
  return oidc
}

/** Sign-in pages are browser navigations: a failure goes back to the login page with its code. */
function backToLogin(c: Context<AppEnv>, error: unknown) {
  c.var.deps.logError?.(error)
  const code = error instanceof AppError ? error.code : 'SSO_FAILED'
  return c.redirect(`/login?sso_error=${encodeURIComponent(code)}`, 302)
}

const pendingCookie = (c: Context<AppEnv>) => ({ httpOnly: true, secure: isHttps(c), path: '/api/session/oidc' })

export const sessionRoutes = new Hono<AppEnv>()
  .post('/session', async (c) => {
    const { token } = parseInput(loginSchema, await readJson(c.req.raw), 'login') satisfies SignInRequest
    const principal = signIn(c, token, 'That access token is not valid.')
    await startSession(c, { name: principal.name, via: 'token', grants: principal.grants })
    return c.body(null, 204)
  })
  .get('/session', authenticate, (c) => c.json<Session>(c.var.principal))
  .delete('/session', async (c) => {
    // Revoked in the shared store: the cookie is dead everywhere, even if a copy of it survives.
    const session = await currentSession(c)
    if (session) await c.var.deps.sessions.revoke(session.id)
    deleteCookie(c, sessionCookieName, { path: '/api' })
    return c.body(null, 204)
  })
  // Public: the login page asks whether to offer "Sign in with <provider>".
  .get('/session/sso', (c) => {
    const oidc = c.var.deps.oidc
    c.header('cache-control', 'no-store')
    return c.json<SsoOptions>(oidc ? { enabled: true, name: oidc.config.name, loginUrl: '/api/session/oidc/login' } : { enabled: false })
  })
  .get('/session/oidc/login', async (c) => {
    const oidc = oidcOf(c)
    try {
      const redirectUri = oidc.config.redirectUrl ?? `${publicOrigin(c)}${oidcCallbackPath}`
      const { url, pending } = await oidc.begin(redirectUri, safeReturnTo(c.req.query('returnTo')))
      // Lax, not Strict: the provider's redirect back is a cross-site navigation, which must carry it.
      setCookie(c, pendingCookieName, sealPending(pending, c.var.deps.config.sessionSecret), { ...pendingCookie(c), sameSite: 'Lax', maxAge: pendingTtlMs / 1000 })
      c.header('cache-control', 'no-store')
      return c.redirect(url, 302)
    } catch (error: unknown) {
      return backToLogin(c, error)
    }
  })
  .get('/session/oidc/callback', async (c) => {
    const oidc = oidcOf(c)
    const pending = openPending(getCookie(c, pendingCookieName), c.var.deps.config.sessionSecret)
    deleteCookie(c, pendingCookieName, pendingCookie(c))
    c.header('cache-control', 'no-store')
    try {
      if (!pending) throw ssoFailed('No sign-in is pending in this browser (or it took longer than 10 minutes); start again.')
      const claims = await oidc.finish(new URL(c.req.url).searchParams, pending)
      const name = displayName(claims)
      const grants = grantsForClaims(oidc.config, claims)
      if (grants.length === 0) throw ssoNoRole(name, oidc.config.rolesClaim)
      await startSession(c, { name, via: 'sso', grants, subject: claims.sub })
      return c.redirect(pending.returnTo, 302)
    } catch (error: unknown) {
      return backToLogin(c, error)
    }
  })
