import { describe, expect, it } from 'vitest'
import { AppError } from './errors.ts'
import { loadConfig } from './config.ts'

const token = 'a-token-of-sufficient-length'

describe('loadConfig', () => {
  it('defaults to one local cluster on the embedded broker', () => {
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token })
    expect(config.clusters).toEqual([{ id: 'local', name: 'local', brokers: ['127.0.0.1:9092'] }])
    expect(config.victoriaLogsUrl).toBe('http://127.0.0.1:9428')
    expect(config.tokens).toEqual([{ name: 'admin', role: 'admin', token }])
  })

  it('reads SASL/SCRAM and TLS for a single cluster from the environment', () => {
    const config = loadConfig({
      KAFKA_PLUS_TOKEN: token, KAFKA_BROKERS: 'b-1.example:9096, b-2.example:9096', KAFKA_CLUSTER_ID: 'prod',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_TLS: 'true',
    })
    expect(config.clusters[0]).toEqual({
      id: 'prod', name: 'prod', brokers: ['b-1.example:9096', 'b-2.example:9096'], tls: true,
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' },
    })
  })

  it('reads several clusters from KAFKA_PLUS_CLUSTERS, including MSK IAM', () => {
    const clusters = [
      { id: 'local', brokers: ['127.0.0.1:9092'] },
      { id: 'msk-prod', name: 'MSK prod', brokers: ['b-1.msk:9098'], tls: true, sasl: { mechanism: 'AWS_MSK_IAM', region: 'eu-west-1' } },
    ]
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: JSON.stringify(clusters) })
    expect(config.clusters.map((c) => [c.id, c.name])).toEqual([['local', 'local'], ['msk-prod', 'MSK prod']])
    expect(config.clusters[1]?.sasl).toEqual({ mechanism: 'AWS_MSK_IAM', region: 'eu-west-1' })
  })

  it('reads a clusters file', () => {
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS_FILE: '/etc/clusters.json' }, {
      readText: (path) => {
        expect(path).toBe('/etc/clusters.json')
        return JSON.stringify([{ id: 'a', brokers: ['h:1'] }, { id: 'b', brokers: ['h:2'] }])
      },
    })
    expect(config.clusters.map((c) => c.id)).toEqual(['a', 'b'])
  })

  it.each([
    ['no token', {}, /KAFKA_PLUS_TOKEN/],
    ['a short token', { KAFKA_PLUS_TOKEN: 'short' }, /at least 16/],
    ['duplicate cluster ids', { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: '[{"id":"a","brokers":["h:1"]},{"id":"a","brokers":["h:2"]}]' }, /used twice/],
    ['a broker without port', { KAFKA_PLUS_TOKEN: token, KAFKA_BROKERS: 'localhost' }, /host:port/],
    ['broken JSON', { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: '[{' }, /not valid JSON/],
    ['an unknown role', { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TOKENS: '[{"name":"x","role":"root","token":"0123456789abcdef0"}]' }, /role/],
    ['a VictoriaLogs address that is no URL', { KAFKA_PLUS_TOKEN: token, VICTORIALOGS_URL: '127.0.0.1:9428 ' }, /VICTORIALOGS_URL is not a URL/],
    ['an MSK cluster ARN that is no cluster ARN', { KAFKA_PLUS_TOKEN: token, KAFKA_MSK_CLUSTER_ARN: 'arn:aws:kafka:eu-west-1:123456789012:topic/prod/x' }, /mskClusterArn/],
  ])('rejects %s with CONFIG_INVALID', (_label, env, message) => {
    let caught: unknown
    try { loadConfig(env) } catch (error: unknown) { caught = error }
    expect(caught).toBeInstanceOf(AppError)
    expect((caught as AppError).code).toBe('CONFIG_INVALID')
    expect((caught as AppError).message).toMatch(message)
  })

  it('derives a session secret from the tokens unless one is given', () => {
    const a = loadConfig({ KAFKA_PLUS_TOKEN: token }).sessionSecret
    const b = loadConfig({ KAFKA_PLUS_TOKEN: `${token}-rotated` }).sessionSecret
    expect(a).not.toBe(b)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_SESSION_SECRET: 'fixed' }).sessionSecret).toBe('fixed')
  })

  it('takes the audit chain key from KAFKA_PLUS_AUDIT_KEY (32+ characters), else derives it from the session secret', () => {
    const key = 'k'.repeat(32)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_AUDIT_KEY: key }).auditKey).toBe(key)
    const derived = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_SESSION_SECRET: 'fixed' }).auditKey
    expect(derived).toMatch(/^[0-9a-f]{64}$/)
    expect(derived).not.toBe('fixed')
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_SESSION_SECRET: 'fixed' }).auditKey).toBe(derived)
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_SESSION_SECRET: 'other' }).auditKey).not.toBe(derived)
    expect(() => loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_AUDIT_KEY: 'short' })).toThrow(/at least 32/)
  })

  it('defaults indexing, sampling and local mode to the local setup', () => {
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token })
    expect(config.home).toBe('.kafka-plus')
    expect(config.indexing).toEqual({
      planStore: { kind: 'file', home: '.kafka-plus' }, builtinIndexer: true, vectorDir: 'vector/generated',
      vectorVictoriaLogsUrl: 'http://127.0.0.1:9428', lambdaCluster: undefined, lambdaAttempts: 4,
    })
    expect(config.samplerFunctionName).toBeUndefined()
    expect(config.local).toEqual({ port: 8080, host: '127.0.0.1', sampleIntervalMs: 300_000 })
  })

  it('reads every setting a route, runner or entry point needs from the environment', () => {
    const plan = '{"cluster":"prod","topics":[]}'
    const config = loadConfig({
      KAFKA_PLUS_TOKEN: token, VICTORIALOGS_URL: 'http://logs.internal:9428/', KAFKA_PLUS_HOME: '/data/kp',
      KAFKA_PLUS_INDEXING_PLAN: plan, KAFKA_PLUS_INDEXER: 'off', KAFKA_PLUS_VECTOR_DIR: '/etc/vector',
      KAFKA_PLUS_VECTOR_VICTORIALOGS_URL: 'http://victorialogs:9428', KAFKA_PLUS_INDEXER_CLUSTER: 'prod', KAFKA_PLUS_INDEXER_ATTEMPTS: '2',
      SAMPLER_FUNCTION_NAME: 'kafka-plus-prod-Sampler', PORT: '0', HOST: '0.0.0.0', KAFKA_PLUS_SAMPLE_INTERVAL_MS: '0',
    })
    expect(config.victoriaLogsUrl).toBe('http://logs.internal:9428')
    expect(config.home).toBe('/data/kp')
    expect(config.indexing).toEqual({
      planStore: { kind: 'static', plans: plan }, builtinIndexer: false, vectorDir: '/etc/vector',
      vectorVictoriaLogsUrl: 'http://victorialogs:9428', lambdaCluster: 'prod', lambdaAttempts: 2,
    })
    expect(config.samplerFunctionName).toBe('kafka-plus-prod-Sampler')
    expect(config.local).toEqual({ port: 0, host: '0.0.0.0', sampleIntervalMs: 0 })
  })

  it('keeps plans in DynamoDB whenever KAFKA_PLUS_PLAN_TABLE is set, never in files on Lambda', () => {
    const plan = '{"cluster":"prod","topics":[]}'
    // Local mode included: that is how the tests reach moto's DynamoDB.
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_PLAN_TABLE: 'plans' }).indexing.planStore).toEqual({ kind: 'dynamodb', table: 'plans' })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_PLAN_TABLE: 'plans', KAFKA_PLUS_INDEXING_PLAN: plan }).indexing.planStore).toEqual({ kind: 'dynamodb', table: 'plans' })
    const lambda = { KAFKA_PLUS_TOKEN: token, AWS_LAMBDA_FUNCTION_NAME: 'kafka-plus-prod-Api' }
    expect(loadConfig({ ...lambda, KAFKA_PLUS_PLAN_TABLE: 'plans' }).indexing.planStore).toEqual({ kind: 'dynamodb', table: 'plans' })
    expect(loadConfig({ ...lambda, KAFKA_PLUS_INDEXING_PLAN: plan }).indexing.planStore).toEqual({ kind: 'static', plans: plan })
    expect(loadConfig(lambda).indexing.planStore).toEqual({ kind: 'none' })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).indexing.planStore).toEqual({ kind: 'file', home: '.kafka-plus' })
  })

  it('reads the indexer function and each cluster\'s MSK ARN for the event source mappings', () => {
    const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/a1b2c3d4-0000-4000-8000-000000000001-2'
    const single = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_INDEXER_FUNCTION: 'kafka-plus-prod-Indexer', KAFKA_MSK_CLUSTER_ARN: arn })
    expect(single.indexing.indexerFunction).toBe('kafka-plus-prod-Indexer')
    expect(single.clusters[0]?.mskClusterArn).toBe(arn)
    const several = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: 'prod', brokers: ['b-1:9098'], mskClusterArn: arn }, { id: 'dev', brokers: ['b:9092'] }]) })
    expect(several.clusters.map((c) => c.mskClusterArn)).toEqual([arn, undefined])
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).indexing.indexerFunction).toBeUndefined()
  })

  it('takes a fallback admin token (local mode\'s generated one) only when KAFKA_PLUS_TOKEN is unset', () => {
    const generated = 'generated-token-0123456789'
    expect(loadConfig({}, { fallbackAdminToken: generated }).tokens).toEqual([{ name: 'admin', role: 'admin', token: generated }])
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }, { fallbackAdminToken: generated }).tokens).toEqual([{ name: 'admin', role: 'admin', token }])
  })

  it('reads tokens with scoped grants beside tokens with one role', () => {
    const grants = [{ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }, { role: 'viewer' }]
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TOKENS: JSON.stringify([{ name: 'bot', token: 'bot-token-0123456789', grants }]) })
    expect(config.tokens[1]).toEqual({ name: 'bot', token: 'bot-token-0123456789', grants })
  })

  it.each([
    ['both a role and grants', [{ name: 'x', role: 'viewer', grants: [{ role: 'viewer' }], token: '0123456789abcdef0' }], /either a role or grants/],
    ['neither', [{ name: 'x', token: '0123456789abcdef0' }], /either a role or grants/],
    ['a regex as topic pattern', [{ name: 'x', grants: [{ role: 'viewer', topics: ['(a|b)'] }], token: '0123456789abcdef0' }], /topic patterns/],
  ])('refuses a token with %s', (_label, tokens, message) => {
    expect(() => loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_TOKENS: JSON.stringify(tokens) })).toThrow(message)
  })

  it('reads single sign-on: issuer, client, scopes, the roles claim and its mapping', () => {
    const env = {
      KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_OIDC_ISSUER: 'https://login.example.com/tenant/', KAFKA_PLUS_OIDC_CLIENT_ID: 'kafka-plus',
      KAFKA_PLUS_OIDC_CLIENT_SECRET: 's3cret', KAFKA_PLUS_OIDC_NAME: 'Example SSO', KAFKA_PLUS_OIDC_ROLES_CLAIM: 'cognito:groups',
      KAFKA_PLUS_OIDC_SCOPES: 'profile email', KAFKA_PLUS_OIDC_REDIRECT_URL: 'https://kafka.example.com/api/session/oidc/callback',
      KAFKA_PLUS_OIDC_ROLES: JSON.stringify({ admins: 'admin', orders: [{ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }], '*': 'viewer' }),
    }
    expect(loadConfig(env).oidc).toEqual({
      issuer: 'https://login.example.com/tenant/', clientId: 'kafka-plus', clientSecret: 's3cret', name: 'Example SSO',
      redirectUrl: 'https://kafka.example.com/api/session/oidc/callback', scopes: ['openid', 'profile', 'email'], rolesClaim: 'cognito:groups',
      roleMapping: { admins: [{ role: 'admin' }], orders: [{ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }], '*': [{ role: 'viewer' }] },
    })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).oidc).toBeUndefined()
    const publicClient = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_OIDC_ISSUER: 'http://127.0.0.1:4000', KAFKA_PLUS_OIDC_CLIENT_ID: 'c', KAFKA_PLUS_OIDC_ROLES: '{"*":"viewer"}' }).oidc
    expect(publicClient).toMatchObject({ clientSecret: undefined, redirectUrl: undefined, scopes: ['openid', 'profile', 'email'], rolesClaim: 'groups', name: '127.0.0.1' })
  })

  it.each([
    ['plain HTTP to another host', { KAFKA_PLUS_OIDC_ISSUER: 'http://login.example.com' }, /https/],
    ['no client id', { KAFKA_PLUS_OIDC_CLIENT_ID: '' }, /CLIENT_ID/],
    ['no role mapping', { KAFKA_PLUS_OIDC_ROLES: '' }, /KAFKA_PLUS_OIDC_ROLES is needed/],
    ['an unknown role in the mapping', { KAFKA_PLUS_OIDC_ROLES: '{"x":"root"}' }, /KAFKA_PLUS_OIDC_ROLES is invalid/],
    ['a redirect URL elsewhere than the callback', { KAFKA_PLUS_OIDC_REDIRECT_URL: 'https://kafka.example.com/callback' }, /REDIRECT_URL must be/],
  ])('refuses single sign-on with %s', (_label, change, message) => {
    const env = { KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_OIDC_ISSUER: 'https://login.example.com', KAFKA_PLUS_OIDC_CLIENT_ID: 'c', KAFKA_PLUS_OIDC_ROLES: '{"*":"viewer"}', ...change }
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('keeps sessions in this process unless a table is given, and warns on Lambda without one', () => {
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).sessions).toEqual({ store: { kind: 'memory' }, cacheMs: 5_000 })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_PLAN_TABLE: 'plans' }).sessions.store).toEqual({ kind: 'dynamodb', table: 'plans' })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_PLAN_TABLE: 'plans', KAFKA_PLUS_SESSION_TABLE: 'sessions' }).sessions.store).toEqual({ kind: 'dynamodb', table: 'sessions' })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, AWS_LAMBDA_FUNCTION_NAME: 'api' }).warnings.join('\n')).toMatch(/Sessions are kept in this instance only/)
  })
})

