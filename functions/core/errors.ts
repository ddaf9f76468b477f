// Typed errors with a stable `code`; the HTTP edge maps them to problem+json (functions/api/problem.ts).
// This module imports nothing: the web type-checks against ErrorCode (through functions/contract/).

/**
 * Every code a problem document can carry, and so every code the web may switch on. A new code is
 * added here first; a component testing for a code not listed here does not compile.
 */
export type ErrorCode =
  // 400
  | 'INVALID_INPUT'
  | 'INVALID_QUERY'
  | 'INVALID_TOPIC_CONFIG'
  | 'CONFIRMATION_REQUIRED'
  | 'SEARCH_RANGE_TOO_LARGE'
  | 'POLICY_VIOLATION'
  | 'SCHEMA_MISMATCH'
  | 'RECORD_TOO_LARGE'
  // 401, 403
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CROSS_SITE_REQUEST'
  | 'KAFKA_NOT_AUTHORIZED'
  // 404
  | 'NOT_FOUND'
  | 'CLUSTER_NOT_FOUND'
  | 'TOPIC_NOT_FOUND'
  | 'GROUP_NOT_FOUND'
  | 'NOT_IN_PLAN'
  | 'STORAGE_NO_DATA'
  // 409, 413, 429
  | 'TOPIC_EXISTS'
  | 'GROUP_NOT_EMPTY'
  | 'PLAN_READ_ONLY'
  | 'VECTOR_UNSUPPORTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  // 5xx
  | 'INTERNAL'
  | 'CONFIG_INVALID'
  | 'KAFKA_UNSUPPORTED'
  | 'KAFKA_ERROR'
  | 'KAFKA_AUTH_FAILED'
  | 'KAFKA_UNAVAILABLE'
  | 'LOGS_ERROR'
  | 'LOGS_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'SAMPLER_NOT_CONFIGURED'
  | 'SAMPLER_INVOKE_FAILED'
  | 'AUDIT_UNAVAILABLE'
  | 'LOGS_RESTARTED'
  // the indexing plan store and, on AWS, the MSK event source mappings
  | 'PLAN_CONFLICT'
  | 'PLAN_STORE_NOT_CONFIGURED'
  | 'PLAN_STORE_UNAVAILABLE'
  | 'MSK_CLUSTER_ARN_REQUIRED'
  | 'MAPPING_BUSY'
  | 'MAPPING_THROTTLED'
  | 'MAPPING_FAILED'
  // sessions and single sign-on
  | 'SESSION_NOT_FOUND'
  | 'SESSION_STORE_UNAVAILABLE'
  | 'SSO_NOT_CONFIGURED'
  | 'SSO_PROVIDER_UNAVAILABLE'
  | 'SSO_FAILED'
  | 'SSO_INVALID_ID_TOKEN'
  | 'SSO_NO_ROLE'
  // schema registries
  | 'SCHEMA_REGISTRY_NOT_CONFIGURED'
  | 'SCHEMA_REGISTRY_UNAVAILABLE'
  | 'SCHEMA_REGISTRY_ERROR'
  | 'SUBJECT_NOT_FOUND'
  | 'SCHEMA_NOT_FOUND'
  // alerts
  | 'ALERT_RULE_NOT_FOUND'
  | 'ALERT_STORE_NOT_CONFIGURED'
  | 'ALERT_STORE_UNAVAILABLE'

/** Machine-readable fields a problem document may carry besides the basics (never secrets, never stacks). */
export interface ProblemExtras {
  /** INVALID_INPUT from validation, SCHEMA_MISMATCH from produce: every issue, by path. */
  issues?: { path: string; message: string }[]
  /** GROUP_NOT_EMPTY: the members that must stop first. */
  members?: { memberId: string; clientId: string; host: string }[]
  /** INVALID_TOPIC_CONFIG: each rule broken. */
  problems?: string[]
  /** PAYLOAD_TOO_LARGE: the route's cap; RECORD_TOO_LARGE: the topic's max.message.bytes. */
  limitBytes?: number
  /** TOO_MANY_REQUESTS: also sent as Retry-After. */
  retryAfterSeconds?: number
  /** The Kafka protocol error behind a mapped code (e.g. TOPIC_ALREADY_EXISTS); kept on 5xx too. */
  kafkaError?: string
}

