// Configuration from the environment (and an optional clusters file), read once by each entry
// point; the one module that reads process.env. Pure otherwise, so it is unit-testable.
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import * as z from 'zod/mini'
import './zod.ts'
import { configError } from './errors.ts'
import { roles, type Role } from './auth/roles.ts'
import { grantListSchema, type Grant } from './auth/grants.ts'
import { defaultVectorDir } from './vector/writer.ts'

const saslSchema = z.discriminatedUnion('mechanism', [
  z.object({
    mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']),
    username: z.string().check(z.minLength(1)),
    password: z.string().check(z.minLength(1)),
  }),
  // MSK IAM: OAUTHBEARER with a token signed from the function's AWS credentials.
  z.object({ mechanism: z.literal('AWS_MSK_IAM'), region: z.string().check(z.minLength(1)) }),
])

const tlsSchema = z.union([
  z.boolean(),
  z.object({
    ca: z.optional(z.string()),
    rejectUnauthorized: z.optional(z.boolean()),
    servername: z.optional(z.string()),
  }),
])

const registryAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('basic'), username: z.string().check(z.minLength(1)), password: z.string() }),
  z.object({ kind: z.literal('bearer'), token: z.string().check(z.minLength(1)) }),
])

/** How a topic's records map to registry subjects (Confluent's TopicNameStrategy and the two others). */
export const subjectNameStrategies = ['topic', 'record', 'topic-record'] as const

/**
 * A cluster's schema registry: a Confluent-compatible one (Confluent, Apicurio's ccompat API,
 * Redpanda, Karapace) or AWS Glue Schema Registry (through the function's IAM role).
 */
export const schemaRegistrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('confluent'),
    url: z.url({ protocol: /^https?$/, error: 'the schema registry url must be http(s)://…' }),
    auth: z.optional(registryAuthSchema),
    subjectNameStrategy: z.optional(z.enum(subjectNameStrategies)),
  }),
  z.object({
    kind: z.literal('glue'),
    region: z.string().check(z.minLength(1)),
    registryName: z.optional(z.string().check(z.minLength(1))),
    subjectNameStrategy: z.optional(z.enum(subjectNameStrategies)),
  }),
])
export type SchemaRegistryConfig = z.output<typeof schemaRegistrySchema>

export const clusterSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'cluster ids are lower-case letters, digits, - and _')),
  name: z.optional(z.string().check(z.minLength(1))),
  brokers: z.array(z.string().check(z.regex(/^[^\s:]+:\d{1,5}$/, 'brokers are host:port'))).check(z.minLength(1)),
  tls: z.optional(tlsSchema),
  sasl: z.optional(saslSchema),
  /** MSK: the cluster's ARN, which the indexer's event source mappings name as their source. */
  mskClusterArn: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/, 'mskClusterArn is an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)'))),
  schemaRegistry: z.optional(schemaRegistrySchema),
})

export type ClusterConfigInput = z.input<typeof clusterSchema>
export interface ClusterConfig extends Omit<z.output<typeof clusterSchema>, 'name'> {
  name: string
}

const tokenSchema = z.object({
  name: z.string().check(z.minLength(1)),
  /** One role everywhere; or `grants`, roles scoped to clusters and topics (core/auth/grants.ts). */
  role: z.optional(z.enum(roles)),
  grants: z.optional(grantListSchema),
  token: z.string().check(z.minLength(16, 'tokens must be at least 16 characters')),
}).check(z.refine((t) => (t.role === undefined) !== (t.grants === undefined), 'give a token either a role or grants'))
export type TokenConfig = z.output<typeof tokenSchema>

/**
 * Sign-in with the organisation's OpenID Connect provider (authorization code + PKCE). Roles come
 * from a claim of the ID token (or the userinfo answer), e.g. `groups` or `cognito:groups`,
 * through `roleMapping`: claim value → grants, `*` for everyone who signs in.
 */
export interface OidcConfig {
  issuer: string
  clientId: string
  /** Unset: a public client (PKCE only). */
  clientSecret: string | undefined
  /** Where the provider sends the browser back; unset: derived from the request (see routes/session.ts). */
  redirectUrl: string | undefined
  scopes: string[]
  /** The provider's name on the sign-in button. */
  name: string
  rolesClaim: string
  roleMapping: Record<string, Grant[]>
}

