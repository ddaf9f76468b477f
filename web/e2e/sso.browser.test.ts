// Single sign-on in Chromium against a real OpenID provider (oidc-provider in its own process):
// the login page's "Sign in with …" button, the provider's login and consent pages, the way back;
// an admin's Sessions page revoking another person's session. The app is opened as `localhost`
// and the provider runs on 127.0.0.1, so the round trip is cross-site, as with a real provider.
import { createServer } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts'
import { startOidcProvider, type OidcTestProvider } from '../../functions/testing/oidc-provider.ts'
import { testDeps } from '../../functions/testing/stack.ts'
import { launchBrowser, screenshot, webRoot } from './harness.ts'

let browser: Browser
let provider: OidcTestProvider
let server: LocalServer
let deps: ReturnType<typeof testDeps>
let app: string
const contexts: BrowserContext[] = []

/** A port nothing listens on now, so the provider can be told the callback address before the app starts. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } })
  contexts.push(context)
  return context.newPage()
}

/** From the login page through the provider and back, as a person would click it. */
async function signInWithProvider(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${app}/login`)
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click()
  await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`))
  await page.getByLabel('Username').fill(login)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Allow' }).click()
}

beforeAll(async () => {
  const port = await freePort()
  app = `http://localhost:${port}`
  ;[browser, provider] = await Promise.all([launchBrowser(), startOidcProvider({
    users: [
      { id: 'olga', password: 'olga-password', email: 'olga@example.com', name: 'Olga', groups: ['orders-team'] },
      { id: 'alice', password: 'alice-password', email: 'alice@example.com', name: 'Alice', groups: ['kafka-admins'] },
      { id: 'mallory', password: 'mallory-password', email: 'mallory@example.com', name: 'Mallory', groups: ['contractors'] },
    ],
    clients: [{ client_id: 'kafka-plus-web', client_secret: 'kafka-plus-web-secret-0123456789', redirect_uris: [`${app}/api/session/oidc/callback`] }],
  })])
  deps = testDeps({
    KAFKA_PLUS_OIDC_ISSUER: provider.issuer,
    KAFKA_PLUS_OIDC_CLIENT_ID: 'kafka-plus-web',
    KAFKA_PLUS_OIDC_CLIENT_SECRET: 'kafka-plus-web-secret-0123456789',
    KAFKA_PLUS_OIDC_NAME: 'Test IdP',
    KAFKA_PLUS_OIDC_SCOPES: 'openid profile email groups',
    KAFKA_PLUS_OIDC_ROLES: JSON.stringify({ 'kafka-admins': 'admin', 'orders-team': [{ role: 'operator', topics: ['orders.*'] }, { role: 'viewer' }] }),
  })
  server = await startLocalServer({ deps, port, webRoot })
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
  await server?.close()
  await deps?.close()
  await provider?.close()
})

describe('single sign-on in the browser', () => {
  let olga: Page

  it('offers "Sign in with Test IdP" and signs in through the provider, with the role of the user\'s group', async () => {
    olga = await newPage()
    await olga.goto(`${app}/login`)
    await olga.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor()
    await expect(olga.getByLabel('Access token').isVisible()).resolves.toBe(true)
    await screenshot(olga, 'login-sso')
    await signInWithProvider(olga, 'olga', 'olga-password')
    await olga.waitForURL(`${app}/c/local/overview`)
    await expect.poll(() => olga.getByTestId('session-user').textContent()).toMatch(/olga@example\.com.*operator/)
    // Only admins of the whole deployment see the Sessions page.
    expect(await olga.getByRole('link', { name: 'Sessions' }).count()).toBe(0)
  })

  it('sends someone whose groups give no role back to the login page, saying why', async () => {
    const page = await newPage()
    await signInWithProvider(page, 'mallory', 'mallory-password')
    await page.waitForURL(`${app}/login?sso_error=SSO_NO_ROLE`)
    expect(await page.getByRole('alert').textContent()).toContain('none of your groups gives a role here')
  })

  it('lets an admin list sessions and revoke one; the revoked browser is sent to the login page', async () => {
    const alice = await newPage()
    await signInWithProvider(alice, 'alice', 'alice-password')
    await alice.waitForURL(`${app}/c/local/overview`)
    await alice.getByRole('link', { name: 'Sessions' }).click()
    await alice.waitForURL(`${app}/c/local/sessions`)
    const olgaRow = alice.getByRole('row', { name: /olga@example\.com/ })
    await olgaRow.waitFor()
    expect(await olgaRow.textContent()).toContain('single sign-on')
    expect(await alice.getByRole('row', { name: /alice@example\.com/ }).textContent()).toContain('you')
    await screenshot(alice, 'sessions')
    await olgaRow.getByRole('button', { name: /Revoke/ }).click()
    await alice.getByRole('dialog', { name: 'Revoke session' }).getByRole('button', { name: 'Revoke' }).click()
    await expect.poll(() => olgaRow.count()).toBe(0)

    await olga.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Topics' }).click()
    await olga.waitForURL(`${app}/login`)
  })
})
