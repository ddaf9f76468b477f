// Invokes the real Lambda entry with a Function-URL-shaped event. Only the Lambda runtime's
// streaming global (which cannot exist outside Lambda) is provided, reproducing its wire format:
// a JSON prelude with status and headers, eight NUL bytes, then the body.
import { Writable } from 'node:stream'
import type { LambdaFunctionURLEvent } from 'aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { Admin, produce } from '../testing/kafka.ts'
import { testEnv, uniqueName, viewerToken } from '../testing/stack.ts'

type StreamingHandler = (event: LambdaFunctionURLEvent, stream: Writable, context: object) => Promise<void>

class CapturedStream extends Writable {
  chunks: Buffer[] = []
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.chunks.push(Buffer.from(chunk))
    callback()
  }
}

const delimiter = Buffer.alloc(8)

beforeAll(() => {
  Object.assign(globalThis, {
    awslambda: {
      streamifyResponse: (fn: StreamingHandler) => fn,
      HttpResponseStream: {
        from(stream: Writable, prelude: object) {
          stream.write(Buffer.concat([Buffer.from(JSON.stringify(prelude)), delimiter]))
          return stream
        },
      },
    },
  })
  // Tail streams end after 2 s here so the invocation below completes.
  Object.assign(process.env, testEnv(), { KAFKA_PLUS_TAIL_MAX_MS: '2000' })
})

function functionUrlEvent(method: string, path: string, headers: Record<string, string>, query = ''): LambdaFunctionURLEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws', 'x-forwarded-proto': 'https', ...headers },
    requestContext: {
      accountId: 'anonymous', apiId: 'abc123', domainName: 'abc123.lambda-url.eu-west-1.on.aws', domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'req-1', routeKey: '$default', stage: '$default', time: '22/Nov/2026:01:00:00 +0000', timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  }
}

async function invoke(event: LambdaFunctionURLEvent) {
  const { handler } = await import('./lambda.ts') as unknown as { handler: StreamingHandler }
  const stream = new CapturedStream()
  await handler(event, stream, { awsRequestId: 'req-1' })
  const raw = Buffer.concat(stream.chunks)
  const split = raw.indexOf(delimiter)
  expect(split).toBeGreaterThan(0)
  const prelude = JSON.parse(raw.subarray(0, split).toString()) as { statusCode: number; headers: Record<string, string>; cookies: string[] }
  return { ...prelude, body: raw.subarray(split + 8).toString() }
}

describe('Lambda handler (Function URL, response streaming)', () => {
  it('serves the clusters route with a bearer token', async () => {
    const response = await invoke(functionUrlEvent('GET', '/api/clusters', { authorization: `Bearer ${viewerToken}` }))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/application\/json/)
    expect(JSON.parse(response.body)).toEqual([{ id: 'local', name: 'local' }])
  })

  it('reaches the real broker through the topics route', async () => {
    const response = await invoke(functionUrlEvent('GET', '/api/clusters/local/topics', { authorization: `Bearer ${viewerToken}` }, 'limit=5'))
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toHaveProperty('total')
  })

  it('answers 401 problem+json without a credential', async () => {
    const response = await invoke(functionUrlEvent('GET', '/api/clusters', {}))
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(response.body)).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('sets a Secure session cookie on login over the HTTPS function URL', async () => {
    const event = functionUrlEvent('POST', '/api/session', { 'content-type': 'application/json' })
    event.body = JSON.stringify({ token: viewerToken })
    const response = await invoke(event)
    expect(response.statusCode).toBe(204)
    expect(response.cookies[0]).toMatch(/^kp_session=.+; HttpOnly; Secure; SameSite=Strict$/)
  })

  it('streams live-tail server-sent events through the streaming handler', async () => {
    const brokers = [testEnv().KAFKA_BROKERS as string]
    const topic = uniqueName('it-lambda-tail')
    const admin = new Admin({ clientId: 'lambda-tail-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
    try {
      const pending = invoke(functionUrlEvent('GET', `/api/clusters/local/topics/${topic}/tail`, { authorization: `Bearer ${viewerToken}` }))
      await new Promise((r) => setTimeout(r, 700))
      await produce(brokers, topic, [{ value: 'through lambda' }])
      const response = await pending
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/)
      const events = response.body.split('\n\n').filter((block) => block.includes('event: '))
      const message = events.find((e) => e.includes('event: message'))
      expect(message).toMatch(/^id: [A-Za-z0-9_-]+$/m)
      expect(JSON.parse((message as string).split('data: ')[1] as string)).toMatchObject({ value: 'through lambda', offset: '0' })
      expect(events.at(-1)).toContain('"reason":"timeout"')
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => {})
      await admin.close()
    }
  })
})
