// The one VictoriaLogs client: one keep-alive connection pool per instance (entry points build one
// and share it), bodies streamed both ways, and one error mapping (errors.ts). Reads come back as
// the raw JSON-lines stream (to pass on unread) or parsed line by line; nothing is buffered whole.
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { keepAlivePool, type KeepAlivePool, type PoolResponse } from '../http/pool.ts'
import { transportError, upstreamError, type Operation } from './errors.ts'
import { parseStorageState, type StorageState } from './storage-state.ts'

export interface InsertOptions {
  /** Fields that identify a log stream (VictoriaLogs indexes them together). */
  streamFields: readonly string[]
  timeField?: string
  msgField?: string
  /** How long VictoriaLogs may take to accept the body (default 60 s). */
  timeoutMs?: number
}

export interface QueryOptions {
  start?: string
  end?: string
  limit?: number
  /** Server-side cap on how long VictoriaLogs may work on the query, e.g. "10s". */
  timeout?: string
  /**
   * Stream filters VictoriaLogs adds to the query *and every subquery* (union, join, in(…)):
   * what scopes a user's query to the streams it may read.
   */
  extraStreamFilters?: string
  signal?: AbortSignal
  /** How long to wait for the answer to start, and between its chunks (default 30 s). */
  timeoutMs?: number
}

export interface HitsOptions extends QueryOptions {
  /** Bucket size, e.g. "60000ms" or "5m". */
  step: string
}

export interface HitsResponse {
  hits?: { timestamps?: string[]; values?: number[]; total?: number }[]
}

export interface FacetsResponse {
  facets?: { field_name: string; values: { field_value: string; hits: number }[] }[]
}

export type Row = Record<string, unknown>

/** A query's answer: JSON lines, as a stream that can be piped on or read chunk by chunk. */
export type QueryBody = Readable

interface SendOptions {
  method: 'GET' | 'POST'
  body?: string | Buffer | Readable
  headers?: Record<string, string>
  signal?: AbortSignal | undefined
  timeoutMs: number
}

/** What the network stack throws when the other side is not there (as opposed to a bug of ours). */
const isTransportFailure = (error: unknown) => {
  if (error instanceof AggregateError) return true
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)
}

/** Documents as JSON lines in chunks of ~64 KB: one write per document costs more than the encoding. */
async function* jsonLineChunks(documents: Iterable<object> | AsyncIterable<object>): AsyncGenerator<Buffer> {
  let pending = ''
  for await (const document of documents) {
    pending += `${JSON.stringify(document)}\n`
    if (pending.length >= 65_536) {
      yield Buffer.from(pending)
      pending = ''
    }
  }
  if (pending) yield Buffer.from(pending)
}

export class VictoriaLogsClient {
  /** Kept for errors' causes (server log) only: never put into a message. */
  readonly #url: string
  readonly #basePath: string
  readonly #pool: KeepAlivePool

  constructor(baseUrl: string, options: { connections?: number } = {}) {
    const url = new URL(baseUrl)
    this.#url = url.href.replace(/\/+$/, '')
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#pool = keepAlivePool(url.origin, { connections: options.connections ?? 32 })
  }

