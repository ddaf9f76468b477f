// Who is calling: a Bearer token or the session cookie (a live session in the shared store). Plus
// the cross-site guard. Role checks are in access.ts (requireRole is re-exported here for routes).
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { principalForToken, readSessionCookie, sessionCookieName } from '../../core/auth/credentials.ts'
import type { Principal } from '../../core/auth/roles.ts'
import { principalOfSession, type SessionRecord } from '../../core/auth/sessions.ts'
import { crossSiteRefused, tooManyRequests, unauthenticated } from '../../core/errors.ts'
import type { AppEnv } from '../deps.ts'
import { clientAddress, forwardedHeader } from './client.ts'

export { requireRole } from './access.ts'

/**
 * Checks a presented token under the sign-in throttle. A client over its limit is refused before
 * the token is compared, so it learns nothing, not even with the right token.
 */
export function signIn(c: Context<AppEnv>, token: string | undefined, refusal: string): Principal {
  const { config, loginThrottle } = c.var.deps
  const client = clientAddress(c)
  const wait = loginThrottle.retryAfterSeconds(client)
  if (wait > 0) throw tooManyRequests(`Too many failed sign-ins; try again in ${wait} s.`, wait)
  const principal = token ? principalForToken(config.tokens, token) : undefined
  if (!principal) {
    loginThrottle.recordFailure(client)
    throw unauthenticated(refusal)
  }
  return principal
}

/** The live session the request's cookie names, if any: signed by this server, not expired, not revoked. */
export async function currentSession(c: Context<AppEnv>): Promise<SessionRecord | undefined> {
  const { config, sessions } = c.var.deps
  const cookie = getCookie(c, sessionCookieName)
  const named = cookie ? readSessionCookie(cookie, config.sessionSecret) : undefined
  return named ? sessions.find(named.id) : undefined
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization')
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    c.set('principal', signIn(c, match?.[1], 'The access token is not valid.'))
    return next()
  }
  const session = await currentSession(c)
  if (!session) throw unauthenticated(getCookie(c, sessionCookieName) ? 'The session has ended (expired, signed out or revoked); sign in again.' : undefined)
  c.set('principal', principalOfSession(session))
  return next()
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Browsers attach the session cookie to cross-site requests made by other pages; refuse any
 * state-changing request that a browser marks as cross-site or whose Origin is foreign.
 */
export const refuseCrossSite: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (safeMethods.has(c.req.method)) return next()
  const fetchSite = c.req.header('sec-fetch-site')
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') throw crossSiteRefused()
  const origin = c.req.header('origin')
  if (origin && origin !== 'null') {
    const url = new URL(c.req.url)
    const forwardedHost = forwardedHeader(c, 'x-forwarded-host')
    const own = new Set([url.origin, ...(forwardedHost ? [`${url.protocol}//${forwardedHost}`, `https://${forwardedHost}`] : [])])
    if (!own.has(origin) && !c.var.deps.config.allowedOrigins.includes(origin)) throw crossSiteRefused()
  } else if (origin === 'null') {
    throw crossSiteRefused()
  }
  return next()
}
