// Single sign-on against a real OpenID provider (oidc-provider in its own process): the whole
// authorization code flow with PKCE through the provider's login and consent pages, roles from
// the user's groups (scoped to topics), logout and an admin's revocation ending sessions on every
// API instance. Two app instances share one session store, as Lambda instances share DynamoDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InMemorySessionStore, CachedSessionStore } from '../core/auth/sessions.ts'
import { Admin, commitOffsets, produce } from '../testing/kafka.ts'
import { startOidcProvider, TestBrowser, type OidcTestProvider, type Visit } from '../testing/oidc-provider.ts'
import { bearer, adminToken, testConfig, testDeps, uniqueName } from '../testing/stack.ts'
import { createApp } from './app.ts'
import { createDeps } from './runtime.ts'

const app = 'http://localhost'
const callback = `${app}/api/session/oidc/callback`
const base = uniqueName('it-sso')
const ordersTopic = `${base}-orders.eu`
const paymentsTopic = `${base}-payments`
const groupId = `${base}-group`
const staleness = 1_000

let provider: OidcTestProvider
const shared = new InMemorySessionStore()
let instances: { a: ReturnType<typeof createApp>; b: ReturnType<typeof createApp> }
let close: () => Promise<void>

const users = [
  { id: 'olga', password: 'olga-password', email: 'olga@example.com', name: 'Olga', groups: ['orders-team'] },
  { id: 'alice', password: 'alice-password', email: 'alice@example.com', name: 'Alice', groups: ['kafka-admins', 'orders-team'] },
  { id: 'mallory', password: 'mallory-password', email: 'mallory@example.com', name: 'Mallory', groups: ['contractors'] },
]

function appEnv(clientId: string, clientSecret?: string): Record<string, string> {
  return {
    KAFKA_PLUS_OIDC_ISSUER: provider.issuer,
    KAFKA_PLUS_OIDC_CLIENT_ID: clientId,
    ...(clientSecret ? { KAFKA_PLUS_OIDC_CLIENT_SECRET: clientSecret } : {}),
    KAFKA_PLUS_OIDC_NAME: 'Test IdP',
    KAFKA_PLUS_OIDC_SCOPES: 'openid profile email groups',
    KAFKA_PLUS_OIDC_ROLES: JSON.stringify({
      'kafka-admins': 'admin',
      'orders-team': [{ role: 'operator', clusters: ['local'], topics: [`${base}-orders.*`] }, { role: 'viewer' }],
    }),
  }
}

/** A browser whose requests to the app origin go to `instance`, and to the provider over HTTP. */
const browserOn = (instance: ReturnType<typeof createApp>) => new TestBrowser({ [app]: async (request) => instance.request(request) })

/** The whole sign-in: the app's login route, the provider's login and consent pages, the callback. */
async function signIn(browser: TestBrowser, user: { id: string; password: string }, returnTo = '/c/local/topics'): Promise<Visit> {
  const loginPage = await browser.open(`${app}/api/session/oidc/login?returnTo=${encodeURIComponent(returnTo)}`)
  expect(loginPage.url.startsWith(`${provider.issuer}/interaction/`), loginPage.url).toBe(true)
  expect(loginPage.body).toContain('name="password"')
  const consentPage = await browser.submit(loginPage, '/login', { login: user.id, password: user.password })
  if (!consentPage.url.startsWith(`${provider.issuer}/interaction/`)) return consentPage
  expect(consentPage.body).toContain('groups')
  return browser.submit(consentPage, '/confirm')
}

const sessionCookie = (browser: TestBrowser) => `kp_session=${browser.cookie(app, 'kp_session') ?? ''}`

beforeAll(async () => {
  provider = await startOidcProvider({
    users,
    clients: [
      { client_id: 'kafka-plus', client_secret: 'kafka-plus-client-secret-0123456789', redirect_uris: [callback] },
      { client_id: 'kafka-plus-public', redirect_uris: [callback] },
    ],
  })
  const env = appEnv('kafka-plus', 'kafka-plus-client-secret-0123456789')
  // Each instance remembers sessions it found for `staleness` ms, as on AWS (over DynamoDB).
  const instance = () => createDeps(testConfig(env), { logError: () => {}, sessions: new CachedSessionStore(shared, { maxStalenessMs: staleness }) })
  const depsA = instance()
  const depsB = instance()
  instances = { a: createApp(depsA), b: createApp(depsB) }
  const brokers = depsA.config.clusters[0]?.brokers ?? []
  const admin = new Admin({ clientId: 'sso-int-test', bootstrapBrokers: brokers })
  await admin.createTopics({ topics: [ordersTopic, paymentsTopic], partitions: 1, replicas: 1 })
  await produce(brokers, ordersTopic, [{ value: 'o1' }, { value: 'o2' }])
  await produce(brokers, paymentsTopic, [{ value: 'p1' }])
  await commitOffsets(brokers, groupId, ordersTopic, { 0: 1 })
  await commitOffsets(brokers, groupId, paymentsTopic, { 0: 1 })
  close = async () => {
    await admin.deleteGroups({ groups: [groupId] }).catch(() => {})
    await admin.deleteTopics({ topics: [ordersTopic, paymentsTopic] }).catch(() => {})
    await admin.close()
    await Promise.all([depsA.close(), depsB.close()])
  }
})

