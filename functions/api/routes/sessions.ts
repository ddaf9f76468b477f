// Sessions as an admin sees them: who is signed in, from where, until when; and revoking one.
import { Hono } from 'hono'
import * as z from 'zod/mini'
import type { SessionInfo, SessionList } from '../../contract/index.ts'
import type { SessionRecord } from '../../core/auth/sessions.ts'
import { principalOf } from '../../core/auth/roles.ts'
import { AppError } from '../../core/errors.ts'
import type { AppEnv } from '../deps.ts'
import { requireRole } from '../middleware/access.ts'
import { parseInput } from '../validation.ts'

const sessionIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a session id from this API'))

const view = (record: SessionRecord, current: string | undefined): SessionInfo => ({
  id: record.id,
  name: record.name,
  via: record.via,
  role: principalOf(record.name, record.grants, record.via).role,
  grants: record.grants,
  createdAt: new Date(record.createdAt).toISOString(),
  expiresAt: new Date(record.expiresAt).toISOString(),
  address: record.address ?? null,
  userAgent: record.userAgent ?? null,
  current: record.id === current,
})

// Sessions span every cluster: only an admin of the whole deployment may see or end them.
export const sessionAdminRoutes = new Hono<AppEnv>()
  .get('/sessions', requireRole('admin'), async (c) => {
    c.header('cache-control', 'no-store')
    return c.json<SessionList>({ items: (await c.var.deps.sessions.list()).map((r) => view(r, c.var.principal.session)) })
  })
  .delete('/sessions/:id', requireRole('admin'), async (c) => {
    const id = parseInput(sessionIdSchema, c.req.param('id'), 'session id')
    if (!await c.var.deps.sessions.revoke(id)) {
      throw new AppError('SESSION_NOT_FOUND', `No live session has the id '${id}'.`, { status: 404 })
    }
    return c.body(null, 204)
  })
