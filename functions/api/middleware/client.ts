// Who is on the other end of the connection, and which forwarded headers may be believed.
// X-Forwarded-* are set by whoever sends the request, so they count only when the configuration
// says proxies are in front (KAFKA_PLUS_TRUST_PROXY); otherwise the socket's address is used.
import type { Context } from 'hono'
import type { AppEnv } from '../deps.ts'

interface RuntimeEnv {
  /** @hono/node-server (local mode). */
  incoming?: { socket?: { remoteAddress?: string } }
  /** hono/aws-lambda (Function URL events). */
  requestContext?: { http?: { sourceIp?: string } }
}

/** The address the request arrived from, as this process sees it. */
function peerAddress(c: Context<AppEnv>): string | undefined {
  const env = c.env as RuntimeEnv | undefined
  return env?.incoming?.socket?.remoteAddress ?? env?.requestContext?.http?.sourceIp
}

/**
 * The client's address: the peer, or with N trusted proxies the address N hops before it in
 * X-Forwarded-For (each proxy appends the address it got the request from). Entries further
 * left were written by the client and are never used.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const peer = peerAddress(c)
  const hops = c.var.deps.config.trustedProxies
  if (hops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean)
    // Some proxies (Lambda Function URLs) also append the peer itself: count it once.
    const chain = forwarded.at(-1) === peer || peer === undefined ? forwarded : [...forwarded, peer]
    const client = chain[chain.length - 1 - hops] ?? chain[0]
    if (client) return client
  }
  return peer ?? 'unknown'
}

/** X-Forwarded-Host and X-Forwarded-Proto, only from a trusted proxy. */
export function forwardedHeader(c: Context<AppEnv>, name: 'x-forwarded-host' | 'x-forwarded-proto'): string | undefined {
  if (c.var.deps.config.trustedProxies === 0) return undefined
  return c.req.header(name)?.split(',')[0]?.trim() || undefined
}
