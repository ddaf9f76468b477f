import { createCipheriv, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadOidc } from '../core/config.ts'
import { envFromResources, hasLinkedResources, linkedEnvironment, runtimeEnv } from './resources.ts'

describe('envFromResources', () => {
  it('maps each linked property to the key config.ts reads', () => {
    const env = envFromResources({
      KafkaPlusToken: { value: 'admin-token-0123456789' },
      KafkaPlusClusterConfig: { json: '[{"id":"prod"}]' },
      KafkaPlusVictoriaLogs: { url: 'http://victorialogs.internal:9428' },
      KafkaPlusPlanTable: { name: 'kafka-plus-production-PlanTable' },
      KafkaPlusIndexer: { name: 'kafka-plus-production-Indexer', arn: 'arn:aws:lambda:us-east-1:123456789012:function:x' },
      Sampler: { name: 'kafka-plus-production-Sampler', url: '' },
    }, { KAFKA_PLUS_TAIL_MAX_MS: '120000' })
    expect(env).toEqual({
      KAFKA_PLUS_TOKEN: 'admin-token-0123456789',
      KAFKA_PLUS_CLUSTERS: '[{"id":"prod"}]',
      VICTORIALOGS_URL: 'http://victorialogs.internal:9428',
      KAFKA_PLUS_PLAN_TABLE: 'kafka-plus-production-PlanTable',
      KAFKA_PLUS_INDEXER_FUNCTION: 'kafka-plus-production-Indexer',
      SAMPLER_FUNCTION_NAME: 'kafka-plus-production-Sampler',
      KAFKA_PLUS_TAIL_MAX_MS: '120000', // plain settings still come from the environment
    })
  })

  it('treats an empty optional secret as not configured and keeps what the environment has', () => {
    const env = envFromResources({ KafkaPlusTokens: { value: '' }, KafkaPlusSessionSecret: { value: '' } }, { KAFKA_PLUS_TOKEN: 'from-env-0123456789' })
    expect(env).toEqual({ KAFKA_PLUS_TOKEN: 'from-env-0123456789' })
    expect('KAFKA_PLUS_SESSION_SECRET' in env).toBe(false)
  })

  it('ignores links that are missing or not objects', () => {
    expect(envFromResources({ KafkaPlusToken: 'not-an-object', KafkaPlusPlanTable: null }, {})).toEqual({})
  })

  it('links the audit key', () => {
    const key = 'k'.repeat(40)
    expect(envFromResources({ KafkaPlusAuditKey: { value: key } }, {})).toEqual({ KAFKA_PLUS_AUDIT_KEY: key })
    expect(envFromResources({ KafkaPlusAuditKey: { value: '' } }, {})).toEqual({})
  })
})

describe('envFromResources: the KafkaPlusOidc secret', () => {
  const oidc = (settings: unknown) => ({ KafkaPlusOidc: { value: JSON.stringify(settings) } })

  it('expands every field into the KAFKA_PLUS_OIDC_* key config.ts reads', () => {
    const env = envFromResources(oidc({
      issuer: 'https://login.example.com/realms/kafka',
      clientId: 'kafka-plus',
      clientSecret: 'client-secret-value',
      roles: { 'kafka-admins': 'admin', '*': [{ role: 'viewer', clusters: ['prod'] }] },
      redirectUrl: 'https://kafka.example.com/api/session/oidc/callback',
      scopes: ['openid', 'profile', 'groups'],
      claim: 'roles',
      name: 'Keycloak',
    }), { KAFKA_PLUS_TOKEN: 'from-env-0123456789' })
    expect(env).toEqual({
      KAFKA_PLUS_TOKEN: 'from-env-0123456789',
      KAFKA_PLUS_OIDC_ISSUER: 'https://login.example.com/realms/kafka',
      KAFKA_PLUS_OIDC_CLIENT_ID: 'kafka-plus',
      KAFKA_PLUS_OIDC_CLIENT_SECRET: 'client-secret-value',
      KAFKA_PLUS_OIDC_ROLES: '{"kafka-admins":"admin","*":[{"role":"viewer","clusters":["prod"]}]}',
      KAFKA_PLUS_OIDC_REDIRECT_URL: 'https://kafka.example.com/api/session/oidc/callback',
      KAFKA_PLUS_OIDC_SCOPES: 'openid profile groups',
      KAFKA_PLUS_OIDC_ROLES_CLAIM: 'roles',
      KAFKA_PLUS_OIDC_NAME: 'Keycloak',
    })
  })

  it('gives config.ts a complete single sign-on configuration', () => {
    const env = envFromResources(oidc({ issuer: 'https://idp.example.com', clientId: 'kafka-plus', clientSecret: 's3cret', roles: { ops: 'operator' }, scopes: ['email'], claim: 'roles', name: 'Okta' }), {})
    expect(loadOidc(env)).toEqual({
      issuer: 'https://idp.example.com', clientId: 'kafka-plus', clientSecret: 's3cret', redirectUrl: undefined,
      scopes: ['openid', 'email'], name: 'Okta', rolesClaim: 'roles', roleMapping: { ops: [{ role: 'operator' }] },
    })
  })

  it('leaves optional fields out, takes roles as JSON text and scopes as one string too', () => {
    const env = envFromResources(oidc({ issuer: 'https://idp.example.com', clientId: 'public-client', clientSecret: '', roles: '{"*":"viewer"}', scopes: 'openid email', name: null }), {})
    expect(env).toEqual({
      KAFKA_PLUS_OIDC_ISSUER: 'https://idp.example.com',
      KAFKA_PLUS_OIDC_CLIENT_ID: 'public-client',
      KAFKA_PLUS_OIDC_ROLES: '{"*":"viewer"}',
      KAFKA_PLUS_OIDC_SCOPES: 'openid email',
    })
  })

  it('an empty secret is single sign-on not configured, and settings from the environment stay', () => {
    expect(envFromResources({ KafkaPlusOidc: { value: '' } }, { KAFKA_PLUS_OIDC_ISSUER: 'https://local.example.com' }))
      .toEqual({ KAFKA_PLUS_OIDC_ISSUER: 'https://local.example.com' })
  })

  it('refuses a secret that is not the JSON object it should be, without echoing it', () => {
    const error = (resources: Record<string, unknown>) => {
      try {
        envFromResources(resources, {})
      } catch (caught: unknown) {
        return caught
      }
      throw new Error('expected a configuration error')
    }
    expect(error({ KafkaPlusOidc: { value: '{"issuer": "https://idp' } })).toMatchObject({ code: 'CONFIG_INVALID', message: 'The KafkaPlusOidc secret is not valid JSON.' })
    expect(error({ KafkaPlusOidc: { value: '["https://idp.example.com"]' } })).toMatchObject({ code: 'CONFIG_INVALID', message: 'The KafkaPlusOidc secret must be a JSON object.' })
    expect(error(oidc({ issuer: 'https://idp.example.com', clientID: 'typo', rolesClaim: 'groups' }))).toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'The KafkaPlusOidc secret has unknown fields (clientID, rolesClaim); known: issuer, clientId, clientSecret, roles, redirectUrl, scopes, claim, name.',
    })
    expect(error(oidc({ issuer: 'https://idp.example.com', clientSecret: 12345678 }))).toMatchObject({ message: 'The KafkaPlusOidc secret\'s "clientSecret" must be a string.' })
    expect(error(oidc({ roles: ['admin'] }))).toMatchObject({ message: 'The KafkaPlusOidc secret\'s "roles" must be a JSON object.' })
    expect(error(oidc({ scopes: ['openid', 7] }))).toMatchObject({ message: 'The KafkaPlusOidc secret\'s "scopes" must be a list of strings or one string.' })
  })
})