/** Where sessions live: this process (local mode), or the plan table on AWS, shared by every instance. */
export type SessionStoreConfig = { kind: 'memory' } | { kind: 'dynamodb'; table: string }

export interface SessionsConfig {
  store: SessionStoreConfig
  /** How long an instance may go on trusting a session it found (bounds revocation staleness). */
  cacheMs: number
}

export interface AppConfig {
  clusters: ClusterConfig[]
  victoriaLogsUrl: string
  tokens: TokenConfig[]
  /** Key for signing session cookies. */
  sessionSecret: string
  sessions: SessionsConfig
  /** Single sign-on; undefined when no provider is configured. */
  oidc: OidcConfig | undefined
  /** HMAC key of the audit chain: KAFKA_PLUS_AUDIT_KEY, else derived from the session secret. */
  auditKey: string
  /** Extra request-origin allowed to send cookie-authenticated mutations (e.g. a CDN domain). */
  allowedOrigins: string[]
  /** Live-tail streams end themselves after this, before the Lambda limit; clients reconnect. */
  tailMaxDurationMs: number
  /** Proxies in front whose X-Forwarded-For/-Host/-Proto are believed (KAFKA_PLUS_TRUST_PROXY); 0: none. */
  trustedProxies: number
  /** Problems that do not stop the server but deserve a line at start-up (e.g. short tokens). */
  warnings: string[]
  /** On Lambda: live-tail streams end themselves (with their resume token) inside its response-streaming limits. */
  tailStreamLimits: TailStreamLimits | undefined
  /** Local data (KAFKA_PLUS_HOME): indexing plans, the local stack's files. */
  home: string
  indexing: IndexingConfig
  /** On AWS, the sampler function "sample now" invokes (unset: the sample runs in this process). */
  samplerFunctionName: string | undefined
  /** Local mode (`npm start`) only. */
  local: LocalModeConfig
  /** Storage analysis: how much history a forecast needs, and the storage price for costs. */
  storage: StorageConfig
  alerts: AlertsConfig
}

/**
 * Alert rules, their dedupe state and history: a DynamoDB table (KAFKA_PLUS_ALERTS_TABLE, the
 * stack's), files under the home directory (local mode), memory (tests), or none on Lambda without a table.
 */
export type AlertStoreConfig = { kind: 'file'; home: string } | { kind: 'dynamodb'; table: string } | { kind: 'memory' } | { kind: 'none' }

export interface AlertsConfig {
  store: AlertStoreConfig
  /** The SNS topic alerts may be published to (on AWS the stack's); unset: no SNS destination. */
  snsTopicArn: string | undefined
  /** Per webhook attempt, and how many attempts. */
  webhookTimeoutMs: number
  webhookAttempts: number
}

function loadAlerts(env: Env, home: string): AlertsConfig {
  const table = env.KAFKA_PLUS_ALERTS_TABLE?.trim()
  const store: AlertStoreConfig = table ? { kind: 'dynamodb', table }
    : env.KAFKA_PLUS_ALERTS_STORE === 'memory' ? { kind: 'memory' }
      : runsOnLambda(env) ? { kind: 'none' } : { kind: 'file', home }
  const arn = env.KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN?.trim()
  if (arn && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(arn)) throw configError('KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN is not an SNS topic ARN.')
  return {
    store,
    snsTopicArn: arn || undefined,
    webhookTimeoutMs: positiveNumber(env.KAFKA_PLUS_ALERTS_WEBHOOK_TIMEOUT_MS, 5_000, 'KAFKA_PLUS_ALERTS_WEBHOOK_TIMEOUT_MS', 100),
    webhookAttempts: Math.min(10, Math.floor(positiveNumber(env.KAFKA_PLUS_ALERTS_WEBHOOK_ATTEMPTS, 3, 'KAFKA_PLUS_ALERTS_WEBHOOK_ATTEMPTS', 1))),
  }
}

export interface StorageConfig {
  /** A forecast needs at least this much history (span and samples) before it extrapolates a rate. */
  forecastMinSpanMs: number
  forecastMinSamples: number
  price: { perGbMonth: number; currency: string; source: string }
}

/**
 * MSK Provisioned, standard brokers: broker storage in US East (N. Virginia) is $0.10 per GB-month
 * on AWS's MSK pricing page (https://aws.amazon.com/msk/pricing/), as of 2025.
 */