  async #send(operation: Operation, path: string, init: SendOptions): Promise<PoolResponse> {
    let response: PoolResponse
    try {
      response = await this.#pool.request({
        path: `${this.#basePath}${path}`,
        method: init.method,
        body: init.body ?? null,
        headers: init.headers ?? {},
        signal: init.signal ?? null,
        headersTimeout: init.timeoutMs,
        bodyTimeout: init.timeoutMs,
      })
    } catch (error: unknown) {
      throw this.#failure(operation, error, init.signal)
    }
    if (response.statusCode >= 400) {
      const text = await response.body.text().catch(() => '')
      throw upstreamError(operation, response.statusCode, text, this.#url)
    }
    return response
  }

  /** A failure while sending or reading: the caller's own abort passes as it is. */
  #failure(operation: Operation, error: unknown, signal?: AbortSignal): unknown {
    if (signal?.aborted || !(isTransportFailure(error) || error instanceof SyntaxError)) return error
    return transportError(operation, error, this.#url)
  }

  #select(path: string, params: URLSearchParams, options: QueryOptions): Promise<PoolResponse> {
    if (options.start) params.set('start', options.start)
    if (options.end) params.set('end', options.end)
    if (options.limit !== undefined) params.set('limit', String(options.limit))
    if (options.timeout) params.set('timeout', options.timeout)
    if (options.extraStreamFilters) params.set('extra_stream_filters', options.extraStreamFilters)
    return this.#send('query', path, {
      method: 'POST', body: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      signal: options.signal, timeoutMs: options.timeoutMs ?? 30_000,
    })
  }

  async #selectJson<T>(path: string, params: URLSearchParams, options: QueryOptions): Promise<T> {
    const response = await this.#select(path, params, options)
    try {
      return await response.body.json() as T
    } catch (error: unknown) {
      throw this.#failure('query', error, options.signal)
    }
  }

  async health(timeoutMs = 2_000): Promise<void> {
    const response = await this.#send('health', '/health', { method: 'GET', timeoutMs })
    await response.body.dump()
  }

  /**
   * Which VictoriaLogs process answers, and how long it keeps acknowledged rows in memory only
   * (from its /metrics). A write is acknowledged before it is on disk, so this is what tells a
   * writer when its rows have become durable (see core/indexing/durability.ts).
   */
  async storageState(timeoutMs = 5_000): Promise<StorageState> {
    const operation = 'durability check'
    const response = await this.#send(operation, '/metrics', { method: 'GET', timeoutMs })
    let text: string
    try {
      text = await response.body.text()
    } catch (error: unknown) {
      throw this.#failure(operation, error)
    }
    return parseStorageState(text, this.#url)
  }

  /**
   * Writes JSON lines already encoded (a batch's bytes, or a stream of them); resolves once
   * VictoriaLogs has accepted every line. Bytes in memory can be sent again on a retry.
   */
  async insertLines(body: Buffer | Readable, options: InsertOptions): Promise<void> {
    const params = new URLSearchParams({ _stream_fields: options.streamFields.join(',') })
    if (options.timeField) params.set('_time_field', options.timeField)
    if (options.msgField) params.set('_msg_field', options.msgField)
    const response = await this.#send('insert', `/insert/jsonline?${params}`, {
      method: 'POST', body, headers: { 'content-type': 'application/stream+json' }, timeoutMs: options.timeoutMs ?? 60_000,
    })
    await response.body.dump()
  }

  /** Writes documents as JSON lines, streamed as they come; resolves once VictoriaLogs accepted them all. */
  async insert(documents: Iterable<object> | AsyncIterable<object>, options: InsertOptions): Promise<void> {
    await this.insertLines(Readable.from(jsonLineChunks(documents)), options)
  }

  /** Runs a LogsQL query; the answer's JSON lines come back unread, to be piped on as they arrive. */
  async query(query: string, options: QueryOptions = {}): Promise<QueryBody> {
    return (await this.#select('/select/logsql/query', new URLSearchParams({ query }), options)).body
  }

  /** Runs a LogsQL query and yields its rows one line at a time, as VictoriaLogs sends them. */
  async *queryRows(query: string, options: QueryOptions = {}): AsyncGenerator<Row> {
    const body = await this.query(query, options)
    const decoder = new StringDecoder('utf8')
    let pending = ''
    try {
      for await (const chunk of body) {
        const text = pending + decoder.write(chunk as Buffer)
        let start = 0
        for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
          const line = text.slice(start, newline)
          start = newline + 1
          if (line.trim()) yield JSON.parse(line) as Row
        }
        pending = text.slice(start)
      }
      pending += decoder.end()
      if (pending.trim()) yield JSON.parse(pending) as Row
    } catch (error: unknown) {
      throw this.#failure('query', error, options.signal)
    }
  }

  /** Hit counts per time bucket (VictoriaLogs lists only the buckets with hits). */
  hits(query: string, options: HitsOptions): Promise<HitsResponse> {
    return this.#selectJson('/select/logsql/hits', new URLSearchParams({ query, step: options.step }), options)
  }

  /** The most frequent values per field; `limit` caps the values per field. */
  facets(query: string, options: QueryOptions = {}): Promise<FacetsResponse> {
    return this.#selectJson('/select/logsql/facets', new URLSearchParams({ query }), options)
  }

  async close(): Promise<void> {
    await this.#pool.close()
  }
}
