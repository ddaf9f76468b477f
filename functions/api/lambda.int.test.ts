// Invokes the real Lambda entry with a Function-URL-shaped event. Only the Lambda runtime's
// streaming global (which cannot exist outside Lambda) is provided, reproducing its wire format:
// a JSON prelude with status and headers, eight NUL bytes, then the body.
import { Writable } from 'node:stream'
import type { LambdaFunctionURLEvent } from 'aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { functionUrlEvent, installStreamingRuntime, parseResponseStream, type StreamingHandler } from '../testing/function-url.ts'
import { Admin, produce } from '../testing/kafka.ts'
import { testEnv, uniqueName, viewerToken } from '../testing/stack.ts'

class CapturedStream extends Writable {
  chunks: Buffer[] = []
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.chunks.push(Buffer.from(chunk))
    callback()
  }
}

beforeAll(() => {
  installStreamingRuntime()
  // Tail streams end after 2 s here so the invocation below completes.
  Object.assign(process.env, testEnv(), { KAFKA_PLUS_TAIL_MAX_MS: '2000' })
})

async function invoke(event: LambdaFunctionURLEvent) {
  const { handler } = await import('./lambda.ts') as unknown as { handler: StreamingHandler }
  const stream = new CapturedStream()
  await handler(event, stream, { awsRequestId: 'req-1' })
  return parseResponseStream(Buffer.concat(stream.chunks))
}

describe('Lambda handler (Function URL, response streaming)', () => {
  it('serves the clusters route with a bearer token', async () => {
    const response = await invoke(functionUrlEvent('GET', '/api/clusters', { headers: { authorization: `Bearer ${viewerToken}` } }))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/application\/json/)
    expect(JSON.parse(response.body)).toEqual([{ id: 'local', name: 'local' }])
  })

  it('reaches the real broker through the topics route', async () => {
    const response = await invoke(functionUrlEvent('GET', '/api/clusters/local/topics', { headers: { authorization: `Bearer ${viewerToken}` }, query: 'limit=5' }))
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toHaveProperty('total')
  })

  it('answers 401 problem+json without a credential', async () => {
    const response = await invoke(functionUrlEvent('GET', '/api/clusters'))
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(response.body)).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('sets a Secure session cookie on login over the HTTPS function URL', async () => {
    const response = await invoke(functionUrlEvent('POST', '/api/session', {
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: viewerToken }),
    }))
    expect(response.statusCode).toBe(204)
    expect(response.cookies[0]).toMatch(/^kp_session=.+; HttpOnly; Secure; SameSite=Strict$/)
  })

  it('streams live-tail server-sent events through the streaming handler', async () => {
    const brokers = [testEnv().KAFKA_BROKERS as string]
    const topic = uniqueName('it-lambda-tail')
    const admin = new Admin({ clientId: 'lambda-tail-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
    try {
      const pending = invoke(functionUrlEvent('GET', `/api/clusters/local/topics/${topic}/tail`, { headers: { authorization: `Bearer ${viewerToken}` } }))
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
