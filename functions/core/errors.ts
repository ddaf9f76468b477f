// Typed errors with a stable `code`; the HTTP edge maps them to problem+json (functions/api/problem.ts).

export interface AppErrorOptions {
  status: number
  retryable?: boolean
  cause?: unknown
  /** Extra machine-readable fields for the problem document (never secrets, never stacks). */
  extra?: Record<string, unknown>
}

export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly retryable: boolean
  readonly extra: Record<string, unknown> | undefined

  constructor(code: string, message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = options.status
    this.retryable = options.retryable ?? false
    this.extra = options.extra
  }
}

export const invalidInput = (message: string, issues?: unknown[]) =>
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

export const configError = (message: string) => new AppError('CONFIG_INVALID', message, { status: 500 })

export const internalError = (cause: unknown) =>
  new AppError('INTERNAL', 'An unexpected error occurred; it has been logged.', { status: 500, cause })
