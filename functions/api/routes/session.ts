// The UI's login: a token is exchanged once for an HttpOnly, SameSite=Strict session cookie.
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import * as z from 'zod/mini'
import { issueSession, sessionCookieName, sessionTtlMs } from '../../core/auth/credentials.ts'
import type { Session, SignInRequest } from '../../contract/index.ts'
import type { AppEnv } from '../deps.ts'
import { authenticate, signIn } from '../middleware/auth.ts'
import { forwardedHeader } from '../middleware/client.ts'
import { parseInput, readJson } from '../validation.ts'

const loginSchema = z.object({ token: z.string().check(z.minLength(1, 'a token is required'), z.maxLength(4096)) })

const isHttps = (url: string, forwardedProto: string | undefined) =>
  forwardedProto === 'https' || new URL(url).protocol === 'https:'

export const sessionRoutes = new Hono<AppEnv>()
  .post('/session', async (c) => {
    const { token } = parseInput(loginSchema, await readJson(c.req.raw), 'login') satisfies SignInRequest
    const principal = signIn(c, token, 'That access token is not valid.')
    setCookie(c, sessionCookieName, issueSession(principal, c.var.deps.config.sessionSecret), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c.req.url, forwardedHeader(c, 'x-forwarded-proto')),
      path: '/api',
      maxAge: Math.floor(sessionTtlMs / 1000),
    })
    return c.body(null, 204)
  })
  .get('/session', authenticate, (c) => c.json<Session>(c.var.principal))
  .delete('/session', (c) => {
    deleteCookie(c, sessionCookieName, { path: '/api' })
    return c.body(null, 204)
  })
