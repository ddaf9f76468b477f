// Who is calling: a Bearer token or the session cookie. Plus the role check and the cross-site guard.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { principalForToken, readSession, sessionCookieName } from '../../core/auth/credentials.ts'
import { roleAllows, type Role } from '../../core/auth/roles.ts'
import { crossSiteRefused, forbidden, unauthenticated } from '../../core/errors.ts'
import type { AppEnv } from '../deps.ts'

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.var.deps
  const header = c.req.header('authorization')
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const principal = match?.[1] ? principalForToken(config.tokens, match[1]) : undefined
    if (!principal) throw unauthenticated('The access token is not valid.')
    c.set('principal', principal)
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
    const forwardedHost = c.req.header('x-forwarded-host')
    const own = new Set([url.origin, ...(forwardedHost ? [`${url.protocol}//${forwardedHost}`, `https://${forwardedHost}`] : [])])
    if (!own.has(origin) && !c.var.deps.config.allowedOrigins.includes(origin)) throw crossSiteRefused()
  } else if (origin === 'null') {
    throw crossSiteRefused()
  }
  return next()
}
