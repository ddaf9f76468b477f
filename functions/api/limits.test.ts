// Request-size and login-rate limits, through app.request() on real dependencies (no Kafka call
// is reached): issue 11, rows 5 and 6.
import { request as httpRequest } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { FailureThrottle } from '../core/auth/throttle.ts'
import { startLocalServer } from '../local/server.ts'
import { adminToken, bearer, testDeps, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
afterAll(() => deps.close())

const json = { 'content-type': 'application/json' }
/** What @hono/node-server passes as the app's env: the socket the request came in on. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })

/** A body of `total` bytes produced on demand, counting how much of it was ever read. */
function lazyBody(total: number, chunk = 64 * 1024) {
  let produced = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= total) return controller.close()
      const size = Math.min(chunk, total - produced)
      produced += size
      controller.enqueue(new Uint8Array(size).fill(0x20))
    },
  }, { highWaterMark: 0 })
  return { stream, read: () => produced }
}

const post = (app: ReturnType<typeof createApp>, path: string, body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}, env: object = from('192.0.2.1')) =>
  app.request(path, { method: 'POST', headers: { ...json, ...headers }, body, duplex: 'half' } as RequestInit, env)

describe('request bodies are capped (413 PAYLOAD_TOO_LARGE)', () => {
  const app = createApp(deps)
  const mb100 = 100 * 1024 * 1024

  it('refuses a 100 MB streamed login body after reading little of it', async () => {
    const body = lazyBody(mb100)
    const response = await post(app, '/api/session', body.stream)
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', retryable: false })
    expect(body.read()).toBeLessThan(256 * 1024)
  })

  it('answers 413 on the real local server while a 100 MB upload is still being sent', async () => {
    const server = await startLocalServer({ deps, port: 0 })
    try {
      const total = 100 * 1024 * 1024
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
        let sent = 0
        let answered = false
        const req = httpRequest(`${server.url}/api/session`, { method: 'POST', headers: json }, (res) => {
          answered = true
          res.resume()
          resolve({ status: res.statusCode ?? 0, sent })
          req.destroy()
        })
        req.on('error', (error) => { if (!answered) reject(error) })
        const pump = () => {
          while (!answered && sent < total) {
            sent += chunk.length
            if (!req.write(chunk)) return void req.once('drain', pump)
          }
          if (!answered) req.end()
        }
        pump()
      })
      expect(status).toBe(413)
      expect(sent).toBeLessThan(total / 4)
    } finally {
      await server.close()
    }
  })

  it('refuses a declared Content-Length above the cap without reading the body at all', async () => {
    const body = lazyBody(mb100)
    const response = await post(app, '/api/session', body.stream, { 'content-length': String(mb100) })
    expect(response.status).toBe(413)
    expect((await response.json() as { detail: string }).detail).toMatch(/at most \d+ KiB/)
    expect(body.read()).toBeLessThanOrEqual(64 * 1024)
  })

  it('caps admin bodies at 64 KiB before authentication or validation, bulk ones at 1 MiB', async () => {
    const big = JSON.stringify({ set: { 'retention.ms': '1' }, pad: 'x'.repeat(100 * 1024) })
    const unauthenticated = await app.request('/api/clusters/local/topics/t/configs', { method: 'PATCH', headers: json, body: big })
    expect(unauthenticated.status).toBe(413)
    const admin = await app.request('/api/clusters/local/topics/t/configs', { method: 'PATCH', headers: { ...json, ...bearer(adminToken) }, body: big })
    expect(admin.status).toBe(413)
    // An offset reset may list many partitions: 100 KiB passes the cap and reaches validation.
    const reset = await app.request('/api/clusters/local/groups/g/offsets/reset', {
      method: 'POST', headers: { ...json, ...bearer(adminToken) }, body: JSON.stringify({ strategy: 'earliest', pad: 'x'.repeat(100 * 1024) }),
    })
    expect(reset.status).toBe(400)
    expect((await reset.json() as { code: string }).code).toBe('INVALID_INPUT')
    const small = await post(app, '/api/session', JSON.stringify({ token: viewerToken }))
    expect(small.status).toBe(204)
  })
})

describe('login attempts are throttled per client and overall (429 TOO_MANY_REQUESTS)', () => {
  const wrong = JSON.stringify({ token: 'not-the-token-0123456789' })

  it('blocks a client after repeated wrong tokens, even with the right one; others are unaffected', async () => {
    const app = createApp(deps)
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await post(app, '/api/session', wrong, {}, from('198.51.100.7'))).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses.slice(10)).toEqual([429, 429])
    const blocked = await post(app, '/api/session', JSON.stringify({ token: viewerToken }), {}, from('198.51.100.7'))
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await blocked.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', retryable: true })
    // Another client, and the same one with a made-up X-Forwarded-For (no proxy is configured).
    expect((await post(app, '/api/session', JSON.stringify({ token: viewerToken }), {}, from('198.51.100.8'))).status).toBe(204)
    expect((await post(app, '/api/session', wrong, { 'x-forwarded-for': '203.0.113.99' }, from('198.51.100.7'))).status).toBe(429)
  })

  it('throttles wrong bearer tokens the same way', async () => {
    const app = createApp(deps)
    const get = (token: string) => app.request('/api/clusters', { headers: bearer(token) }, from('198.51.100.20'))
    for (let i = 0; i < 10; i++) expect((await get('guess-0123456789abcdef')).status).toBe(401)
    expect((await get('guess-0123456789abcdef')).status).toBe(429)
    expect((await get(viewerToken)).status).toBe(429)
  })

  it('limits failures from all clients together, and lets them in again after Retry-After', async () => {
    let now = 1_700_000_000_000
    const throttle = new FailureThrottle({ now: () => now })
    const app = createApp({ ...deps, loginThrottle: throttle })
    let refused: Response | undefined
    for (let i = 0; i < 500 && !refused; i++) {
      const response = await post(app, '/api/session', wrong, {}, from(`10.0.${Math.floor(i / 250)}.${i % 250}`))
      if (response.status === 429) refused = response
      else expect(response.status).toBe(401)
    }
    expect(refused).toBeDefined()
    const fresh = await post(app, '/api/session', JSON.stringify({ token: viewerToken }), {}, from('172.16.0.1'))
    expect(fresh.status).toBe(429)
    now += Number(fresh.headers.get('retry-after')) * 1000
    expect((await post(app, '/api/session', JSON.stringify({ token: viewerToken }), {}, from('172.16.0.1'))).status).toBe(204)
  })

  it('keeps the state in each app\'s deps: another app instance starts clean', async () => {
    const other = testDeps()
    try {
      const app = createApp(other)
      expect((await post(app, '/api/session', JSON.stringify({ token: viewerToken }), {}, from('198.51.100.7'))).status).toBe(204)
    } finally {
      await other.close()
    }
  })
})