export const defaultStoragePrice = { perGbMonth: 0.1, currency: 'USD', source: 'MSK standard broker storage, us-east-1 (aws.amazon.com/msk/pricing, as of 2025)' }

function positiveNumber(value: string | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < min) throw configError(`${name} must be a number of at least ${min}, not '${value}'.`)
  return n
}

function loadStorage(env: Env): StorageConfig {
  const customPrice = env.KAFKA_PLUS_STORAGE_PRICE_GB_MONTH !== undefined && env.KAFKA_PLUS_STORAGE_PRICE_GB_MONTH.trim() !== ''
  return {
    forecastMinSpanMs: positiveNumber(env.KAFKA_PLUS_FORECAST_MIN_HISTORY_MS, 86_400_000, 'KAFKA_PLUS_FORECAST_MIN_HISTORY_MS'),
    forecastMinSamples: positiveNumber(env.KAFKA_PLUS_FORECAST_MIN_SAMPLES, 12, 'KAFKA_PLUS_FORECAST_MIN_SAMPLES', 2),
    price: {
      perGbMonth: positiveNumber(env.KAFKA_PLUS_STORAGE_PRICE_GB_MONTH, defaultStoragePrice.perGbMonth, 'KAFKA_PLUS_STORAGE_PRICE_GB_MONTH'),
      currency: env.KAFKA_PLUS_STORAGE_CURRENCY?.trim() || defaultStoragePrice.currency,
      source: env.KAFKA_PLUS_STORAGE_PRICE_SOURCE?.trim() || (customPrice ? 'configured (KAFKA_PLUS_STORAGE_PRICE_GB_MONTH)' : defaultStoragePrice.source),
    },
  }
}

/**
 * Lambda streams a response at most 200 MB long, and at 2 MB/s once the first 6 MB are out; these
 * stay inside both with a margin (a stream that would cross one ends and the browser reconnects).
 */
export interface TailStreamLimits {
  maxBytes: number
  burstBytes: number
  bytesPerSec: number
}

const lambdaStreamLimits: TailStreamLimits = { maxBytes: 180 * 1024 * 1024, burstBytes: 5 * 1024 * 1024, bytesPerSec: 1.5 * 1024 * 1024 }

/**
 * Where indexing plans are kept: a DynamoDB table (KAFKA_PLUS_PLAN_TABLE, wherever it is set),
 * files under the home directory (local mode), or fixed by the deployment (KAFKA_PLUS_INDEXING_PLAN,
 * read-only). On Lambda with neither there is no store ('none'): its disk is read-only and not shared.
 */
export type PlanStoreConfig =
  | { kind: 'file'; home: string }
  | { kind: 'static'; plans: string }
  | { kind: 'dynamodb'; table: string }
  | { kind: 'none' }

export interface IndexingConfig {
  planStore: PlanStoreConfig
  /** Local mode runs the built-in indexer (KAFKA_PLUS_INDEXER=off: Vector alone indexes). */
  builtinIndexer: boolean
  /** Where local mode writes the generated Vector configs. */
  vectorDir: string
  /** VictoriaLogs as Vector reaches it (another host, a container), written into those configs. */
  vectorVictoriaLogsUrl: string
  /** MSK indexer Lambda: the configured cluster its event source mapping reads (unset: the only one). */
  lambdaCluster: string | undefined
  /** MSK indexer Lambda: write attempts before the batch is failed back to the mapping. */
  lambdaAttempts: number
  /** The indexer function the API creates MSK event source mappings for (unset: no mappings are managed). */
  indexerFunction: string | undefined
}

export interface LocalModeConfig {
  port: number
  host: string
  /** Disk sampler period; 0 turns the local timer off. */
  sampleIntervalMs: number
}

type Env = Record<string, string | undefined>

