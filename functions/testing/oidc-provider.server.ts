// A real OpenID provider for tests (oidc-provider, the certified Node implementation), run as a
// process of its own by oidc-provider.ts. Users sign in with a password on a small login page
// and confirm the client's access on a consent page: plain HTML forms, so tests drive them over
// HTTP and browser tests click them. Self-contained (Node built-ins and oidc-provider only): it is
// transpiled and run on its own, outside vitest.
import { generateKeyPairSync } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

interface TestUser { id: string; password: string; email: string; name: string; groups: string[] }
interface TestClient { client_id: string; client_secret?: string; redirect_uris: string[] }
interface Setup { users: TestUser[]; clients: TestClient[]; title: string }

const setup = JSON.parse(process.env.OIDC_TEST_SETUP ?? '{}') as Setup
const users = new Map(setup.users.map((u) => [u.id, u]))

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(res: ServerResponse, title: string, body: string, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`)
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let text = ''
  for await (const chunk of req) text += String(chunk)
  return new URLSearchParams(text)
}

const loginForm = (uid: string, error = '') => `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label>Username <input name="login" autocomplete="username" autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <button type="submit">Sign in</button>
</form>`

const consentForm = (uid: string, client: string, scopes: string[]) => `<p>${escape(client)} asks for: ${escape(scopes.join(', '))}</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>`

const server = createServer()
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  const provider = new Provider(issuer, {
    clients: setup.clients.map((c) => ({
      ...c, grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: c.client_secret ? 'client_secret_basic' : 'none',
    })),
    jwks: { keys: [{ ...signingKey, kid: 'test-rsa', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], groups: ['groups'] },
    // Kept (the default): scope claims such as groups come from userinfo, not in the ID token.
    conformIdTokenClaims: true,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const user = users.get(id)
      if (!user) return undefined
      return { accountId: id, claims: () => ({ sub: id, email: user.email, email_verified: true, name: user.name, groups: user.groups }) }
    },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html'
      ctx.body = `<!doctype html><title>Error</title><h1>${escape(out.error ?? 'error')}</h1><p>${escape(out.error_description ?? '')}</p>`
    },
  })
  const oidc = provider.callback()

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm))?$/.exec(new URL(req.url ?? '/', issuer).pathname)
    if (!match) return oidc(req, res)
    const [, uid = '', action] = match
    void (async () => {
      const details = await provider.interactionDetails(req, res)
      if (req.method === 'GET' && !action) {
        if (details.prompt.name === 'login') return page(res, setup.title, loginForm(uid))
        return page(res, setup.title, consentForm(uid, details.params.client_id, String(details.params.scope ?? '').split(' ')))
      }
      if (req.method === 'POST' && action === 'login') {
        const body = await form(req)
        const user = users.get(body.get('login') ?? '')
        if (!user || user.password !== body.get('password')) return page(res, setup.title, loginForm(uid, 'Wrong username or password.'), 401)
        return provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false })
      }
      if (req.method === 'POST' && action === 'confirm' && details.session) {
        const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details
        const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined)
          ?? new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id })
        if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '))
        if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims)
        for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, (scopes as string[]).join(' '))
        return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true })
      }
      return page(res, 'Not found', '', 404)
    })().catch((error: unknown) => page(res, 'Error', `<p>${escape(error instanceof Error ? error.message : String(error))}</p>`, 400))
  })
  // The parent reads the issuer from this first line.
  process.stdout.write(`${JSON.stringify({ issuer })}\n`)
})

process.on('SIGTERM', () => server.close(() => process.exit(0)))
