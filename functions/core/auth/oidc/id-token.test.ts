import { generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.ts'
import { verifyIdToken, type KeyResolver } from './id-token.ts'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })

const jwk = (key: KeyObject, kid: string, alg: string): JsonWebKey => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' })
const published = [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')]
const keys: KeyResolver = async () => published

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const now = 1_800_000_000
const issuer = 'https://login.example.com'
const clientId = 'kafka-plus'
const nonce = 'n-0123456789'
const expected = { issuer, clientId, nonce, now }
const claims = { iss: issuer, aud: clientId, sub: 'user-1', iat: now - 5, exp: now + 300, nonce }

function jwt(payload: Record<string, unknown>, options: { alg?: string; kid?: string; key?: KeyObject; header?: Record<string, unknown> } = {}): string {
  const alg = options.alg ?? 'RS256'
  const head = b64({ alg, typ: 'JWT', kid: options.kid ?? (alg === 'ES256' ? 'ec-1' : 'rsa-1'), ...options.header })
  const body = b64(payload)
  const data = Buffer.from(`${head}.${body}`)
  const key = options.key ?? (alg === 'ES256' ? ec.privateKey : rsa.privateKey)
  const signature = alg === 'ES256' ? sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }) : sign('sha256', data, key)
  return `${head}.${body}.${signature.toString('base64url')}`
}

async function refusal(token: string, keyResolver: KeyResolver = keys, expectations = expected): Promise<string> {
  try {
    await verifyIdToken(token, keyResolver, expectations)
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('SSO_INVALID_ID_TOKEN')
    return (error as AppError).message
  }
  return 'accepted'
}

describe('verifyIdToken', () => {
  it('accepts RS256 and ES256 tokens signed by a published key, with all claims', async () => {
    await expect(verifyIdToken(jwt({ ...claims, email: 'a@example.com' }), keys, expected)).resolves.toMatchObject({ sub: 'user-1', email: 'a@example.com' })
    await expect(verifyIdToken(jwt(claims, { alg: 'ES256' }), keys, expected)).resolves.toMatchObject({ sub: 'user-1' })
    await expect(verifyIdToken(jwt({ ...claims, aud: [clientId, 'api'], azp: clientId }), keys, expected)).resolves.toMatchObject({ sub: 'user-1' })
  })

  it('refuses a bad signature: another key, a changed payload, a cut signature', async () => {
    expect(await refusal(jwt(claims, { key: stranger.privateKey }))).toMatch(/signature does not verify/)
    const [head, , signature] = jwt(claims).split('.')
    expect(await refusal(`${head}.${b64({ ...claims, sub: 'admin' })}.${signature}`)).toMatch(/signature does not verify/)
    expect(await refusal(`${head}.${b64(claims)}.${signature?.slice(0, 20)}`)).toMatch(/signature does not verify/)
    expect(await refusal(jwt(claims, { alg: 'ES256', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }))).toMatch(/signature does not verify/)
  })

  it('refuses algorithms other than RS256/ES256 (none, HS256 with the public key as secret), and unknown critical headers', async () => {
    const unsigned = `${b64({ alg: 'none', kid: 'rsa-1' })}.${b64(claims)}.`
    expect(await refusal(unsigned)).toMatch(/not a signed JWT/)
    expect(await refusal(`${b64({ alg: 'none', kid: 'rsa-1' })}.${b64(claims)}.AAAA`)).toMatch(/algorithm 'none'/)
    expect(await refusal(`${b64({ alg: 'HS256', kid: 'rsa-1' })}.${b64(claims)}.AAAA`)).toMatch(/algorithm 'HS256'/)
    expect(await refusal(jwt(claims, { header: { crit: ['exp'] } }))).toMatch(/critical/)
  })

  it('refuses a key of the wrong type for the algorithm, and an unknown kid even after refreshing the keys', async () => {
    // An RS256 header naming the EC key: the key does not fit the algorithm, so it is never tried.
    expect(await refusal(jwt(claims, { kid: 'ec-1' }))).toMatch(/no RS256 key of the issuer has kid 'ec-1'/)
    const asked: boolean[] = []
    const tracking: KeyResolver = async (_kid, refresh) => {
      asked.push(refresh)
      return published
    }
    expect(await refusal(jwt(claims, { kid: 'rotated' }), tracking)).toMatch(/kid 'rotated'/)
    expect(asked).toEqual([false, true])
  })

  it('finds a rotated key by refreshing the key set once', async () => {
    const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const resolver: KeyResolver = async (_kid, refresh) => (refresh ? [...published, jwk(rotated.publicKey, 'rsa-2', 'RS256')] : published)
    await expect(verifyIdToken(jwt(claims, { kid: 'rsa-2', key: rotated.privateKey }), resolver, expected)).resolves.toMatchObject({ sub: 'user-1' })
  })

  it('refuses another issuer and another audience', async () => {
    expect(await refusal(jwt({ ...claims, iss: 'https://evil.example.com' }))).toMatch(/issued by 'https:\/\/evil.example.com'/)
    expect(await refusal(jwt({ ...claims, iss: `${issuer}/` }))).toMatch(/issued by/)
    expect(await refusal(jwt({ ...claims, aud: 'another-client' }))).toMatch(/another client \(aud\)/)
    expect(await refusal(jwt({ ...claims, aud: ['another-client', 'api'] }))).toMatch(/another client \(aud\)/)
    expect(await refusal(jwt({ ...claims, aud: [clientId, 'api'] }))).toMatch(/authorized party/)
    expect(await refusal(jwt({ ...claims, azp: 'another-client' }))).toMatch(/authorized party/)
  })

  it('refuses an expired token, one from the future, one not valid yet, allowing 60 s of clock skew', async () => {
    expect(await refusal(jwt({ ...claims, exp: now - 61 }))).toMatch(/expired/)
    expect(await refusal(jwt({ ...claims, exp: now - 30 }))).toBe('accepted')
    expect(await refusal(jwt({ ...claims, iat: now + 61 }))).toMatch(/future/)
    expect(await refusal(jwt({ ...claims, nbf: now + 120 }))).toMatch(/not valid yet/)
    expect(await refusal(jwt({ ...claims, exp: undefined }))).toMatch(/no expiry/)
    expect(await refusal(jwt({ ...claims, exp: String(now + 300) }))).toMatch(/no expiry/)
  })

  it('refuses a nonce that is missing or not the one sent, and a token without subject', async () => {
    expect(await refusal(jwt({ ...claims, nonce: 'replayed' }))).toMatch(/nonce/)
    expect(await refusal(jwt({ ...claims, nonce: undefined }))).toMatch(/nonce/)
    expect(await refusal(jwt({ ...claims, sub: '' }))).toMatch(/subject/)
  })

  it('refuses what is not a JWT', async () => {
    for (const token of ['', 'a.b', 'a.b.c.d', 'x.y.z', `${b64([1])}.${b64(claims)}.AAAA`, '!!.??.**']) {
      expect(await refusal(token), token).not.toBe('accepted')
    }
  })
})
