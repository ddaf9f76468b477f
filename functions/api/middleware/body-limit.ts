// Request bodies are capped before they are read: a declared Content-Length over the cap is
// refused at once, and a streamed body is cut off as soon as it passes the cap, so an
// unauthenticated 100 MB upload costs neither memory nor time.
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { payloadTooLarge } from '../../core/errors.ts'
import type { AppEnv } from '../deps.ts'

const KiB = 1024

export const bodyLimits = {
  /** Sign-in, and every JSON admin body. */
  standard: 64 * KiB,
  /** Bodies that list partitions (offset resets and purges of topics with many partitions), and produced records. */
  bulk: 1024 * KiB,
} as const

const bulkRoutes = [/\/groups\/[^/]+\/offsets\/reset$/, /\/topics\/[^/]+\/purge$/, /\/topics\/[^/]+\/messages$/]

const limiter = (maxSize: number): MiddlewareHandler<AppEnv> =>
  bodyLimit({ maxSize, onError: () => { throw payloadTooLarge(maxSize) } })

const standard = limiter(bodyLimits.standard)
const bulk = limiter(bodyLimits.bulk)

export const limitBodies: MiddlewareHandler<AppEnv> = (c, next) =>
  (bulkRoutes.some((route) => route.test(c.req.path)) ? bulk : standard)(c, next)
