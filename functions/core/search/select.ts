// VictoriaLogs' select endpoints for history search, over undici: the query's body comes back
// as the raw stream (nothing buffered), the small answers (hits, facets) as parsed JSON.
// Kept apart from logs/victorialogs.ts because it sends the scoping arguments that client
// does not know (extra_stream_filters) and maps errors the way a search user needs them.
import type { Readable } from 'node:stream'
import { request } from 'undici'
import { AppError, logsUnavailable } from '../errors.ts'

export type SelectPath = '/select/logsql/query' | '/select/logsql/hits' | '/select/logsql/facets' | '/select/logsql/field_names'

/**
 * VictoriaLogs' "cannot parse query [<the query>]: <reason>" (or "cannot execute query") → the
 * reason, without the echo: the echoed query must not be mistaken for the reason.
 */
function reasonOf(text: string): string {
  const match = /cannot (?:parse|execute) query \[[\s\S]*\]: ([\s\S]*)$/.exec(text)
  return (match?.[1] ?? text).trim().slice(0, 1_000)
}

async function fail(statusCode: number, body: Readable & { text(): Promise<string> }, baseUrl: string): Promise<never> {
  const text = (await body.text().catch(() => '')).trim()
  const reason = reasonOf(text)
  if (/deadline exceeded|couldn't be executed in|timeout/i.test(reason)) {
    throw new AppError('QUERY_TIMEOUT', 'The search took too long and was stopped; narrow the time range or the query.', { status: 504, retryable: true, extra: { upstream: text.slice(0, 500) } })
  }
  if (statusCode === 400 || statusCode === 422) {
    throw new AppError('INVALID_QUERY', `The LogsQL query is not valid: ${reason}`, { status: 400 })
  }
  throw new AppError('LOGS_ERROR', `VictoriaLogs at ${baseUrl} answered ${statusCode}: ${text.slice(0, 500)}`, { status: 502, retryable: statusCode >= 500 })
}

/** Posts the form; resolves with the response body once VictoriaLogs has accepted the query. */
export async function select(baseUrl: string, path: SelectPath, form: URLSearchParams, signal?: AbortSignal): Promise<Readable & { text(): Promise<string>; json(): Promise<unknown> }> {
  let response
  try {
    response = await request(`${baseUrl}${path}`, {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      signal,
      headersTimeout: 20_000,
      bodyTimeout: 30_000,
    })
  } catch (error: unknown) {
    if (signal?.aborted) throw error
    throw logsUnavailable(`VictoriaLogs at ${baseUrl} could not be reached, so history search is unavailable.`, error)
  }
  if (response.statusCode >= 400) return fail(response.statusCode, response.body, baseUrl)
  return response.body
}

export async function selectJson<T>(baseUrl: string, path: SelectPath, form: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const body = await select(baseUrl, path, form, signal)
  return await body.json() as T
}