describe('runtimeEnv', () => {
  it('returns the environment unchanged outside SST', async () => {
    const base = { KAFKA_PLUS_TOKEN: 'local-token-0123456789', VICTORIALOGS_URL: 'http://127.0.0.1:9428' }
    expect(hasLinkedResources(base)).toBe(false)
    await expect(runtimeEnv(base)).resolves.toEqual(base)
  })

  // SST writes the linked properties to resource.enc: AES-256-GCM with a zero nonce, the tag
  // appended, the key base64 in SST_KEY. Here the file is written the same way and read back
  // through the real `sst/resource` loader, as a deployed function does.
  const dir = mkdtempSync(join(tmpdir(), 'kafka-plus-resources-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads linked secrets from the encrypted resource file under SST', async () => {
    const key = randomBytes(32)
    const clusters = JSON.stringify([{ id: 'prod', brokers: ['b-1:9098'], mskClusterArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/prod/abc-1', tls: { ca: 'x'.repeat(5000) } }])
    const linked = {
      KafkaPlusToken: { value: 'linked-token-0123456789' },
      KafkaPlusTokens: { value: '' },
      KafkaPlusClusterConfig: { json: clusters },
      KafkaPlusPlanTable: { name: 'plan-table' },
    }
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12, 0))
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(linked)), cipher.final(), cipher.getAuthTag()])
    const file = join(dir, 'resource.enc')
    writeFileSync(file, encrypted)
    const sstEnv = { SST_KEY: key.toString('base64'), SST_KEY_FILE: file, SST_RESOURCE_App: JSON.stringify({ name: 'kafka-plus', stage: 'test' }) }
    // The SST loader reads process.env itself (once per process), so set it there.
    Object.assign(process.env, sstEnv)
    try {
      const env = await runtimeEnv({ ...sstEnv, KAFKA_PLUS_TAIL_MAX_MS: '120000', KAFKA_PLUS_CLUSTERS: 'stale' })
      expect(env.KAFKA_PLUS_TOKEN).toBe('linked-token-0123456789')
      expect(env.KAFKA_PLUS_CLUSTERS).toBe(clusters)
      expect(env.KAFKA_PLUS_PLAN_TABLE).toBe('plan-table')
      expect(env.KAFKA_PLUS_TOKENS).toBeUndefined()
      expect(env.KAFKA_PLUS_TAIL_MAX_MS).toBe('120000')
      // Not linked to this function: the proxy would throw on access; the adapter skips it.
      expect(env.KAFKA_PLUS_INDEXER_FUNCTION).toBeUndefined()
    } finally {
      for (const name of Object.keys(sstEnv)) Reflect.deleteProperty(process.env, name)
    }
  })

  it('reads every linked value (a field of a JSON-valued link) for one key only', () => {
    const sources = Object.values(linkedEnvironment).map((l) => `${l.link}.${l.property}${'field' in l ? `.${l.field}` : ''}`)
    expect(new Set(sources).size).toBe(sources.length)
    // A link is either one value or a JSON object of fields, never both.
    const plain = new Set(Object.values(linkedEnvironment).filter((l) => !('field' in l)).map((l) => l.link))
    expect(Object.values(linkedEnvironment).filter((l) => 'field' in l && plain.has(l.link))).toEqual([])
  })
})
