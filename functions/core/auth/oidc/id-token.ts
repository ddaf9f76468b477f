// ID token validation (OpenID Connect Core 3.1.3.7) with node:crypto alone: the signature with
// the issuer's published keys (RS256 or ES256), then iss, aud/azp, exp, iat, nbf and nonce.
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto'
import { invalidIdToken } from './errors.ts'

export const supportedAlgorithms = ['RS256', 'ES256'] as const
export type SigningAlgorithm = (typeof supportedAlgorithms)[number]

/** Clocks of the provider and of this server may differ by this much. */
export const clockSkewSeconds = 60

export interface IdTokenClaims {
  iss: string
  sub: string
  aud: string | string[]
  exp: number
  iat: number
  nonce?: string
  [claim: string]: unknown
}

/** The provider's signing keys (JWKS) that may have signed a token with this `kid`; `refresh` asks for the current set. */
export type KeyResolver = (kid: string | undefined, refresh: boolean) => Promise<readonly JsonWebKey[]>

export interface IdTokenExpectations {
  issuer: string
  clientId: string
  nonce: string
  /** Epoch seconds. */
  now?: number
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    throw invalidIdToken(`its ${what} is not base64url JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidIdToken(`its ${what} is not a JSON object`)
  return value as Record<string, unknown>
}

const keyFits = (jwk: JsonWebKey, alg: SigningAlgorithm) =>
  (jwk.use === undefined || jwk.use === 'sig') && (jwk.alg === undefined || jwk.alg === alg) &&
  (alg === 'RS256' ? jwk.kty === 'RSA' : jwk.kty === 'EC' && jwk.crv === 'P-256')

function publicKey(jwk: JsonWebKey): KeyObject | undefined {
  try {
    // Only the public members: a JWKS that (wrongly) carries private parts is still read as public.
    const { kty, n, e, crv, x, y } = jwk
    return createPublicKey({ key: { kty, n, e, crv, x, y } as JsonWebKey, format: 'jwk' })
  } catch {
    return undefined
  }
}

function signatureValid(alg: SigningAlgorithm, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    // JWS carries ECDSA signatures as r‖s (IEEE P1363), not DER.
    return alg === 'ES256'
      ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
      : key.asymmetricKeyType === 'rsa' && verify('sha256', data, key, signature)
  } catch {
    return false
  }
}

async function checkSignature(header: Record<string, unknown>, data: Buffer, signature: Buffer, keys: KeyResolver): Promise<void> {
  const alg = header.alg
  if (!supportedAlgorithms.includes(alg as SigningAlgorithm)) throw invalidIdToken(`its algorithm '${String(alg)}' is not one of ${supportedAlgorithms.join(', ')}`)
  // A critical extension this code does not know must not be ignored (RFC 7515 4.1.11).
  if (header.crit !== undefined) throw invalidIdToken('it names critical header extensions')
  const kid = typeof header.kid === 'string' ? header.kid : undefined
  const candidates = async (refresh: boolean) =>
    (await keys(kid, refresh)).filter((k) => (kid === undefined || k.kid === kid) && keyFits(k, alg as SigningAlgorithm))
  let found = await candidates(false)
  // A key the cached set lacks: the provider may have rotated its keys since.
  if (found.length === 0) found = await candidates(true)
  if (found.length === 0) throw invalidIdToken(`no ${String(alg)} key of the issuer${kid ? ` has kid '${kid}'` : ' fits'}`)
  for (const jwk of found) {
    const key = publicKey(jwk)
    if (key && signatureValid(alg as SigningAlgorithm, key, data, signature)) return
  }
  throw invalidIdToken('its signature does not verify with the issuer\'s keys')
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

function checkClaims(claims: Record<string, unknown>, expected: IdTokenExpectations): IdTokenClaims {
  const now = expected.now ?? Math.floor(Date.now() / 1000)
  if (claims.iss !== expected.issuer) throw invalidIdToken(`it was issued by '${String(claims.iss)}', not by '${expected.issuer}'`)
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : []
  if (!audiences.includes(expected.clientId)) throw invalidIdToken('it was issued for another client (aud)')
  // Several audiences, or an azp at all: the authorized party must be this client.
  if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== expected.clientId) throw invalidIdToken('its authorized party (azp) is another client')
  if (!isNumber(claims.exp)) throw invalidIdToken('it has no expiry (exp)')
  if (claims.exp + clockSkewSeconds <= now) throw invalidIdToken('it has expired')
  if (!isNumber(claims.iat)) throw invalidIdToken('it has no issue time (iat)')
  if (claims.iat - clockSkewSeconds > now) throw invalidIdToken('it was issued in the future (iat)')
  if (claims.nbf !== undefined && (!isNumber(claims.nbf) || claims.nbf - clockSkewSeconds > now)) throw invalidIdToken('it is not valid yet (nbf)')
  if (typeof claims.sub !== 'string' || claims.sub === '') throw invalidIdToken('it names no subject (sub)')
  if (claims.nonce !== expected.nonce) throw invalidIdToken('its nonce is not the one this sign-in sent')
  return claims as IdTokenClaims
}

/** The claims of a valid ID token; anything else throws SSO_INVALID_ID_TOKEN saying why. */
export async function verifyIdToken(token: string, keys: KeyResolver, expected: IdTokenExpectations): Promise<IdTokenClaims> {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[2]) throw invalidIdToken('it is not a signed JWT (JWS compact form)')
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string]
  const header = decodeJson(headerPart, 'header')
  const claims = decodeJson(payloadPart, 'payload')
  await checkSignature(header, Buffer.from(`${headerPart}.${payloadPart}`), Buffer.from(signaturePart, 'base64url'), keys)
  return checkClaims(claims, expected)
}
