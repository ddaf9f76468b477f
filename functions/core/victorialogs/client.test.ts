// The client against a small real HTTP server that answers each way VictoriaLogs can fail:
// every case maps to one AppError code, and no message carries the internal address.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { VictoriaLogsClient } from './client.ts'
import { parseGoDuration } from './storage-state.ts'

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void

let server: Server
let url: string
let handle: Handler = (_request, response) => response.end()
const sockets = new Set<Socket>()
const received: { method: string; url: string; body: string }[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({ method: request.method ?? '', url: request.url ?? '', body })
      handle(request, response, body)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(() => {
  received.length = 0
  // A hanging answer from one case must not hold a connection into the next.
  for (const socket of sockets) socket.destroy()
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const answer = (status: number, text: string): Handler => (_request, response) => {
  response.writeHead(status, { 'content-type': 'text/plain' })
  response.end(text)
}

async function failure(run: (client: VictoriaLogsClient) => Promise<unknown>, base = url): Promise<AppError> {
  const client = new VictoriaLogsClient(base)
  try {
    await run(client)
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    // The internal address is for the server log (the cause), never for the message.
    expect(appError.message).not.toContain('127.0.0.1')
    expect(String((appError.cause as Error | undefined)?.message)).toContain(base)
    return appError
  } finally {
    await client.close()
  }
  throw new Error('expected the call to fail')
}

const rows = async (client: VictoriaLogsClient, query = '*', options = {}) => {
  const out: Record<string, unknown>[] = []
  for await (const row of client.queryRows(query, options)) out.push(row)
  return out
}
const insert = (client: VictoriaLogsClient, options = {}) => client.insert([{ _msg: 'x' }], { streamFields: ['kind'], ...options })

describe('VictoriaLogsClient error mapping', () => {
  it('400 to a query → INVALID_QUERY 400 with the parser\'s reason, not the echoed query', async () => {
    handle = answer(400, 'cannot parse query [foo | stats by (]: cannot parse "stats" pipe: missing ")"')
    const error = await failure((c) => rows(c, 'foo | stats by ('))
    expect(error).toMatchObject({ code: 'INVALID_QUERY', status: 400, retryable: false })
    expect(error.message).toBe('The LogsQL query is not valid: cannot parse "stats" pipe: missing ")"')
  })

  it('422 to a query → INVALID_QUERY 400', async () => {
    handle = answer(422, 'unsupported pipe')
    expect(await failure((c) => c.hits('x', { step: '1m' }))).toMatchObject({ code: 'INVALID_QUERY', status: 400, message: 'The LogsQL query is not valid: unsupported pipe' })
  })

  it('400 or 422 to an insert → LOGS_ERROR 502, not retryable (sending it again would fail again)', async () => {
    for (const status of [400, 422]) {
      handle = answer(status, 'cannot parse stream fields')
      const error = await failure(insert)
      expect(error).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: false })
      expect(error.message).not.toContain('cannot parse')
    }
  })

  it('5xx → LOGS_ERROR 502, retryable, VictoriaLogs\' text kept for the server log only', async () => {
    for (const status of [500, 502, 503]) {
      handle = answer(status, `internal failure at /var/lib/victorialogs (${status})`)
      const queried = await failure((c) => c.facets('x'))
      expect(queried).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: true })
      expect(queried.message).not.toContain('/var/lib')
      expect(String((queried.cause as Error).message)).toContain('/var/lib/victorialogs')
      expect(await failure(insert)).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: true })
      expect(await failure((c) => c.health())).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: true })
    }
  })

  it('other 4xx (a wrong path, say) → LOGS_ERROR 502, not retryable', async () => {
    handle = answer(404, 'not found')
    expect(await failure((c) => rows(c))).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: false })
  })

  it('VictoriaLogs stopping a query at its own time limit → QUERY_TIMEOUT 504, retryable', async () => {
    handle = answer(503, 'cannot execute query [* | stats count()]: context deadline exceeded')
    expect(await failure((c) => c.query('* | stats count()', { timeout: '10s' }))).toMatchObject({ code: 'QUERY_TIMEOUT', status: 504, retryable: true })
  })

  it('no answer in time → QUERY_TIMEOUT 504 for reads, LOGS_UNAVAILABLE 503 for writes and health', async () => {
    handle = () => {} // never answers
    expect(await failure((c) => rows(c, '*', { timeoutMs: 200 }))).toMatchObject({ code: 'QUERY_TIMEOUT', status: 504, retryable: true })
    expect(await failure((c) => insert(c, { timeoutMs: 200 }))).toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503, retryable: true })
    expect(await failure((c) => c.health(200))).toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503, retryable: true })
  })

  it('an answer that stalls midway → QUERY_TIMEOUT 504', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/stream+json' })
      response.write('{"_msg":"first"}\n')
    }
    expect(await failure((c) => rows(c, '*', { timeoutMs: 300 }))).toMatchObject({ code: 'QUERY_TIMEOUT', status: 504 })
  })

  it('a connection closed without an answer → LOGS_UNAVAILABLE 503, retryable', async () => {
    handle = (request) => request.socket.destroy()
    expect(await failure((c) => rows(c))).toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503, retryable: true })
    expect(await failure(insert)).toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503, retryable: true })
  })

  it('a connection lost in the middle of the rows → LOGS_UNAVAILABLE 503', async () => {
    handle = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/stream+json' })
      response.write('{"_msg":"first"}\n', () => setTimeout(() => request.socket.destroy(), 20))
    }
    expect(await failure((c) => rows(c))).toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503 })
  })

  it('nothing listening (unreachable) → LOGS_UNAVAILABLE 503, retryable, for every operation', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const nowhere = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    for (const run of [(c: VictoriaLogsClient) => rows(c), (c: VictoriaLogsClient) => c.hits('x', { step: '1m' }), insert, (c: VictoriaLogsClient) => c.health()]) {
      expect(await failure(run, nowhere)).toMatchObject({ code: 'LOGS_UNAVAILABLE', status: 503, retryable: true, message: 'VictoriaLogs could not be reached.' })
    }
  })

  it('a body that is not JSON → LOGS_ERROR 502', async () => {
    handle = answer(200, '<html>a proxy\'s error page</html>')
    expect(await failure((c) => c.facets('x'))).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: false })
  })

  it('the caller\'s own abort passes as it is, unmapped', async () => {
    handle = () => {}
    const client = new VictoriaLogsClient(url)
    try {
      const controller = new AbortController()
      const pending = rows(client, '*', { signal: controller.signal })
      setTimeout(() => controller.abort(new Error('client went away')), 50)
      await expect(pending).rejects.not.toBeInstanceOf(AppError)
    } finally {
      await client.close()
    }
  })
})

