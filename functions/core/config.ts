// Configuration from the environment (and an optional clusters file), read once by each entry
// point; the one module that reads process.env. Pure otherwise, so it is unit-testable.
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import * as z from 'zod/mini'
import './zod.ts'
import { configError } from './errors.ts'
import { roles, type Role } from './auth/roles.ts'
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

export const clusterSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'cluster ids are lower-case letters, digits, - and _')),
  name: z.optional(z.string().check(z.minLength(1))),
  brokers: z.array(z.string().check(z.regex(/^[^\s:]+:\d{1,5}$/, 'brokers are host:port'))).check(z.minLength(1)),
  tls: z.optional(tlsSchema),
  sasl: z.optional(saslSchema),
})

export type ClusterConfigInput = z.input<typeof clusterSchema>
export interface ClusterConfig extends Omit<z.output<typeof clusterSchema>, 'name'> {
  name: string
}

const tokenSchema = z.object({
  name: z.string().check(z.minLength(1)),
  role: z.enum(roles),
  token: z.string().check(z.minLength(16, 'tokens must be at least 16 characters')),
})
export type TokenConfig = z.output<typeof tokenSchema>

export interface AppConfig {
  clusters: ClusterConfig[]
  victoriaLogsUrl: string
  tokens: TokenConfig[]
  /** Key for signing session cookies. */
  sessionSecret: string
  /** Extra request-origin allowed to send cookie-authenticated mutations (e.g. a CDN domain). */
  allowedOrigins: string[]
  /** Live-tail streams end themselves after this, before the Lambda limit; clients reconnect. */
  tailMaxDurationMs: number
  /** On Lambda: live-tail streams end themselves (with their resume token) inside its response-streaming limits. */
  tailStreamLimits: TailStreamLimits | undefined
  /** Local data (KAFKA_PLUS_HOME): indexing plans, the local stack's files. */
  home: string
  indexing: IndexingConfig
  /** On AWS, the sampler function "sample now" invokes (unset: the sample runs in this process). */
  samplerFunctionName: string | undefined
  /** Local mode (`npm start`) only. */
  local: LocalModeConfig
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
 * Where indexing plans are kept: files under the home directory (local mode), or fixed by the
 * deployment (KAFKA_PLUS_INDEXING_PLAN, read-only). Another store is one more kind here.
 */
export type PlanStoreConfig =
  | { kind: 'file'; home: string }
  | { kind: 'static'; plans: string }

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
  return [{
    id: env.KAFKA_CLUSTER_ID ?? 'local',
    name: env.KAFKA_CLUSTER_NAME,
    brokers: (env.KAFKA_BROKERS ?? defaultLocalBrokers).split(',').map((b) => b.trim()).filter(Boolean),
    ...(tls === undefined ? {} : { tls: tls || sasl?.mechanism === 'AWS_MSK_IAM' }),
    ...(sasl ? { sasl } : {}),
  }]
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
  const logsUrl = victoriaLogsUrl(env.VICTORIALOGS_URL ?? defaultVictoriaLogsUrl, 'VICTORIALOGS_URL')
  const home = env.KAFKA_PLUS_HOME ?? defaultHome
  const onLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME)
  return {
    clusters: loadClusters(env, readText),
    victoriaLogsUrl: logsUrl,
    tokens,
    sessionSecret,
    allowedOrigins: (env.KAFKA_PLUS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    // On Lambda a stream ends well inside the function timeout: an abandoned tab costs at most this.
    tailMaxDurationMs: Number(env.KAFKA_PLUS_TAIL_MAX_MS ?? (onLambda ? 120_000 : 5 * 60_000)),
    tailStreamLimits: onLambda ? lambdaStreamLimits : undefined,
    home,
    indexing: {
      planStore: env.KAFKA_PLUS_INDEXING_PLAN ? { kind: 'static', plans: env.KAFKA_PLUS_INDEXING_PLAN } : { kind: 'file', home },
      builtinIndexer: (env.KAFKA_PLUS_INDEXER ?? 'on') !== 'off',
      vectorDir: env.KAFKA_PLUS_VECTOR_DIR ?? defaultVectorDir,
      vectorVictoriaLogsUrl: env.KAFKA_PLUS_VECTOR_VICTORIALOGS_URL ?? logsUrl,
      lambdaCluster: env.KAFKA_PLUS_INDEXER_CLUSTER || undefined,
      lambdaAttempts: Number(env.KAFKA_PLUS_INDEXER_ATTEMPTS ?? 4),
    },
    samplerFunctionName: env.SAMPLER_FUNCTION_NAME || undefined,
    local: {
      port: Number(env.PORT ?? 8080),
      host: env.HOST ?? '127.0.0.1',
      sampleIntervalMs: Number(env.KAFKA_PLUS_SAMPLE_INTERVAL_MS ?? 5 * 60_000),
    },
  }
}
