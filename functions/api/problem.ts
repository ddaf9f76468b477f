// The one place errors become HTTP: application/problem+json with a stable code, never a stack.
// A 5xx problem carries an errorId, logged with the full error; its detail never repeats upstream
// text (VictoriaLogs' address and answers, a broker's error message, a configuration snippet).
import { randomBytes } from 'node:crypto'
import type { Problem } from '../contract/problem.ts'
import { AppError, internalError, type ErrorCode, type ProblemExtras } from '../core/errors.ts'

export type { Problem }

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  429: 'Too many requests',
  500: 'Internal error',
  501: 'Not supported',
  502: 'Upstream error',
  503: 'Service unavailable',
}

export const problemContentType = 'application/problem+json'

/** 5xx errors whose message this product words itself from its own data (cluster ids, operation names). */
const ownWording = new Set<ErrorCode>(['KAFKA_UNAVAILABLE', 'KAFKA_AUTH_FAILED', 'INTERNAL', 'QUERY_TIMEOUT', 'SAMPLER_NOT_CONFIGURED', 'SAMPLER_INVOKE_FAILED'])

/** What the client reads for the other 5xx errors; the server log has the rest. */
const genericDetails: Partial<Record<ErrorCode, string>> = {
  LOGS_UNAVAILABLE: 'VictoriaLogs could not be reached; try again shortly.',
  LOGS_ERROR: 'VictoriaLogs answered with an error.',
  KAFKA_ERROR: 'The Kafka cluster answered with an error.',
  KAFKA_UNSUPPORTED: 'The Kafka cluster does not support this operation.',
  CONFIG_INVALID: 'The server configuration is invalid.',
}
const genericByStatus: Record<number, string> = {
  501: 'This is not supported here.',
  502: 'A service this request needs answered with an error.',
  503: 'A service this request needs is unavailable; try again shortly.',
  504: 'A service this request needs took too long.',
}

/** Extra fields a 5xx problem may keep: stable codes, never text. */
const safeExtras = new Set<keyof ProblemExtras>(['kafkaError'])

/** Anything thrown becomes a Problem; 5xx errors are reported to `log` under an errorId the client gets too. */
export function toProblem(error: unknown, log: (error: unknown) => void = console.error): Problem {
  const appError = error instanceof AppError ? error : internalError(error)
  const base = {
    type: `https://kafka-plus.dev/problems/${appError.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[appError.status] ?? 'Error',
    status: appError.status,
    code: appError.code,
    retryable: appError.retryable,
  }
  if (appError.status < 500) return { ...(appError.extra ?? {}), ...base, detail: appError.message }
  const errorId = randomBytes(6).toString('hex')
  log(new Error(`[error id ${errorId}] ${appError.code} (${appError.status}): ${appError.message}`, { cause: appError.cause ?? appError }))
  const extras: ProblemExtras = Object.fromEntries(Object.entries(appError.extra ?? {}).filter(([key]) => safeExtras.has(key as keyof ProblemExtras)))
  const detail = ownWording.has(appError.code)
    ? appError.message
    : genericDetails[appError.code] ?? genericByStatus[appError.status] ?? 'An unexpected error occurred.'
  return { ...extras, ...base, detail: `${detail} (error id ${errorId})`, errorId }
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const retryAfter: Record<string, string> = typeof problem.retryAfterSeconds === 'number' ? { 'retry-after': String(problem.retryAfterSeconds) } : {}
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': problemContentType, 'cache-control': 'no-store', ...retryAfter, ...headers },
  })
}
