// Live tail through the Lambda streaming handler, as Lambda runs it (AWS_LAMBDA_FUNCTION_NAME set):
// a stream ends itself before Lambda's streaming limits with a resume token the next invocation
// continues from (no gap, no duplicate), and a tail stops fetching within seconds of its client
// going away (a failed write, or a stream that stops taking data). Only the runtime's streaming
// global is provided, reproducing its wire format: a JSON prelude, eight NUL bytes, the body.
import { Writable } from 'node:stream'
import type { LambdaFunctionURLEvent } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeResumeToken } from '../core/messages/resume.ts'
import { Admin, Producer, waitForLeaders } from '../testing/kafka.ts'
import { testDeps, testEnv, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

type StreamingHandler = (event: LambdaFunctionURLEvent, stream: Writable, context: object) => Promise<void>

const delimiter = Buffer.alloc(8)
// The streams here end by a limit or by their client going away, never by the duration.
const lambdaEnv = { AWS_LAMBDA_FUNCTION_NAME: 'kafka-plus-test-Api', KAFKA_PLUS_TAIL_MAX_MS: '60000' }

/** What the Lambda runtime's response stream receives; once `goneWhen` holds, its client has disconnected (writes fail). */
class ClientStream extends Writable {
  readonly chunks: Buffer[] = []
  bytes = 0
  /** When each write arrived, and the bytes received by then. */
  readonly writes: [number, number][] = []
  /** Events received so far, by name. */
  readonly received = new Map<string, number>()
  readonly goneWhen: (client: ClientStream) => boolean

  constructor(goneWhen: (client: ClientStream) => boolean = () => false) {
    super()
    this.goneWhen = goneWhen
  }

  get body(): string {
    const raw = Buffer.concat(this.chunks)
    return raw.subarray(raw.indexOf(delimiter) + 8).toString()
  }

  override _write(chunk: Buffer, _encoding: string, callback: (error?: Error) => void) {
    this.chunks.push(Buffer.from(chunk))
    this.bytes += chunk.length
    this.writes.push([performance.now(), this.bytes])
    for (const [, name] of chunk.toString().matchAll(/^event: (\w+)$/gm)) this.received.set(name as string, (this.received.get(name as string) ?? 0) + 1)
    callback(this.goneWhen(this) ? new Error('write EPIPE: the client went away') : undefined)
  }
}

/** A client that stopped reading: nothing it is sent ever drains. */
class StalledStream extends Writable {
  constructor() {
    super({ highWaterMark: 1 })
  }

  override _write(_chunk: Buffer, _encoding: string, _callback: () => void) {}
}

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
  Object.assign(process.env, testEnv(), lambdaEnv)
})

