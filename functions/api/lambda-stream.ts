// The Hono app behind a Lambda Function URL in RESPONSE_STREAM mode: what hono/aws-lambda's
// streamHandle() did, plus noticing a client that went away. AWS does not interrupt a streamed
// response when its client disconnects, and the response stream emits no 'close' then; what can
// be seen is a write that fails, the stream erroring, or a stream that stops taking data
// (backpressure that does not drain). Any of these cancels the response body, which aborts the
// route's work (a live tail stops fetching), and aborts the request's signal.
import type { Writable } from 'node:stream'
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda'

type Fetch = (request: Request, env: Record<string, unknown>) => Response | Promise<Response>

interface Prelude { statusCode: number; headers: Record<string, string>; cookies: string[] }
type StreamingHandler = (event: LambdaFunctionURLEvent, responseStream: Writable, context: Context) => Promise<void>

/** The Lambda Node.js runtime's global for response streaming. */
interface LambdaStreamingRuntime {
  streamifyResponse(handler: StreamingHandler): StreamingHandler
  HttpResponseStream: { from(stream: Writable, prelude: Prelude): Writable }
}

const runtime = () => (globalThis as unknown as { awslambda: LambdaStreamingRuntime }).awslambda

export interface StreamingOptions {
  /** A write that has not drained after this long means the client is gone (or too slow to keep). */
  stallMs?: number
}

// Header values must be ASCII in a Request; what else arrives is kept percent-encoded.
const headerValue = (value: string) => ([...value].some((ch) => ch.charCodeAt(0) > 0x7f) ? encodeURIComponent(value) : value)

export function requestOf(event: LambdaFunctionURLEvent, signal: AbortSignal): Request {
  const headers = new Headers()
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '))
  for (const [name, value] of Object.entries(event.headers)) if (value) headers.set(name, headerValue(value))
  const query = event.rawQueryString ? `?${event.rawQueryString}` : ''
  const init: RequestInit = { method: event.requestContext.http.method, headers, signal }
  if (event.body) {
    const body = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    init.body = body
    headers.set('content-length', String(body.length))
  }
  return new Request(`https://${event.requestContext.domainName}${event.rawPath}${query}`, init)
}

function preludeOf(response: Response): Prelude {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  return { statusCode: response.status, headers, cookies: response.headers.getSetCookie() }
}

/**
 * Copies the body to the response stream, respecting its backpressure; `gone` is aborted (and the
 * body cancelled) when a write fails, the stream errors or closes early, or a write does not drain
 * within `stallMs`.
 */
async function pump(body: ReadableStream<Uint8Array>, out: Writable, stallMs: number, gone: AbortController): Promise<void> {
  const reader = body.getReader()
  const clientGone = () => gone.abort()
  gone.signal.addEventListener('abort', () => { reader.cancel().catch(() => {}) }, { once: true })
  out.on('error', clientGone)
  out.on('close', clientGone)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done || gone.signal.aborted) return
      const accepted = out.write(value, (error) => { if (error) clientGone() })
      if (!accepted) await drained(out, stallMs, gone)
    }
  } finally {
    out.off('error', clientGone)
    out.off('close', clientGone)
  }
}

function drained(out: Writable, stallMs: number, gone: AbortController): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      out.off('drain', done)
      gone.signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(() => { gone.abort(); done() }, stallMs)
    out.on('drain', done)
    gone.signal.addEventListener('abort', done, { once: true })
  })
}

/** A streaming Lambda handler for `app` (hono's `app.fetch`); `env` carries the event and context as hono/aws-lambda did. */
export function streamingHandler(app: { fetch: Fetch }, { stallMs = 10_000 }: StreamingOptions = {}): StreamingHandler {
  return runtime().streamifyResponse(async (event, responseStream, context) => {
    const gone = new AbortController()
    let response: Response
    try {
      response = await app.fetch(requestOf(event, gone.signal), { event, requestContext: event.requestContext, context })
    } catch (error: unknown) {
      // A request the platform could not have sent (a GET with a body), or the app failing outright.
      console.error('Lambda request failed:', error)
      response = new Response(error instanceof TypeError ? 'Invalid request' : 'Internal Server Error', { status: error instanceof TypeError ? 400 : 500 })
    }
    const out = runtime().HttpResponseStream.from(responseStream, preludeOf(response))
    if (response.body) await pump(response.body, out, stallMs, gone)
    else out.write('')
    if (gone.signal.aborted) {
      // Nobody reads it any more: do not wait for a finish that may never come.
      out.destroy()
      return
    }
    await new Promise<void>((resolve) => out.end(resolve))
  })
}
