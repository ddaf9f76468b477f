// A Lambda Function URL as the API's Lambda entry sees it, for the tests that invoke that entry
// (in this process, or bundled in a stand-in runtime: ./lambda-bundle.ts): the request event
// (payload format 2.0) and the response stream's wire format (a JSON prelude with status, headers
// and cookies, eight NUL bytes, then the body).
import { randomBytes } from 'node:crypto'
import type { Writable } from 'node:stream'
import type { LambdaFunctionURLEvent } from 'aws-lambda'

/** A handler wrapped by awslambda.streamifyResponse, as the runtime calls it. */
export type StreamingHandler = (event: LambdaFunctionURLEvent, stream: Writable, context: object) => Promise<void>

export interface StreamedResponse {
  statusCode: number
  headers: Record<string, string>
  cookies: string[]
  body: string
}

/** Eight NUL bytes end the prelude of an HTTP response stream. */
const preludeDelimiter = Buffer.alloc(8)

/** Lambda's HTTP response stream: a JSON prelude (status, headers, cookies), eight NUL bytes, the body. */
export function parseResponseStream(raw: Buffer): StreamedResponse {
  const split = raw.indexOf(preludeDelimiter)
  if (split <= 0) throw new Error(`the response stream has no prelude: ${raw.subarray(0, 200).toString()}`)
  const prelude = JSON.parse(raw.subarray(0, split).toString()) as Omit<StreamedResponse, 'body'>
  return { statusCode: prelude.statusCode, headers: prelude.headers, cookies: prelude.cookies ?? [], body: raw.subarray(split + 8).toString() }
}

/**
 * Provides the Lambda runtime's streaming global (which cannot exist outside Lambda) in this
 * process, writing Lambda's wire format, so that the entry's module can be imported and its
 * handler called with (event, stream, context).
 */
export function installStreamingRuntime(): void {
  Object.assign(globalThis, {
    awslambda: {
      streamifyResponse: (handler: StreamingHandler) => handler,
      HttpResponseStream: {
        from(stream: Writable, prelude: object) {
          stream.write(Buffer.concat([Buffer.from(JSON.stringify(prelude)), preludeDelimiter]))
          return stream
        },
      },
    },
  })
}

/** A Function URL request event (payload format 2.0), as Lambda delivers it to the function. */
export function functionUrlEvent(
  method: string, path: string,
  options: { headers?: Record<string, string>; query?: string; body?: string; cookies?: string[] } = {},
): LambdaFunctionURLEvent {
  const host = 'abc123.lambda-url.eu-west-1.on.aws'
  const query = options.query ?? ''
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    // Cookies arrive in their own field, not as a header (payload format 2.0).
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers: { host, 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7', ...options.headers },
    ...(query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) } : {}),
    requestContext: {
      accountId: 'anonymous', apiId: 'abc123', domainName: host, domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: randomBytes(8).toString('hex'), routeKey: '$default', stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
    isBase64Encoded: false,
  }
}