export interface AppErrorOptions {
  status: number
  retryable?: boolean
  cause?: unknown
  /** Extra fields for the problem document. */
  extra?: ProblemExtras
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly retryable: boolean
  readonly extra: ProblemExtras | undefined

  constructor(code: ErrorCode, message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = options.status
    this.retryable = options.retryable ?? false
    this.extra = options.extra
  }
}

export const invalidInput = (message: string, issues?: ProblemExtras['issues']) =>
  new AppError('INVALID_INPUT', message, { status: 400, extra: issues ? { issues } : undefined })

export const unauthenticated = (message = 'A valid access token or session is required.') =>
  new AppError('UNAUTHENTICATED', message, { status: 401 })

export const forbidden = (message: string) => new AppError('FORBIDDEN', message, { status: 403 })

export const crossSiteRefused = () =>
  new AppError('CROSS_SITE_REQUEST', 'Cross-site requests may not change anything.', { status: 403 })

export const payloadTooLarge = (limitBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The request body is too large: this route takes at most ${Math.round(limitBytes / 1024)} KiB.`, { status: 413, extra: { limitBytes } })

/** `retryAfterSeconds` also becomes the Retry-After header (see api/problem.ts). */
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('TOO_MANY_REQUESTS', message, { status: 429, retryable: true, extra: { retryAfterSeconds } })

export const clusterNotFound = (id: string) =>
  new AppError('CLUSTER_NOT_FOUND', `No cluster with id '${id}' is configured.`, { status: 404 })

export const topicNotFound = (topic: string) =>
  new AppError('TOPIC_NOT_FOUND', `Topic '${topic}' does not exist.`, { status: 404 })

export const routeNotFound = (path: string) =>
  new AppError('NOT_FOUND', `No route for ${path}.`, { status: 404 })

export const kafkaUnavailable = (message: string, cause?: unknown) =>
  new AppError('KAFKA_UNAVAILABLE', message, { status: 503, retryable: true, cause })

export const logsUnavailable = (message: string, cause?: unknown) =>
  new AppError('LOGS_UNAVAILABLE', message, { status: 503, retryable: true, cause })

export const schemaRegistryNotConfigured = (cluster: string) =>
  new AppError('SCHEMA_REGISTRY_NOT_CONFIGURED', `Cluster '${cluster}' has no schema registry configured.`, { status: 404 })

export const schemaRegistryUnavailable = (message: string, cause?: unknown) =>
  new AppError('SCHEMA_REGISTRY_UNAVAILABLE', message, { status: 503, retryable: true, cause })

/** The registry answered with an error of its own (5xx, or a 4xx this product did not expect). */
export const schemaRegistryError = (message: string, status: number, cause?: unknown) =>
  new AppError('SCHEMA_REGISTRY_ERROR', message, { status: 502, retryable: status >= 500, cause })

export const subjectNotFound = (subject: string) =>
  new AppError('SUBJECT_NOT_FOUND', `The schema registry has no subject '${subject}'.`, { status: 404 })

export const schemaNotFound = (what: string) =>
  new AppError('SCHEMA_NOT_FOUND', `The schema registry has no schema ${what}.`, { status: 404 })

/** Produce: a key or value does not fit its schema; `issues` name each field path. Nothing was sent. */
export const schemaMismatch = (message: string, issues: NonNullable<ProblemExtras['issues']>) =>
  new AppError('SCHEMA_MISMATCH', message, { status: 400, extra: { issues } })

/** Produce: a record larger than the topic's max.message.bytes. Nothing was sent. */
export const recordTooLarge = (message: string, limitBytes: number) =>
  new AppError('RECORD_TOO_LARGE', message, { status: 400, extra: { limitBytes } })

export const configError = (message: string) => new AppError('CONFIG_INVALID', message, { status: 500 })

export const internalError = (cause: unknown) =>
  new AppError('INTERNAL', 'An unexpected error occurred; it has been logged.', { status: 500, cause })
