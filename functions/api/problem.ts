// The one place errors become HTTP: application/problem+json with a stable code, never a stack.
import { AppError, internalError } from '../core/errors.ts'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  retryable: boolean
  [extra: string]: unknown
}

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

/** Anything thrown becomes a Problem; unknown errors are reported to `log` and hidden from the client. */
export function toProblem(error: unknown, log: (error: unknown) => void = console.error): Problem {
  let appError: AppError
  if (error instanceof AppError) {
    appError = error
  } else {
    appError = internalError(error)
  }
  if (appError.status >= 500) log(appError.cause ?? appError)
  return {
    ...(appError.extra ?? {}),
    type: `https://kafka-plus.dev/problems/${appError.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[appError.status] ?? 'Error',
    status: appError.status,
    detail: appError.message,
    code: appError.code,
    retryable: appError.retryable,
  }
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const retryAfter: Record<string, string> = typeof problem.retryAfterSeconds === 'number' ? { 'retry-after': String(problem.retryAfterSeconds) } : {}
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': problemContentType, 'cache-control': 'no-store', ...retryAfter, ...headers },
  })
}
