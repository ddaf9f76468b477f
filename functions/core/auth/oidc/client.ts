// The relying party: discovery, the provider's keys, the authorization request and the code
// exchange. Discovery and keys are remembered per process (an hour; keys are fetched again at
// once when a token names an unknown key, at most every 30 s).
import { createHash, randomBytes, type JsonWebKey } from 'node:crypto'
import type { OidcConfig } from '../../config.ts'
import { ssoFailed, ssoProviderUnavailable } from './errors.ts'
import { callProvider } from './http.ts'
import { verifyIdToken, type IdTokenClaims } from './id-token.ts'

export interface ProviderMetadata {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  jwks_uri: string
  userinfo_endpoint?: string
  token_endpoint_auth_methods_supported?: string[]
  code_challenge_methods_supported?: string[]
}

/** What a sign-in keeps between the redirect to the provider and the callback (in a signed cookie). */
export interface PendingSignIn {
  state: string
  nonce: string
  verifier: string
  redirectUri: string
  returnTo: string
}

const metadataTtlMs = 60 * 60 * 1000
const keysRefreshMinMs = 30 * 1000

const random = () => randomBytes(32).toString('base64url')
export const codeChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url')

const isHttpsOrLoopback = (value: unknown): value is string => {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
  } catch {
    return false
  }
}

function readMetadata(body: unknown, issuer: string): ProviderMetadata {
  const m = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  // OpenID Connect Discovery 4.3: the document must name exactly the issuer it was fetched for.
  if (m.issuer !== issuer) throw ssoProviderUnavailable(`The OpenID provider's discovery document names the issuer '${String(m.issuer)}', not '${issuer}'.`)
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (!isHttpsOrLoopback(m[field])) throw ssoProviderUnavailable(`The OpenID provider's discovery document has no usable ${field}.`)
  }
  const methods = m.code_challenge_methods_supported
  if (Array.isArray(methods) && !methods.includes('S256')) throw ssoProviderUnavailable('The OpenID provider does not support PKCE with S256.')
  return m as unknown as ProviderMetadata
}

/** client_secret_basic encodes id and secret as form values first (RFC 6749 2.3.1). */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+')

export class OidcClient {
  readonly config: OidcConfig
  readonly #now: () => number
  #metadata: { value: ProviderMetadata; until: number } | undefined
  #keys: { value: JsonWebKey[]; until: number; fetchedAt: number } | undefined

  constructor(config: OidcConfig, options: { now?: () => number } = {}) {
    this.config = config
    this.#now = options.now ?? Date.now
  }

  async metadata(): Promise<ProviderMetadata> {
    const now = this.#now()
    if (this.#metadata && this.#metadata.until > now) return this.#metadata.value
    const url = `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
    const answer = await callProvider(url, 'discovery')
    if (answer.status !== 200) throw ssoProviderUnavailable(`The OpenID provider's discovery answered HTTP ${answer.status}.`)
    const value = readMetadata(answer.body, this.config.issuer)
    this.#metadata = { value, until: now + metadataTtlMs }
    return value
  }

  /** The issuer's keys; `refresh` fetches them again unless that was done moments ago. */
  async keys(refresh = false): Promise<JsonWebKey[]> {
    const now = this.#now()
    const cached = this.#keys
    if (cached && cached.until > now && (!refresh || now - cached.fetchedAt < keysRefreshMinMs)) return cached.value
    const answer = await callProvider((await this.metadata()).jwks_uri, 'keys (JWKS)')
    const keys = (answer.body as { keys?: unknown } | null)?.keys
    if (answer.status !== 200 || !Array.isArray(keys)) throw ssoProviderUnavailable(`The OpenID provider's keys (JWKS) answered HTTP ${answer.status} without a key set.`)
    const value = keys.filter((k): k is JsonWebKey => typeof k === 'object' && k !== null)
    this.#keys = { value, until: now + metadataTtlMs, fetchedAt: now }
    return value
  }

  /** Starts a sign-in: the provider's authorization URL, and what the callback must find again. */
  async begin(redirectUri: string, returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const metadata = await this.metadata()
    const pending: PendingSignIn = { state: random(), nonce: random(), verifier: random(), redirectUri, returnTo }
    const url = new URL(metadata.authorization_endpoint)
    const params = {
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: redirectUri,
      scope: this.config.scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    }
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
    return { url: url.href, pending }
  }

  /**
   * Finishes a sign-in: the callback's state must be the pending one; the code is exchanged (with
   * the PKCE verifier) for an ID token, which is verified; userinfo adds claims the ID token left
   * out (some providers put groups only there).
   */
  async finish(callback: URLSearchParams, pending: PendingSignIn): Promise<IdTokenClaims> {
    if (callback.get('state') !== pending.state) throw ssoFailed('The sign-in answer does not belong to this browser\'s sign-in (state); start again.')
    const refused = callback.get('error')
    if (refused) throw ssoFailed(`The OpenID provider refused the sign-in (${refused.slice(0, 64)}).`)
    const code = callback.get('code')
    if (!code) throw ssoFailed('The OpenID provider sent no authorization code.')
    const metadata = await this.metadata()
    const tokens = await this.#exchange(metadata, code, pending)
    const claims = await verifyIdToken(tokens.idToken, (_kid, refresh) => this.keys(refresh), {
      issuer: this.config.issuer, clientId: this.config.clientId, nonce: pending.nonce, now: Math.floor(this.#now() / 1000),
    })
    if (claims[this.config.rolesClaim] === undefined && metadata.userinfo_endpoint && tokens.accessToken) {
      return { ...await this.#userinfo(metadata.userinfo_endpoint, tokens.accessToken, claims.sub), ...claims }
    }
    return claims
  }

  async #exchange(metadata: ProviderMetadata, code: string, pending: PendingSignIn): Promise<{ idToken: string; accessToken: string | undefined }> {
    const { clientId, clientSecret } = this.config
    const form: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, code_verifier: pending.verifier }
    const headers: Record<string, string> = {}
    const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    if (clientSecret === undefined) {
      form.client_id = clientId
    } else if (methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) {
      headers.authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`
    } else {
      Object.assign(form, { client_id: clientId, client_secret: clientSecret })
    }
    const answer = await callProvider(metadata.token_endpoint, 'token endpoint', { method: 'POST', headers, form })
    const body = (answer.body ?? {}) as Record<string, unknown>
    if (answer.status !== 200) {
      const error = typeof body.error === 'string' ? body.error.slice(0, 64) : `HTTP ${answer.status}`
      throw answer.status >= 500 ? ssoProviderUnavailable(`The OpenID provider's token endpoint failed (${error}).`) : ssoFailed(`The OpenID provider refused the authorization code (${error}).`)
    }
    if (typeof body.id_token !== 'string') throw ssoFailed('The OpenID provider answered without an ID token (is the openid scope allowed?).')
    return { idToken: body.id_token, accessToken: typeof body.access_token === 'string' ? body.access_token : undefined }
  }

  async #userinfo(endpoint: string, accessToken: string, subject: string): Promise<Record<string, unknown>> {
    const answer = await callProvider(endpoint, 'userinfo', { headers: { authorization: `Bearer ${accessToken}` } })
    const body = answer.body as Record<string, unknown> | null
    if (answer.status !== 200 || typeof body !== 'object' || body === null) throw ssoProviderUnavailable(`The OpenID provider's userinfo answered HTTP ${answer.status}.`)
    // Core 5.3.2: userinfo about anyone but the ID token's subject must not be used.
    if (body.sub !== subject) throw ssoFailed('The OpenID provider\'s userinfo is about another subject than the ID token.')
    return body
  }
}
