// Who is calling: a Bearer token or the session cookie. Plus the role check and the cross-site guard.
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { principalForToken, readSession, sessionCookieName } from '../../core/auth/credentials.ts'
import { roleAllows, type Principal, type Role } from '../../core/auth/roles.ts'
import { crossSiteRefused, forbidden, tooManyRequests, unauthenticated } from '../../core/errors.ts'
import type { AppEnv } from '../deps.ts'
import { clientAddress, forwardedHeader } from './client.ts'

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

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.var.deps
  const header = c.req.header('authorization')
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    c.set('principal', signIn(c, match?.[1], 'The access token is not valid.'))
    return next()
  }
  const cookie = getCookie(c, sessionCookieName)
  const principal = cookie ? readSession(cookie, config.sessionSecret) : undefined
  if (!principal) throw unauthenticated(cookie ? 'The session has expired; sign in again.' : undefined)
  c.set('principal', principal)
  return next()
}

export const requireRole = (role: Role): MiddlewareHandler<AppEnv> => async (c, next) => {
  const principal = c.var.principal
  if (!roleAllows(principal.role, role)) {
    throw forbidden(`This needs the ${role} role; '${principal.name}' has ${principal.role}.`)
  }
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
