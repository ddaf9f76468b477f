// Each auth outcome through app.request(), on real dependencies (no Kafka call is reached).
import { afterAll, describe, expect, it } from 'vitest'
import { adminToken, bearer, testDeps, viewerToken, operatorToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
afterAll(() => deps.close())

const json = { 'content-type': 'application/json' }
const newTopic = JSON.stringify({ name: '', partitions: 1, replicationFactor: 1 })

async function login(token: string): Promise<string> {
  const response = await app.request('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ token }) })
  expect(response.status).toBe(204)
  const cookie = response.headers.get('set-cookie') ?? ''
  expect(cookie).toMatch(/^kp_session=[^;]+; Max-Age=\d+; Path=\/api; HttpOnly; SameSite=Strict$/)
  return cookie.split(';')[0] as string
}

describe('auth', () => {
  it('lets anyone read /api/health', async () => {
    const response = await app.request('/api/health')
    expect([200, 503]).toContain(response.status)
  })

  it('401 without a credential, as problem+json', async () => {
    const response = await app.request('/api/clusters')
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
  })

  it('401 with a wrong token, a malformed header or a forged cookie', async () => {
    for (const headers of [bearer('not-a-real-token-123456'), { authorization: 'Basic abc' }, { cookie: 'kp_session=eyJuIjoieCJ9.forged' }]) {
      const response = await app.request('/api/clusters', { headers })
      expect(response.status).toBe(401)
      expect((await response.json() as { code: string }).code).toBe('UNAUTHENTICATED')
    }
  })

  it('200 with a bearer token of any role', async () => {
    for (const token of [viewerToken, operatorToken, adminToken]) {
      const response = await app.request('/api/clusters', { headers: bearer(token) })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual([{ id: 'local', name: 'local' }])
    }
  })

  it('403 when the role is too low for the route; validation only after the role check', async () => {
    for (const token of [viewerToken, operatorToken]) {
      const response = await app.request('/api/clusters/local/topics', { method: 'POST', headers: { ...json, ...bearer(token) }, body: newTopic })
      expect(response.status).toBe(403)
      const problem = await response.json() as { code: string; detail: string }
      expect(problem.code).toBe('FORBIDDEN')
      expect(problem.detail).toContain('admin')
    }
    const asAdmin = await app.request('/api/clusters/local/topics', { method: 'POST', headers: { ...json, ...bearer(adminToken) }, body: newTopic })
    expect(asAdmin.status).toBe(400)
    expect((await asAdmin.json() as { code: string }).code).toBe('INVALID_INPUT')
  })

  it('exchanges a token for a session cookie, then uses it, then logs out', async () => {
    const cookie = await login(viewerToken)
    const me = await app.request('/api/session', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ name: 'vera', role: 'viewer', grants: [{ role: 'viewer' }], via: 'token', session: expect.stringMatching(/^[\w-]{22}$/) })
    const out = await app.request('/api/session', { method: 'DELETE', headers: { cookie } })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/^kp_session=; Max-Age=0; Path=\/api/)
  })

  it('logout revokes the session: the old cookie, replayed, is refused (issue 11, row 11)', async () => {
    const cookie = await login(operatorToken)
    expect((await app.request('/api/clusters', { headers: { cookie } })).status).toBe(200)
    expect((await app.request('/api/session', { method: 'DELETE', headers: { cookie } })).status).toBe(204)
    const replayed = await app.request('/api/clusters', { headers: { cookie } })
    expect(replayed.status).toBe(401)
    expect(await replayed.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringContaining('signed out or revoked') })
  })

  it('refuses a bad login with 401 and an empty one with 400', async () => {
    const bad = await app.request('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ token: 'nope' }) })
    expect(bad.status).toBe(401)
    const empty = await app.request('/api/session', { method: 'POST', headers: json, body: '{}' })
    expect(empty.status).toBe(400)
    const notJson = await app.request('/api/session', { method: 'POST', headers: json, body: 'token=x' })
    expect((await notJson.json() as { code: string }).code).toBe('INVALID_INPUT')
  })

  it('refuses cross-site mutations carrying the session cookie (403 CROSS_SITE_REQUEST)', async () => {
    const cookie = await login(adminToken)
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ]
    for (const headers of attempts) {
      const response = await app.request('http://localhost/api/clusters/local/topics', {
        method: 'POST', headers: { ...json, cookie, ...headers }, body: newTopic,
      })
      expect(response.status).toBe(403)
      expect((await response.json() as { code: string }).code).toBe('CROSS_SITE_REQUEST')
    }
    const sameOrigin = await app.request('http://localhost/api/clusters/local/topics', {
      method: 'POST', headers: { ...json, cookie, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }, body: newTopic,
    })
    expect(sameOrigin.status).toBe(400)
  })

  it('404 problem for an unknown cluster and an unknown route', async () => {
    const cluster = await app.request('/api/clusters/nope/topics', { headers: bearer(viewerToken) })
    expect(cluster.status).toBe(404)
    expect((await cluster.json() as { code: string }).code).toBe('CLUSTER_NOT_FOUND')
    const route = await app.request('/api/nothing-here', { headers: bearer(viewerToken) })
    expect(route.status).toBe(404)
    expect((await route.json() as { code: string }).code).toBe('NOT_FOUND')
  })
})