afterAll(async () => {
  await close?.()
  await provider?.close()
})

describe('single sign-on with a real OpenID provider', () => {
  it('tells the login page that SSO is configured, and by which name', async () => {
    const response = await instances.a.request('/api/session/sso')
    expect(await response.json()).toEqual({ enabled: true, name: 'Test IdP', loginUrl: '/api/session/oidc/login' })
  })

  it('redirects to the provider with the code flow, PKCE S256, state and nonce, keeping them in a short-lived signed cookie', async () => {
    const response = await instances.a.request('/api/session/oidc/login')
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.origin).toBe(provider.issuer)
    const params = Object.fromEntries(location.searchParams)
    expect(params).toMatchObject({ response_type: 'code', client_id: 'kafka-plus', redirect_uri: callback, scope: 'openid profile email groups', code_challenge_method: 'S256' })
    for (const name of ['state', 'nonce', 'code_challenge']) expect(params[name]).toMatch(/^[\w-]{43}$/)
    expect(response.headers.get('set-cookie')).toMatch(/^kp_oidc=[\w-]+\.[\w-]+; Max-Age=600; Path=\/api\/session\/oidc; HttpOnly; SameSite=Lax$/)
  })

  it('signs a user in through login and consent, with roles from their groups, back where they started', async () => {
    const browser = browserOn(instances.a)
    const done = await signIn(browser, users[0]!, '/c/local/topics?q=orders')
    expect(done.url).toBe(`${app}/c/local/topics?q=orders`)
    expect(browser.cookie(app, 'kp_oidc')).toBeUndefined()
    const me = await instances.a.request('/api/session', { headers: { cookie: sessionCookie(browser) } })
    expect(await me.json()).toMatchObject({
      name: 'olga@example.com', role: 'operator', via: 'sso',
      grants: [{ role: 'operator', clusters: ['local'], topics: [`${base}-orders.*`] }, { role: 'viewer' }],
    })
  })

  it('lets the scoped operator act on its topic pattern and refuses it on another topic (403)', async () => {
    const browser = browserOn(instances.a)
    await signIn(browser, users[0]!)
    const cookie = sessionCookie(browser)
    const reset = (topics?: string[]) => instances.a.request(`/api/clusters/local/groups/${groupId}/offsets/reset`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ strategy: 'earliest', execute: false, ...(topics ? { topics: topics.map((topic) => ({ topic })) } : {}) }),
    })
    const allowed = await reset([ordersTopic])
    expect(allowed.status).toBe(200)
    expect(await allowed.json()).toMatchObject({ executed: false, plan: [{ topic: ordersTopic, partition: 0, currentOffset: '1', newOffset: '0' }] })
    const other = await reset([paymentsTopic])
    expect(other.status).toBe(403)
    expect(await other.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining(`'${paymentsTopic}'`) })
    // Without topics the reset covers every topic the group has offsets on: payments too.
    const everything = await reset()
    expect(everything.status).toBe(403)
    // Viewer elsewhere: it may read the other topic, not act on the cluster as a whole.
    expect((await instances.a.request(`/api/clusters/local/topics/${paymentsTopic}`, { headers: { cookie } })).status).toBe(200)
    expect((await instances.a.request('/api/clusters/local/storage/sample', { method: 'POST', headers: { cookie } })).status).toBe(403)
  })

  it('signs in with a public client too (PKCE instead of a secret)', async () => {
    const deps = testDeps(appEnv('kafka-plus-public'))
    try {
      const browser = browserOn(createApp(deps))
      const done = await signIn(browser, users[0]!)
      expect(done.url).toBe(`${app}/c/local/topics`)
      expect(browser.cookie(app, 'kp_session')).toBeDefined()
    } finally {
      await deps.close()
    }
  })

  it('logout revokes the session: the old cookie is refused afterwards', async () => {
    const browser = browserOn(instances.a)
    await signIn(browser, users[0]!)
    const cookie = sessionCookie(browser)
    expect((await instances.a.request('/api/clusters', { headers: { cookie } })).status).toBe(200)
    expect((await instances.a.request('/api/session', { method: 'DELETE', headers: { cookie } })).status).toBe(204)
    expect((await instances.a.request('/api/clusters', { headers: { cookie } })).status).toBe(401)
    expect((await instances.b.request('/api/clusters', { headers: { cookie } })).status).toBe(401)
  })

  it('an admin lists sessions and revokes another one: 401 on every instance within the staleness bound', async () => {
    const olga = browserOn(instances.a)
    await signIn(olga, users[0]!)
    const olgaCookie = sessionCookie(olga)
    // Instance B has seen (and cached) Olga's session before the revocation.
    expect((await instances.b.request('/api/clusters', { headers: { cookie: olgaCookie } })).status).toBe(200)
    const alice = browserOn(instances.a)
    await signIn(alice, users[1]!)
    const aliceCookie = sessionCookie(alice)
    expect(await (await instances.a.request('/api/session', { headers: { cookie: aliceCookie } })).json()).toMatchObject({ role: 'admin' })
    const list = await instances.a.request('/api/sessions', { headers: { cookie: aliceCookie } })
    expect(list.status).toBe(200)
    const { items } = await list.json() as { items: { id: string; name: string; via: string; current: boolean; expiresAt: string }[] }
    const mine = items.find((s) => s.current)
    expect(mine).toMatchObject({ name: 'alice@example.com', via: 'sso' })
    const olgaSession = (await (await instances.a.request('/api/session', { headers: { cookie: olgaCookie } })).json() as { session: string }).session
    expect(items.find((s) => s.id === olgaSession)).toMatchObject({ name: 'olga@example.com', via: 'sso', current: false })
    // Olga herself may not list or revoke sessions.
    expect((await instances.a.request('/api/sessions', { headers: { cookie: olgaCookie } })).status).toBe(403)

    const revoked = await instances.a.request(`/api/sessions/${olgaSession}`, { method: 'DELETE', headers: { cookie: aliceCookie } })
    expect(revoked.status).toBe(204)
    const revokedAt = Date.now()
    expect((await instances.a.request('/api/clusters', { headers: { cookie: olgaCookie } })).status).toBe(401)
    let statusOnB = 200
    while (statusOnB !== 401 && Date.now() - revokedAt < 5 * staleness) {
      statusOnB = (await instances.b.request('/api/clusters', { headers: { cookie: olgaCookie } })).status
      if (statusOnB !== 401) await new Promise((r) => setTimeout(r, 100))
    }
    expect(statusOnB).toBe(401)
    expect(Date.now() - revokedAt).toBeLessThan(staleness + 500)
    expect((await instances.a.request(`/api/sessions/${olgaSession}`, { method: 'DELETE', headers: { cookie: aliceCookie } })).status).toBe(404)
    expect((await instances.a.request('/api/clusters', { headers: { cookie: aliceCookie } })).status).toBe(200)
    expect((await instances.a.request('/api/sessions', { headers: bearer(adminToken) })).status).toBe(200)
  })

  it('refuses a wrong password at the provider, and a user whose groups map to no role', async () => {
    const browser = browserOn(instances.a)
    const loginPage = await browser.open(`${app}/api/session/oidc/login`)
    const wrong = await browser.submit(loginPage, '/login', { login: 'olga', password: 'guess' })
    expect(wrong.response.status).toBe(401)
    expect(wrong.body).toContain('Wrong username or password')
    const mallory = browserOn(instances.a)
    const done = await signIn(mallory, users[2]!)
    expect(done.url).toBe(`${app}/login?sso_error=SSO_NO_ROLE`)
    expect(mallory.cookie(app, 'kp_session')).toBeUndefined()
  })

  it('refuses a callback without this browser\'s pending sign-in, with another state, or replayed', async () => {
    const browser = browserOn(instances.a)
    const started = await browser.request(`${app}/api/session/oidc/login`)
    const state = new URL(started.headers.get('location') ?? '').searchParams.get('state')
    const forged = await browser.open(`${callback}?code=x&state=${state}`)
    // The provider never issued that code: the exchange is refused.
    expect(forged.url).toBe(`${app}/login?sso_error=SSO_FAILED`)
    const stranger = browserOn(instances.a)
    expect((await stranger.open(`${callback}?code=x&state=${state}`)).url).toBe(`${app}/login?sso_error=SSO_FAILED`)

    // A real callback, captured instead of followed, then replayed by the same browser.
    const victim = browserOn(instances.a)
    const page = await victim.open(`${app}/api/session/oidc/login`)
    const consent = await victim.submit(page, '/login', { login: 'olga', password: 'olga-password' })
    const confirmAction = /action="([^"]+confirm)"/.exec(consent.body)?.[1] ?? ''
    let response = await victim.request(new URL(confirmAction, consent.url).href, { method: 'POST' })
    while (!(response.headers.get('location') ?? '').startsWith(callback)) {
      response = await victim.request(new URL(response.headers.get('location') ?? '', provider.issuer).href)
    }
    const callbackUrl = response.headers.get('location') as string
    const wrongState = callbackUrl.replace(/state=[^&]+/, 'state=forged')
    expect((await victim.open(wrongState)).url).toBe(`${app}/login?sso_error=SSO_FAILED`)
    // The pending sign-in was used up by that attempt: even the genuine answer is refused now.
    expect((await victim.open(callbackUrl)).url).toBe(`${app}/login?sso_error=SSO_FAILED`)
    expect(victim.cookie(app, 'kp_session')).toBeUndefined()
  })

  it('sends the browser back only to paths of this site', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const browser = browserOn(instances.a)
      expect((await signIn(browser, users[0]!, returnTo)).url).toBe(`${app}/`)
    }
  })
})