describe('VictoriaLogsClient requests', () => {
  it('sends the query form with its window, scope and limits, under the URL\'s path', async () => {
    handle = answer(200, '{"hits":[{"timestamps":["2026-01-01T00:00:00Z"],"values":[3],"total":3}]}')
    const client = new VictoriaLogsClient(`${url}/vl/`)
    try {
      const hits = await client.hits('error', { step: '60000ms', start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', extraStreamFilters: '{kind="messages"}', timeout: '10000ms' })
      expect(hits.hits?.[0]?.total).toBe(3)
    } finally {
      await client.close()
    }
    expect(received[0]?.url).toBe('/vl/select/logsql/hits')
    expect(Object.fromEntries(new URLSearchParams(received[0]?.body))).toEqual({
      query: 'error', step: '60000ms', start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', extra_stream_filters: '{kind="messages"}', timeout: '10000ms',
    })
  })

  it('yields rows line by line as they arrive: lines split across chunks, multi-byte characters split too', async () => {
    let release = () => {}
    const released = new Promise<void>((resolve) => { release = resolve })
    const snowman = Buffer.from('{"_msg":"☃ first"}\n{"_msg":"sec')
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/stream+json' })
      // The snowman's three bytes are split over two writes.
      response.write(snowman.subarray(0, 10))
      response.write(snowman.subarray(10), () => {
        void released.then(() => response.end('ond"}\n\n{"_msg":"third"}'))
      })
    }
    const client = new VictoriaLogsClient(url)
    try {
      const seen: unknown[] = []
      for await (const row of client.queryRows('*')) {
        seen.push(row._msg)
        // The first row is here while VictoriaLogs has not sent the rest: nothing waited for the whole body.
        if (seen.length === 1) release()
      }
      expect(seen).toEqual(['☃ first', 'second', 'third'])
    } finally {
      await client.close()
    }
  })

  it('streams an insert as JSON lines with the stream fields, and keeps one connection alive across requests', async () => {
    handle = answer(200, '')
    // One connection at most: a client that did not keep it alive would have to open more.
    const client = new VictoriaLogsClient(url, { connections: 1 })
    const connections = new Set<Socket>()
    const onConnection = (socket: Socket) => connections.add(socket)
    server.on('connection', onConnection)
    try {
      async function* documents() {
        for (let i = 0; i < 3_000; i++) yield { _msg: `line ${i}`, kind: 'test', seq: i }
      }
      await client.insert(documents(), { streamFields: ['kind', 'cluster'], timeField: 'at' })
      await client.insertLines(Buffer.from('{"_msg":"raw"}\n'), { streamFields: ['kind'] })
      await client.health()
      await client.health()
    } finally {
      server.off('connection', onConnection)
      await client.close()
    }
    const [streamed, raw] = received
    expect(streamed?.url).toBe('/insert/jsonline?_stream_fields=kind%2Ccluster&_time_field=at')
    const lines = streamed?.body.trim().split('\n') ?? []
    expect(lines).toHaveLength(3_000)
    expect(JSON.parse(lines[2_999] ?? '')).toEqual({ _msg: 'line 2999', kind: 'test', seq: 2_999 })
    expect(raw?.body).toBe('{"_msg":"raw"}\n')
    expect(connections.size).toBe(1)
  })
})

describe('VictoriaLogsClient.storageState (the durability check)', () => {
  const metrics = [
    '# HELP nothing',
    'vl_storage_parts{type="storage/inmemory"} 2',
    'flag{name="inmemoryDataFlushInterval", value="1m30s", is_set="true"} 1',
    'vm_app_start_timestamp 1795976588',
    'vm_app_uptime_seconds 2200',
  ].join('\n')

  it('reads the process start and the flush interval from /metrics', async () => {
    handle = answer(200, metrics)
    const client = new VictoriaLogsClient(`${url}/vl`)
    try {
      expect(await client.storageState()).toEqual({ startedAt: 1795976588, flushIntervalMs: 90_000 })
    } finally {
      await client.close()
    }
    expect(received[0]).toMatchObject({ method: 'GET', url: '/vl/metrics' })
  })

  it('takes VictoriaLogs\' default interval when the flag is not listed, and its 1 s floor', async () => {
    handle = answer(200, 'vm_app_start_timestamp 17\n')
    const client = new VictoriaLogsClient(url)
    try {
      expect(await client.storageState()).toEqual({ startedAt: 17, flushIntervalMs: 5_000 })
      handle = answer(200, 'flag{name="inmemoryDataFlushInterval", value="200ms", is_set="true"} 1\nvm_app_start_timestamp 18\n')
      expect(await client.storageState()).toEqual({ startedAt: 18, flushIntervalMs: 1_000 })
    } finally {
      await client.close()
    }
  })

  it('metrics without a start time → LOGS_ERROR 502; refused or unreachable → mapped like any request', async () => {
    handle = answer(200, 'something_else 1\n')
    expect(await failure((c) => c.storageState())).toMatchObject({ code: 'LOGS_ERROR', status: 502, retryable: false })
    handle = answer(401, 'Unauthorized')
    expect(await failure((c) => c.storageState())).toMatchObject({ code: 'LOGS_ERROR', status: 502, message: 'VictoriaLogs answered 401 to the durability check.' })
    expect(await failure((c) => c.storageState(), 'http://127.0.0.1:1')).toMatchObject({ code: 'LOGS_UNAVAILABLE', retryable: true })
  })
})

describe('parseGoDuration', () => {
  it.each([['5s', 5_000], ['1m30s', 90_000], ['500ms', 500], ['1.5s', 1_500], ['1h0m0s', 3_600_000], ['', undefined], ['5', undefined], ['5x', undefined]])('%s → %s', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms)
  })
})
