// Security headers on every response: API answers (problems included) and, in local mode, the
// web app. Nothing may frame the UI (clickjacking), sniff a type, or leak the URL as a referrer.
import type { MiddlewareHandler } from 'hono'

/** API answers are data: nothing in them may load or run anything. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * The SolidJS app: its own bundled scripts only (Vite emits no inline script), data: images (the
 * favicon), API calls to the same origin. Styles may be inline: Solid writes style attributes
 * (virtualized rows' heights, chart sizes), and CSS cannot run code; scripts stay strict.
 */
const webPolicy = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ')

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('x-content-type-options', 'nosniff')
  c.header('x-frame-options', 'DENY')
  c.header('referrer-policy', 'no-referrer')
  c.header('cross-origin-opener-policy', 'same-origin')
  c.header('content-security-policy', c.req.path === '/api' || c.req.path.startsWith('/api/') ? apiPolicy : webPolicy)
}
