// The one Hono app: served by @hono/node-server locally and by streamingHandler (lambda-stream.ts) on Lambda.
import { Hono } from 'hono'
import { routeNotFound } from '../core/errors.ts'
import type { AppDeps, AppEnv } from './deps.ts'
import { requireClusterAccess } from './middleware/access.ts'
import { authenticate, refuseCrossSite } from './middleware/auth.ts'
import { limitBodies } from './middleware/body-limit.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { problemResponse, toProblem } from './problem.ts'
import { alertRoutes } from './routes/alerts.ts'
import { clusterDetailRoutes } from './routes/cluster.ts'
import { clusterRoutes } from './routes/clusters.ts'
import { exportRoutes } from './routes/export.ts'
import { groupRoutes } from './routes/groups.ts'
import { messageRoutes } from './routes/messages.ts'
import { produceRoutes } from './routes/produce.ts'
import { healthRoutes } from './routes/health.ts'
import { indexingRoutes } from './routes/indexing.ts'
import { schemaRoutes } from './routes/schemas.ts'
import { searchRoutes } from './routes/search.ts'
import { sessionRoutes } from './routes/session.ts'
import { sessionAdminRoutes } from './routes/sessions.ts'
import { storageRoutes } from './routes/storage.ts'
import { topicDetailRoutes } from './routes/topic-detail.ts'
import { topicRoutes } from './routes/topics.ts'

export function createApi(deps: AppDeps): Hono<AppEnv> {
  const api = new Hono<AppEnv>()
  api.use(async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  // Before anything reads a body, and before authentication: size is checked for everyone.
  api.use(limitBodies)
  api.use(refuseCrossSite)
  api.route('/', healthRoutes)
  api.route('/', sessionRoutes)
  // Everything below needs a credential. A cluster the principal has no grant on does not exist
  // for them; each route then checks its role where it acts (middleware/access.ts).
  api.use(authenticate)
  api.use('/clusters/:cluster/*', requireClusterAccess)
  api.route('/', sessionAdminRoutes)
  api.route('/', clusterRoutes)
  api.route('/', clusterDetailRoutes)
  api.route('/', topicRoutes)
  api.route('/', topicDetailRoutes)
  api.route('/', groupRoutes)
  api.route('/', storageRoutes)
  api.route('/', indexingRoutes)
  api.route('/', searchRoutes)
  api.route('/', messageRoutes)
  api.route('/', produceRoutes)
  api.route('/', schemaRoutes)
  api.route('/', exportRoutes)
  api.route('/', alertRoutes)
  api.onError((error) => problemResponse(toProblem(error, deps.logError)))
  return api
}

/** The API mounted under /api; the local server adds static files around it. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  // First, so every answer gets them: API, problems, and the static web app in local mode.
  app.use(securityHeaders)
  app.route('/api', createApi(deps))
  // Unknown API paths answer with a problem, never with the web app's index page.
  app.all('/api/*', (c) => problemResponse(toProblem(routeNotFound(`${c.req.method} ${new URL(c.req.url).pathname}`))))
  app.onError((error) => problemResponse(toProblem(error, deps.logError)))
  return app
}