describe('schema registries', () => {
  it('reads the single cluster\'s registry from the environment: URL with basic or bearer auth, or Glue', () => {
    const url = 'http://127.0.0.1:8081/apis/ccompat/v7'
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, SCHEMA_REGISTRY_URL: url }).clusters[0]?.schemaRegistry).toEqual({ kind: 'confluent', url })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, SCHEMA_REGISTRY_URL: url, SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'p', SCHEMA_REGISTRY_SUBJECT_STRATEGY: 'topic-record' }).clusters[0]?.schemaRegistry)
      .toEqual({ kind: 'confluent', url, auth: { kind: 'basic', username: 'u', password: 'p' }, subjectNameStrategy: 'topic-record' })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, SCHEMA_REGISTRY_URL: url, SCHEMA_REGISTRY_TOKEN: 't0k' }).clusters[0]?.schemaRegistry)
      .toEqual({ kind: 'confluent', url, auth: { kind: 'bearer', token: 't0k' } })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, GLUE_SCHEMA_REGISTRY: 'payments', AWS_REGION: 'eu-west-1' }).clusters[0]?.schemaRegistry)
      .toEqual({ kind: 'glue', region: 'eu-west-1', registryName: 'payments' })
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token, SCHEMA_REGISTRY_URL: url, SCHEMA_REGISTRY: 'off' }).clusters[0]).not.toHaveProperty('schemaRegistry')
    expect(loadConfig({ KAFKA_PLUS_TOKEN: token }).clusters[0]).not.toHaveProperty('schemaRegistry')
  })

  it('reads a registry per cluster from KAFKA_PLUS_CLUSTERS', () => {
    const clusters = [
      { id: 'a', brokers: ['h:1'], schemaRegistry: { kind: 'confluent', url: 'https://sr.example/', auth: { kind: 'bearer', token: 'x' }, subjectNameStrategy: 'record' } },
      { id: 'b', brokers: ['h:2'], schemaRegistry: { kind: 'glue', region: 'us-east-1' } },
      { id: 'c', brokers: ['h:3'] },
    ]
    const config = loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: JSON.stringify(clusters) })
    expect(config.clusters.map((c) => c.schemaRegistry)).toEqual([clusters[0]?.schemaRegistry, clusters[1]?.schemaRegistry, undefined])
  })

  it('refuses registries it cannot use, naming the setting', () => {
    const bad = (schemaRegistry: unknown) => () => loadConfig({ KAFKA_PLUS_TOKEN: token, KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: 'a', brokers: ['h:1'], schemaRegistry }]) })
    expect(bad({ kind: 'confluent', url: 'ftp://sr.example' })).toThrow(/0\.schemaRegistry\.url/)
    expect(bad({ kind: 'confluent', url: 'https://sr.example', subjectNameStrategy: 'by-topic' })).toThrow(/subjectNameStrategy/)
    expect(bad({ kind: 'confluent', url: 'https://sr.example', auth: { kind: 'basic', password: 'p' } })).toThrow(/auth\.username/)
    expect(bad({ kind: 'glue' })).toThrow(/region/)
    expect(bad({ kind: 'other' })).toThrow(AppError)
    expect(() => loadConfig({ KAFKA_PLUS_TOKEN: token, SCHEMA_REGISTRY_URL: 'not a url' })).toThrow(/schemaRegistry\.url/)
  })
})
