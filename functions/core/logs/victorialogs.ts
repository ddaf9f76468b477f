// VictoriaLogs over HTTP with undici: one keep-alive agent, bodies streamed both ways.
import { Readable } from 'node:stream'
import { Agent, request, type Dispatcher } from 'undici'
import { AppError, logsUnavailable } from '../errors.ts'

export interface InsertOptions {
  /** Fields that identify a log stream (VictoriaLogs indexes them together). */
  streamFields: string[]
  timeField?: string
  msgField?: string
}

export interface QueryOptions {
  start?: string
  end?: string
  limit?: number
  /** Server-side cap on how long VictoriaLogs may work on the query, e.g. "10s". */
  timeout?: string
  signal?: AbortSignal
}

export class VictoriaLogsClient {
  readonly baseUrl: string
  readonly #dispatcher: Dispatcher

  constructor(baseUrl: string, dispatcher?: Dispatcher) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.#dispatcher = dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: 32, connectTimeout: 3_000 })
  }

  async #send(path: string, init: { method: 'GET' | 'POST'; body?: string | Buffer | Readable; headers?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number }) {
    try {
      return await request(`${this.baseUrl}${path}`, {
        dispatcher: this.#dispatcher,
        method: init.method,
        body: init.body,
        headers: init.headers,
        signal: init.signal,
        headersTimeout: init.timeoutMs ?? 30_000,
        bodyTimeout: init.timeoutMs ?? 30_000,
      })
    } catch (error: unknown) {
      if (init.signal?.aborted) throw error
      throw logsUnavailable(`VictoriaLogs at ${this.baseUrl} could not be reached.`, error)
    }
  }

  async #failOnError(response: Dispatcher.ResponseData, what: string): Promise<void> {
    if (response.statusCode < 400) return
    const text = (await response.body.text()).trim().slice(0, 2_000)
    if (response.statusCode === 400) {
      throw new AppError('INVALID_QUERY', `VictoriaLogs rejected the ${what}: ${text}`, { status: 400 })
    }
    throw new AppError('LOGS_ERROR', `VictoriaLogs answered ${response.statusCode} to the ${what}: ${text}`, {
      status: 502, retryable: response.statusCode >= 500,
    })
  }

  async health(timeoutMs = 2_000): Promise<void> {
    const response = await this.#send('/health', { method: 'GET', timeoutMs })
    await this.#failOnError(response, 'health check')
    await response.body.dump()
  }

  /** Writes documents as JSON lines; resolves once VictoriaLogs has accepted the whole batch. */
  async insert(documents: Iterable<object> | AsyncIterable<object>, options: InsertOptions): Promise<void> {
    const params = new URLSearchParams({ _stream_fields: options.streamFields.join(',') })
    if (options.timeField) params.set('_time_field', options.timeField)
    if (options.msgField) params.set('_msg_field', options.msgField)
    async function* lines() {
      for await (const document of documents) yield Buffer.from(`${JSON.stringify(document)}\n`)
    }
    const response = await this.#send(`/insert/jsonline?${params}`, {
      method: 'POST', body: Readable.from(lines()), headers: { 'content-type': 'application/stream+json' },
    })
    await this.#failOnError(response, 'insert')
    await response.body.dump()
  }

  /**
   * Runs a LogsQL query and returns the response body as a stream of JSON lines, unbuffered,
   * so a caller can pipe it straight to its own client.
   */
  async query(query: string, options: QueryOptions = {}): Promise<AsyncIterable<Uint8Array> & { text(): Promise<string> }> {
    const form = new URLSearchParams({ query })
    if (options.start) form.set('start', options.start)
    if (options.end) form.set('end', options.end)
    if (options.limit !== undefined) form.set('limit', String(options.limit))
    if (options.timeout) form.set('timeout', options.timeout)
    const response = await this.#send('/select/logsql/query', {
      method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal: options.signal,
    })
    await this.#failOnError(response, 'query')
    return response.body
  }

  /** Convenience for small results: parses each line. Large results should use query(). */
  async *queryRows(query: string, options: QueryOptions = {}): AsyncGenerator<Record<string, unknown>> {
    let pending = ''
    for await (const chunk of await this.query(query, options)) {
      pending += Buffer.from(chunk).toString('utf8')
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).trim()
        pending = pending.slice(newline + 1)
        if (line) yield JSON.parse(line) as Record<string, unknown>
      }
    }
    if (pending.trim()) yield JSON.parse(pending) as Record<string, unknown>
  }

  async close(): Promise<void> {
    await this.#dispatcher.close()
  }
}