function tailEvent(topic: string, lastEventId?: string): LambdaFunctionURLEvent {
  const path = `/api/clusters/local/topics/${topic}/tail`
  return {
    version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '',
    headers: {
      host: 'abc123.lambda-url.eu-west-1.on.aws', 'x-forwarded-proto': 'https', authorization: `Bearer ${viewerToken}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    requestContext: {
      accountId: 'anonymous', apiId: 'abc123', domainName: 'abc123.lambda-url.eu-west-1.on.aws', domainPrefix: 'abc123',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'req-1', routeKey: '$default', stage: '$default', time: '22/Nov/2026:01:00:00 +0000', timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  }
}

const MB = 1024 * 1024
/**
 * How far a response ran ahead of Lambda's bandwidth limit (6 MB at any speed, then 2 MB/s): the
 * largest excess of bytes over that, less what the design allows, StreamBudget's bucket (0.5 MB
 * that Lambda would hold back for at most 0.25 s), and 64 KB for events in flight. Above 0: too fast.
 */
function excessOverLambdaBandwidth(writes: [number, number][]): number {
  const crossed = writes.find(([, bytes]) => bytes > 6 * MB)?.[0]
  if (crossed === undefined) return 0
  return Math.max(...writes.filter(([at]) => at >= crossed).map(([at, bytes]) => bytes - 6 * MB - 2 * MB * (at - crossed) / 1000 - 0.5 * MB - 64 * 1024))
}

interface Event { event: string; id?: string; data: string }
const eventsOf = (body: string): Event[] => body.split('\n\n').filter((block) => block.includes('event: ')).map((block) => {
  const line = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2)
  return { event: line('event') as string, id: line('id'), data: line('data') ?? '' }
})

const brokers = [testEnv().KAFKA_BROKERS as string]
const admin = new Admin({ clientId: 'lambda-tail-test', bootstrapBrokers: brokers })
const topics: string[] = []

async function newTopic(partitions: number): Promise<string> {
  const topic = uniqueName('it-lambda-limits')
  await admin.createTopics({ topics: [topic], partitions, replicas: 1 })
  topics.push(topic)
  await waitForLeaders(brokers, topic)
  return topic
}

afterAll(async () => {
  await admin.deleteTopics({ topics }).catch(() => {})
  await admin.close()
})

describe('live tail on Lambda', () => {
  it('ends a stream before the streaming limits and resumes in the next invocation without gaps or duplicates', async () => {
    const topic = await newTopic(2)
    const total = 8_000
    const producer = new Producer({ clientId: 'lambda-tail-producer', bootstrapBrokers: brokers, acks: 1 })
    const pad = 'x'.repeat(1_000)
    for (let i = 0; i < total; i += 500) {
      await producer.send({ messages: Array.from({ length: 500 }, (_, j) => ({ topic, partition: (i + j) % 2, value: Buffer.from(`{"n":${i + j},"pad":"${pad}"}`) })) })
    }
    await producer.close()
    const { handler } = await import('./lambda.ts') as unknown as { handler: StreamingHandler }

    // From the start of the topic: ~10 MB of events, far faster than 2 MB/s.
    let token = encodeResumeToken(topic, new Map([[0, 0n], [1, 0n]]))
    const seen: string[] = []
    const ends: { reason: string; limit?: string }[] = []
    for (let invocation = 0; invocation < 10 && seen.length < total; invocation++) {
      // The last invocation's client leaves once it has everything (otherwise it would stream until the duration limit).
      const client = new ClientStream((c) => seen.length + (c.received.get('message') ?? 0) >= total)
      await handler(tailEvent(topic, token), client, { awsRequestId: `req-${invocation}` })
      expect(excessOverLambdaBandwidth(client.writes)).toBeLessThanOrEqual(0)
      const events = eventsOf(client.body)
      for (const e of events.filter((x) => x.event === 'message')) {
        const item = JSON.parse(e.data) as { partition: number; offset: string }
        seen.push(`${item.partition}:${item.offset}`)
      }
      const end = events.find((e) => e.event === 'end')
      if (end) {
        ends.push(JSON.parse(end.data) as { reason: string; limit?: string })
        expect(end.id).toBeTruthy()
        token = end.id as string
        // The stats just before the end: nothing was dropped on the way.
        expect(JSON.parse(events.filter((e) => e.event === 'stats').at(-1)?.data ?? '{}')).toMatchObject({ dropped: 0 })
      }
    }
    expect(ends.length).toBeGreaterThan(0)
    expect(ends[0]).toMatchObject({ reason: 'timeout', limit: 'bandwidth' })
    expect(seen.length).toBe(total)
    expect(new Set(seen).size).toBe(total)
  }, 120_000)

  describe('stops fetching within seconds of its client going away', () => {
    const deps = testDeps(lambdaEnv)
    afterAll(() => deps.close())
    const loadedLambda = async () => {
      const { streamingHandler } = await import('./lambda-stream.ts')
      return streamingHandler(createApp(deps), { stallMs: 1_000 }) as unknown as StreamingHandler
    }
    const running = () => deps.tails.activeTails + deps.tails.activeLoops

    it('when a write fails', async () => {
      const topic = await newTopic(1)
      const handler = await loadedLambda()
      // The open event and the first stats go out; the write after them fails.
      const client = new ClientStream((c) => c.received.has('stats'))
      const started = Date.now()
      const invocation = handler(tailEvent(topic), client, {})
      await invocation
      const deadline = Date.now() + 5_000
      while (running() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      expect(running()).toBe(0)
      expect(Date.now() - started).toBeLessThan(10_000)
    })

    it('when the stream stops taking data', async () => {
      const topic = await newTopic(1)
      const handler = await loadedLambda()
      const started = Date.now()
      await handler(tailEvent(topic), new StalledStream(), {})
      const deadline = Date.now() + 5_000
      while (running() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      expect(running()).toBe(0)
      expect(Date.now() - started).toBeLessThan(10_000)
    })
  })
})
