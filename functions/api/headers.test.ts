// Security headers on every response, the UI's content security policy, and forwarded headers
// believed only behind a configured proxy (issue 11, row 13). Through app.request(), no Kafka call.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLocalApp } from '../local/server.ts'
import { adminToken, bearer, testConfig, testDeps, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'
import { createDeps } from './runtime.ts'

const deps = testDeps()
// Another instance behind a proxy, sharing the session store (as instances share it on AWS).
const proxied = createDeps(testConfig({ KAFKA_PLUS_TRUST_PROXY: 'true' }), { logError: () => {}, sessions: deps.sessions })
const webRoot = mkdtempSync(join(tmpdir(), 'kp-web-'))
mkdirSync(join(webRoot, 'assets'))
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>')
writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)')
afterAll(async () => {
  rmSync(webRoot, { recursive: true, force: true })
  await Promise.all([deps.close(), proxied.close()])
})

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('x-frame-options')).toBe('DENY')
  expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
}

describe('security headers', () => {
  const app = createApp(deps)

  it('are on API answers, problems included', async () => {
    const responses = [
      await app.request('/api/health'),
      await app.request('/api/clusters', { headers: bearer(viewerToken) }),
      await app.request('/api/clusters'),
      await app.request('/api/no-such-route', { headers: bearer(viewerToken) }),
      await app.request('/api/clusters/nope/topics', { headers: bearer(viewerToken) }),
      await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(10 ** 9) }, body: '{}' }),
    ]
    expect(responses.map((r) => r.status)).toEqual([expect.any(Number), 200, 401, 404, 404, 413])
    for (const response of responses) {
      expectSecurityHeaders(response)
      // API answers are data: nothing in them may run or load anything.
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/)
    }
  })

  it('are on the web app, with a policy that lets its own scripts, styles and API calls run', async () => {
    const local = createLocalApp({ deps, webRoot })
    for (const path of ['/', '/c/local/topics', '/assets/app.js']) {
      const response = await local.request(path)
      expect(response.status).toBe(200)
      expectSecurityHeaders(response)
      const policy = response.headers.get('content-security-policy') ?? ''
      for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) expect(policy).toContain(directive)
      expect(policy).not.toContain('unsafe-eval')
    }
  })
})

describe('forwarded headers', () => {
  const json = { 'content-type': 'application/json' }
  const login = async (app: ReturnType<typeof createApp>, headers: Record<string, string> = {}) =>
    app.request('http://127.0.0.1:8080/api/session', { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ token: adminToken }) })

  it('X-Forwarded-Host does not make a foreign origin look like our own unless a proxy is configured', async () => {
    const cookie = ((await login(createApp(deps))).headers.get('set-cookie') ?? '').split(';')[0] as string
    const attempt = (app: ReturnType<typeof createApp>) => app.request('http://127.0.0.1:8080/api/clusters/local/topics', {
      method: 'POST', headers: { ...json, cookie, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }, body: JSON.stringify({ name: '' }),
    })
    const refused = await attempt(createApp(deps))
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' })
    // Behind a configured proxy the header is the proxy's word: the origin check passes, validation answers.
    expect((await attempt(createApp(proxied))).status).toBe(400)
  })

  it('X-Forwarded-Proto marks the session cookie Secure only behind a configured proxy', async () => {
    const direct = await login(createApp(deps), { 'x-forwarded-proto': 'https' })
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/)
    const behindProxy = await login(createApp(proxied), { 'x-forwarded-proto': 'https' })
    expect(behindProxy.headers.get('set-cookie')).toMatch(/; Secure/)
  })
})
