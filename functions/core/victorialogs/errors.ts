// The one mapping from VictoriaLogs failures to AppError codes, for every caller:
//
// | VictoriaLogs                          | reading (query, hits, facets) | writing / health / durability|
// |---------------------------------------|-------------------------------|------------------------------|
// | 400, 422                              | INVALID_QUERY 400, its reason | LOGS_ERROR 502               |
// | any error naming a query timeout      | QUERY_TIMEOUT 504, retryable  | (as its status)              |
// | no answer in time (headers, body)     | QUERY_TIMEOUT 504, retryable  | LOGS_UNAVAILABLE 503, retry. |
// | 5xx                                   | LOGS_ERROR 502, retryable     | LOGS_ERROR 502, retryable    |
// | other 4xx                             | LOGS_ERROR 502                | LOGS_ERROR 502               |
// | unreachable, refused, connection lost | LOGS_UNAVAILABLE 503, retry.  | LOGS_UNAVAILABLE 503, retry. |
//
// Messages never carry VictoriaLogs' (internal) address or its raw answer: both go into the
// error's `cause`, which the HTTP edge logs server-side only. The one exception is the parser's
// reason for a bad query, which is about the user's own LogsQL.
import { AppError, logsUnavailable } from '../errors.ts'

/** What the request was for: reading may be the user's query; the rest is ours. */
export type Operation = 'query' | 'insert' | 'health' | 'durability check'

const timeoutCodes = new Set(['ERR_HEADERS_TIMEOUT', 'ERR_BODY_TIMEOUT'])

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code

/** The server-side record of what happened: the address and VictoriaLogs' own words. */
const upstreamCause = (url: string, text: string, cause?: unknown) => new Error(`VictoriaLogs at ${url}: ${text}`, cause === undefined ? undefined : { cause })

/**
 * VictoriaLogs' "cannot parse query [<the query>]: <reason>" (or "cannot execute query") → the
 * reason, without the echo: the echoed query must not be mistaken for the reason.
 */
export function queryErrorReason(text: string): string {
  const match = /cannot (?:parse|execute) query \[[\s\S]*\]: ([\s\S]*)$/.exec(text)
  return (match?.[1] ?? text).trim().slice(0, 1_000)
}

const mentionsTimeout = (text: string) => /deadline exceeded|couldn't be executed in|timeout/i.test(text)

const queryTimeout = (cause: unknown) =>
  new AppError('QUERY_TIMEOUT', 'The query took too long and was stopped; narrow the time range or the query.', { status: 504, retryable: true, cause })

/** An HTTP error answer (status ≥ 400) with its body text. */
export function upstreamError(operation: Operation, status: number, body: string, url: string): AppError {
  const text = body.trim().slice(0, 2_000)
  const cause = upstreamCause(url, `${status} to the ${operation}: ${text}`)
  if (operation === 'query') {
    if (mentionsTimeout(queryErrorReason(text))) return queryTimeout(cause)
    if (status === 400 || status === 422) {
      return new AppError('INVALID_QUERY', `The LogsQL query is not valid: ${queryErrorReason(text)}`, { status: 400, cause })
    }
  }
  return new AppError('LOGS_ERROR', `VictoriaLogs answered ${status} to the ${operation}.`, { status: 502, retryable: status >= 500, cause })
}

/** A request that got no (complete) answer: refused, reset, closed, or too slow. */
export function transportError(operation: Operation, error: unknown, url: string): AppError {
  if (error instanceof AppError) return error
  const cause = upstreamCause(url, error instanceof Error ? error.message : String(error), error)
  if (timeoutCodes.has(String(codeOf(error)))) {
    return operation === 'query'
      ? queryTimeout(cause)
      : logsUnavailable(`VictoriaLogs did not answer the ${operation} in time.`, cause)
  }
  if (error instanceof SyntaxError) {
    return new AppError('LOGS_ERROR', `VictoriaLogs answered the ${operation} with something that is not JSON.`, { status: 502, cause })
  }
  return logsUnavailable('VictoriaLogs could not be reached.', cause)
}