export const defaultLocalBrokers = '127.0.0.1:9092'
export const defaultVictoriaLogsUrl = 'http://127.0.0.1:9428'
export const defaultHome = '.kafka-plus'

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error: unknown) {
    throw configError(`${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw configError(`${what} is invalid: ${detail}`)
  }
  return result.data
}

function clustersFromEnv(env: Env): unknown[] {
  const mechanism = env.KAFKA_SASL_MECHANISM
  const sasl = !mechanism
    ? undefined
    : mechanism === 'AWS_MSK_IAM'
      ? { mechanism, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION }
      : { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
  const tls = env.KAFKA_TLS === undefined ? undefined : ['1', 'true', 'yes'].includes(env.KAFKA_TLS.toLowerCase())
  const schemaRegistry = schemaRegistryFromEnv(env)
  return [{
    id: env.KAFKA_CLUSTER_ID ?? 'local',
    name: env.KAFKA_CLUSTER_NAME,
    brokers: (env.KAFKA_BROKERS ?? defaultLocalBrokers).split(',').map((b) => b.trim()).filter(Boolean),
    ...(tls === undefined ? {} : { tls: tls || sasl?.mechanism === 'AWS_MSK_IAM' }),
    ...(sasl ? { sasl } : {}),
    ...(env.KAFKA_MSK_CLUSTER_ARN ? { mskClusterArn: env.KAFKA_MSK_CLUSTER_ARN } : {}),
    ...(schemaRegistry ? { schemaRegistry } : {}),
  }]
}

/** The single (environment-built) cluster's registry: SCHEMA_REGISTRY_URL, or a Glue registry by name. */
function schemaRegistryFromEnv(env: Env): unknown {
  if (env.SCHEMA_REGISTRY === 'off') return undefined
  const subjectNameStrategy = env.SCHEMA_REGISTRY_SUBJECT_STRATEGY || undefined
  const strategy = subjectNameStrategy ? { subjectNameStrategy } : {}
  if (env.SCHEMA_REGISTRY_URL) {
    const auth = env.SCHEMA_REGISTRY_TOKEN ? { kind: 'bearer', token: env.SCHEMA_REGISTRY_TOKEN }
      : env.SCHEMA_REGISTRY_USERNAME ? { kind: 'basic', username: env.SCHEMA_REGISTRY_USERNAME, password: env.SCHEMA_REGISTRY_PASSWORD ?? '' }
        : undefined
    return { kind: 'confluent', url: env.SCHEMA_REGISTRY_URL, ...(auth ? { auth } : {}), ...strategy }
  }
  if (env.GLUE_SCHEMA_REGISTRY) {
    return { kind: 'glue', region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION, registryName: env.GLUE_SCHEMA_REGISTRY, ...strategy }
  }
  return undefined
}

export function loadClusters(env: Env, readText: (path: string) => string = (p) => readFileSync(p, 'utf8')): ClusterConfig[] {
  let raw: unknown
  if (env.KAFKA_PLUS_CLUSTERS) raw = parseJson(env.KAFKA_PLUS_CLUSTERS, 'KAFKA_PLUS_CLUSTERS')
  else if (env.KAFKA_PLUS_CLUSTERS_FILE) raw = parseJson(readText(env.KAFKA_PLUS_CLUSTERS_FILE), `the clusters file ${env.KAFKA_PLUS_CLUSTERS_FILE}`)
  else raw = clustersFromEnv(env)
  const list = parseWith(z.array(clusterSchema).check(z.minLength(1, 'at least one cluster is needed')), raw, 'The cluster configuration')
  const seen = new Set<string>()
  for (const cluster of list) {
    if (seen.has(cluster.id)) throw configError(`The cluster id '${cluster.id}' is used twice.`)
    seen.add(cluster.id)
  }
  return list.map((c) => ({ ...c, name: c.name ?? c.id }))
}

export function loadTokens(env: Env): TokenConfig[] {
  const tokens: TokenConfig[] = []
  if (env.KAFKA_PLUS_TOKEN) tokens.push(parseWith(tokenSchema, { name: 'admin', role: 'admin' satisfies Role, token: env.KAFKA_PLUS_TOKEN }, 'KAFKA_PLUS_TOKEN'))
  if (env.KAFKA_PLUS_TOKENS) tokens.push(...parseWith(z.array(tokenSchema), parseJson(env.KAFKA_PLUS_TOKENS, 'KAFKA_PLUS_TOKENS'), 'KAFKA_PLUS_TOKENS'))
  return tokens
}

function victoriaLogsUrl(value: string, what: string): string {
  try {
    return new URL(value).href.replace(/\/+$/, '')
  } catch {
    throw configError(`${what} is not a URL: '${value}'.`)
  }
}

const roleMappingSchema = z.record(z.string().check(z.minLength(1), z.maxLength(256)), z.union([z.enum(roles), grantListSchema]))

export const oidcCallbackPath = '/api/session/oidc/callback'

function absoluteUrl(value: string, what: string): URL {
  try {
    return new URL(value)
  } catch {
    throw configError(`${what} is not a URL: '${value}'.`)
  }
}

export function loadOidc(env: Env): OidcConfig | undefined {
  const issuerText = env.KAFKA_PLUS_OIDC_ISSUER?.trim()
  if (!issuerText) return undefined
  const issuer = absoluteUrl(issuerText, 'KAFKA_PLUS_OIDC_ISSUER')
  // Plain HTTP only to this machine (a provider started by tests or for development).
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && loopback)) throw configError('KAFKA_PLUS_OIDC_ISSUER must be an https URL.')
  const clientId = env.KAFKA_PLUS_OIDC_CLIENT_ID?.trim()
  if (!clientId) throw configError('KAFKA_PLUS_OIDC_CLIENT_ID is needed with KAFKA_PLUS_OIDC_ISSUER.')
  if (!env.KAFKA_PLUS_OIDC_ROLES) throw configError('KAFKA_PLUS_OIDC_ROLES is needed with KAFKA_PLUS_OIDC_ISSUER: which claim values give which roles, e.g. {"kafka-admins":"admin","*":"viewer"}.')
  const mapping = parseWith(roleMappingSchema, parseJson(env.KAFKA_PLUS_OIDC_ROLES, 'KAFKA_PLUS_OIDC_ROLES'), 'KAFKA_PLUS_OIDC_ROLES')
  const redirect = env.KAFKA_PLUS_OIDC_REDIRECT_URL?.trim()
  if (redirect) {
    const url = absoluteUrl(redirect, 'KAFKA_PLUS_OIDC_REDIRECT_URL')
    if (url.pathname !== oidcCallbackPath || url.search || url.hash) throw configError(`KAFKA_PLUS_OIDC_REDIRECT_URL must be <origin>${oidcCallbackPath}.`)
  }
  const scopes = (env.KAFKA_PLUS_OIDC_SCOPES ?? 'openid profile email').split(/[\s,]+/).filter(Boolean)
  if (!scopes.includes('openid')) scopes.unshift('openid')
  return {
    // The issuer is compared with the ID token's iss character for character: keep it as written.
    issuer: issuerText,
    clientId,
    clientSecret: env.KAFKA_PLUS_OIDC_CLIENT_SECRET || undefined,
    redirectUrl: redirect || undefined,
    scopes,
    name: env.KAFKA_PLUS_OIDC_NAME?.trim() || issuer.hostname,
    rolesClaim: env.KAFKA_PLUS_OIDC_ROLES_CLAIM?.trim() || 'groups',
    roleMapping: Object.fromEntries(Object.entries(mapping).map(([value, grants]) => [value, typeof grants === 'string' ? [{ role: grants }] : grants])),
  }
}

function loadSessions(env: Env): SessionsConfig {
  const table = env.KAFKA_PLUS_SESSION_TABLE || env.KAFKA_PLUS_PLAN_TABLE
  return {
    store: table ? { kind: 'dynamodb', table } : { kind: 'memory' },
    cacheMs: Number(env.KAFKA_PLUS_SESSION_CACHE_MS ?? 5_000),
  }
}

/** Tokens shorter than this still work (existing deployments) but are reported at start-up. */
export const recommendedTokenLength = 32

function parseTrustedProxies(value: string | undefined): number {
  const text = (value ?? '').trim().toLowerCase()
  if (text === '' || text === 'false' || text === '0') return 0
  if (text === 'true') return 1
  if (/^[1-9]$/.test(text)) return Number(text)
  throw configError(`KAFKA_PLUS_TRUST_PROXY must be true, false or the number of proxies in front (1-9), not '${value}'.`)
}

/** Lambda sets AWS_LAMBDA_FUNCTION_NAME in every function's environment. */
export const runsOnLambda = (env: Env) => Boolean(env.AWS_LAMBDA_FUNCTION_NAME)

function planStoreConfig(env: Env, home: string): PlanStoreConfig {
  if (env.KAFKA_PLUS_PLAN_TABLE) return { kind: 'dynamodb', table: env.KAFKA_PLUS_PLAN_TABLE }
  if (env.KAFKA_PLUS_INDEXING_PLAN) return { kind: 'static', plans: env.KAFKA_PLUS_INDEXING_PLAN }
  return runsOnLambda(env) ? { kind: 'none' } : { kind: 'file', home }
}

export interface LoadOptions {
  /** Reads KAFKA_PLUS_CLUSTERS_FILE (tests stand in for the file system). */
  readText?: (path: string) => string
  /** Local mode: the admin token to use when KAFKA_PLUS_TOKEN is not set (it prints it). */
  fallbackAdminToken?: string
}

export function loadConfig(env: Env = process.env, { readText, fallbackAdminToken }: LoadOptions = {}): AppConfig {
  if (!env.KAFKA_PLUS_TOKEN && fallbackAdminToken) env = { ...env, KAFKA_PLUS_TOKEN: fallbackAdminToken }
  const tokens = loadTokens(env)
  if (tokens.length === 0) throw configError('No access token is configured: set KAFKA_PLUS_TOKEN (or KAFKA_PLUS_TOKENS).')
  // Without an explicit secret, sessions are signed with a key derived from the tokens, so
  // rotating the tokens also ends every session.
  const sessionSecret = env.KAFKA_PLUS_SESSION_SECRET
    ?? createHash('sha256').update('kafka-plus-session\0').update(tokens.map((t) => t.token).join('\0')).digest('hex')
  // A key of its own keeps the audit chain verifiable across session-secret and token rotations;
  // derived, rotating those makes older records read as forged.
  if (env.KAFKA_PLUS_AUDIT_KEY !== undefined && env.KAFKA_PLUS_AUDIT_KEY.length < 32) throw configError('KAFKA_PLUS_AUDIT_KEY must be at least 32 characters.')
  const auditKey = env.KAFKA_PLUS_AUDIT_KEY ?? createHash('sha256').update('kafka-plus-audit\0').update(sessionSecret).digest('hex')
  const logsUrl = victoriaLogsUrl(env.VICTORIALOGS_URL ?? defaultVictoriaLogsUrl, 'VICTORIALOGS_URL')
  const home = env.KAFKA_PLUS_HOME ?? defaultHome
  const sessions = loadSessions(env)
  const onLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME)
  return {
    clusters: loadClusters(env, readText),
    victoriaLogsUrl: logsUrl,
    tokens,
    sessionSecret,
    sessions,
    oidc: loadOidc(env),
    auditKey,
    allowedOrigins: (env.KAFKA_PLUS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    // On Lambda a stream ends well inside the function timeout: an abandoned tab costs at most this.
    tailMaxDurationMs: Number(env.KAFKA_PLUS_TAIL_MAX_MS ?? (onLambda ? 120_000 : 5 * 60_000)),
    tailStreamLimits: onLambda ? lambdaStreamLimits : undefined,
    home,
    indexing: {
      planStore: planStoreConfig(env, home),
      builtinIndexer: (env.KAFKA_PLUS_INDEXER ?? 'on') !== 'off',
      vectorDir: env.KAFKA_PLUS_VECTOR_DIR ?? defaultVectorDir,
      vectorVictoriaLogsUrl: env.KAFKA_PLUS_VECTOR_VICTORIALOGS_URL ?? logsUrl,
      lambdaCluster: env.KAFKA_PLUS_INDEXER_CLUSTER || undefined,
      lambdaAttempts: Number(env.KAFKA_PLUS_INDEXER_ATTEMPTS ?? 4),
      indexerFunction: env.KAFKA_PLUS_INDEXER_FUNCTION || undefined,
    },
    samplerFunctionName: env.SAMPLER_FUNCTION_NAME || undefined,
    local: {
      port: Number(env.PORT ?? 8080),
      host: env.HOST ?? '127.0.0.1',
      sampleIntervalMs: Number(env.KAFKA_PLUS_SAMPLE_INTERVAL_MS ?? 5 * 60_000),
    },
    trustedProxies: parseTrustedProxies(env.KAFKA_PLUS_TRUST_PROXY),
    storage: loadStorage(env),
    alerts: loadAlerts(env, home),
    warnings: [
      ...tokens.filter((t) => t.token.length < recommendedTokenLength)
        .map((t) => `The token of '${t.name}' has ${t.token.length} characters; use at least ${recommendedTokenLength} random ones (e.g. openssl rand -base64 32).`),
      // Lambda instances share no memory: sessions kept in one are unknown to the others.
      ...(runsOnLambda(env) && sessions.store.kind === 'memory'
        ? ['Sessions are kept in this instance only: set KAFKA_PLUS_PLAN_TABLE (or KAFKA_PLUS_SESSION_TABLE) so every instance shares them.'] : []),
    ],
  }
}
