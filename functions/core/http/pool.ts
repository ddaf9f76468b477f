// The one way the core opens HTTP connections to its upstreams (VictoriaLogs, schema registries,
// OpenID providers): a keep-alive pool per client instance, never a process-wide agent, so each
// client owns (and closes) its sockets and a slow upstream cannot starve another's connections.
// Built on node:http rather than undici: the functions would otherwise ship and parse ~540 KB of
// undici (fetch, WebSocket, caches) at every cold start for one request function.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import { Readable } from 'node:stream'

export interface KeepAlivePoolOptions {
  /** Concurrent connections to the origin. */
  connections: number
  connectTimeoutMs?: number
}

export interface PoolRequest {
  /** Path and query, from the origin's root. */
  path: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  headers?: Record<string, string>
  body?: string | Buffer | Readable | null
  signal?: AbortSignal | null
  /** Longest silence before the answer's status line (after the request went out). */
  headersTimeout: number
  /** Longest silence between chunks of the answer's body. */
  bodyTimeout: number
}

/** An answer's body: a stream of bytes, piped on as it is or read whole once. */
export type ResponseBody = IncomingMessage & {
  text(): Promise<string>
  json(): Promise<unknown>
  /** Reads and discards the rest, so the connection can serve the next request. */
  dump(): Promise<void>
}

export interface PoolResponse {
  statusCode: number
  headers: IncomingHttpHeaders
  body: ResponseBody
}

export type TimeoutCode = 'ERR_HEADERS_TIMEOUT' | 'ERR_BODY_TIMEOUT' | 'ERR_CONNECT_TIMEOUT'

/** An upstream silent for longer than allowed; `code` says at which stage. */
export class HttpTimeoutError extends Error {
  readonly code: TimeoutCode
  constructor(code: TimeoutCode, ms: number) {
    super(`${code === 'ERR_CONNECT_TIMEOUT' ? 'connecting' : code === 'ERR_HEADERS_TIMEOUT' ? 'waiting for the answer' : 'reading the answer'} timed out after ${ms} ms`)
    this.name = 'HttpTimeoutError'
    this.code = code
  }
}

async function readText(body: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function withReaders(message: IncomingMessage): ResponseBody {
  const body = message as ResponseBody
  body.text = () => readText(message)
  body.json = async () => JSON.parse(await readText(message)) as unknown
  body.dump = () => new Promise<void>((resolve) => {
    message.once('end', resolve).once('close', resolve).once('error', () => resolve())
    message.resume()
  })
  return body
}

export class KeepAlivePool {
  readonly #origin: URL
  readonly #agent: HttpAgent
  readonly #send: typeof httpRequest
  readonly #connectTimeoutMs: number

  constructor(origin: string, { connections, connectTimeoutMs = 3_000 }: KeepAlivePoolOptions, keepAlive = true) {
    this.#origin = new URL(origin)
    const secure = this.#origin.protocol === 'https:'
    // Idle sockets close after 30 s and never keep the process (a Lambda's event loop) alive.
    const agentOptions = { keepAlive, maxSockets: connections, timeout: 30_000 }
    this.#agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions)
    this.#send = secure ? httpsRequest : httpRequest
    this.#connectTimeoutMs = connectTimeoutMs
  }

  /** Sends one request; resolves at the answer's status line, its body still to be read. */
  request(options: PoolRequest): Promise<PoolResponse> {
    return new Promise<PoolResponse>((resolve, reject) => {
      const { signal } = options
      if (signal?.aborted) return reject(signal.reason as Error)
      const request: ClientRequest = this.#send({
        protocol: this.#origin.protocol,
        hostname: this.#origin.hostname.replace(/^\[|\]$/g, ''), // an IPv6 literal without its brackets
        port: this.#origin.port,
        path: options.path,
        method: options.method,
        headers: options.headers ?? {},
        agent: this.#agent,
        ...(signal ? { signal } : {}),
      })
      let answer: IncomingMessage | undefined
      // The answer's reader sees the cause itself (destroying the socket alone would say "aborted").
      const fail = (error: Error) => {
        answer?.destroy(error)
        request.destroy(error)
      }
      request.once('error', (error) => {
        if (!answer) reject(signal?.aborted ? signal.reason as Error : error)
      })
      request.once('socket', (socket: Socket) => {
        if (!socket.connecting) return
        const timer = setTimeout(() => fail(new HttpTimeoutError('ERR_CONNECT_TIMEOUT', this.#connectTimeoutMs)), this.#connectTimeoutMs)
        socket.once('connect', () => clearTimeout(timer)).once('close', () => clearTimeout(timer))
      })
      // Silence on the socket: before the status line it is the headers' timeout, after it the body's.
      request.setTimeout(options.headersTimeout, () => {
        fail(answer ? new HttpTimeoutError('ERR_BODY_TIMEOUT', options.bodyTimeout) : new HttpTimeoutError('ERR_HEADERS_TIMEOUT', options.headersTimeout))
      })
      request.once('response', (message: IncomingMessage) => {
        answer = message
        request.setTimeout(options.bodyTimeout)
        if (signal) {
          // The caller's abort after the status line ends the body's reading with the caller's reason.
          const onAbort = () => fail(signal.reason as Error)
          signal.addEventListener('abort', onAbort, { once: true })
          message.once('close', () => signal.removeEventListener('abort', onAbort))
        }
        resolve({ statusCode: message.statusCode ?? 0, headers: message.headers, body: withReaders(message) })
      })
      const { body } = options
      if (body instanceof Readable) {
        body.once('error', fail)
        body.pipe(request)
      } else {
        request.end(body ?? undefined)
      }
    })
  }

  /** Closes every socket (requests still running fail). */
  close(): Promise<void> {
    this.#agent.destroy()
    return Promise.resolve()
  }
}

export function keepAlivePool(origin: string, options: KeepAlivePoolOptions): KeepAlivePool {
  return new KeepAlivePool(origin, options)
}

/** One request on a connection of its own, closed after the answer (for rare calls: an OpenID provider's). */
export async function requestOnce(url: string, options: Omit<PoolRequest, 'path'>): Promise<PoolResponse> {
  const target = new URL(url)
  const pool = new KeepAlivePool(target.origin, { connections: 1 }, false)
  const response = await pool.request({ ...options, path: `${target.pathname}${target.search}` })
  response.body.once('close', () => void pool.close())
  return response
}
