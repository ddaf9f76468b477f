// History search over HTTP on the real VictoriaLogs: scoped to the cluster's indexed messages
// (audit, storage, counters and other clusters unreachable, subqueries included), streamed as
// JSON lines, capped, and with clear errors for bad LogsQL and for VictoriaLogs being down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { queryUntil } from '../testing/logs.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const app = createApp(deps)
const word = uniqueName('needle').replaceAll('-', '')
const topic = uniqueName('it-search')
const logs = new VictoriaLogsClient(deps.config.victoriaLogsUrl)
const now = Date.now()
let server: LocalServer
const get = (path: string) => app.request(path, { headers: bearer(viewerToken) })
const search = (query: string, extra = '') => get(`/api/clusters/local/search?query=${encodeURIComponent(query)}${extra}`)
const lines = async (response: Response) => (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>)

beforeAll(async () => {
  const at = (i: number) => new Date(now - 60_000 + i * 100).toISOString()
  const messages = Array.from({ length: 300 }, (_, i) => ({
    _time: at(i), _msg: `payment ${i} ${i % 100 === 0 ? word : 'plain'}`, kind: 'messages', cluster: 'local', topic, partition: i % 3, offset: String(i), key: `k${i}`,
  }))
  await logs.insert(messages, { streamFields: ['kind', 'cluster', 'topic'] })
  // Decoys carrying the same word: none of these may ever come back from a search of 'local'.
  await logs.insert([
    { _time: at(1), _msg: `audit ${word}`, kind: 'audit', cluster: 'local', action: 'x' },
    { _time: at(2), _msg: `storage ${word}`, kind: 'storage', cluster: 'local', topic },
    { _time: at(3), _msg: `counters ${word}`, kind: 'indexstats', cluster: 'local', topic },
    { _time: at(4), _msg: `other cluster ${word}`, kind: 'messages', cluster: 'other', topic },
  ], { streamFields: ['kind', 'cluster', 'topic'] })
  await queryUntil(logs, `${word} | stats count() n`, (r) => Number(r[0]?.n) === 7)
  await queryUntil(logs, `{kind="messages",cluster="local",topic="${topic}"} | stats count() n`, (r) => Number(r[0]?.n) === 300)
  server = await startLocalServer({ deps, port: 0 })
})

afterAll(async () => {
  await server?.close()
  await deps.close()
  await logs.close()
})

describe('GET /search', () => {
  it('finds the cluster\'s indexed messages by word, newest first, with topic/partition/offset', async () => {
    const response = await search(word)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/x-ndjson')
    const rows = await lines(response)
    expect(rows.map((r) => r.offset)).toEqual(['200', '100', '0'])
    expect(rows[0]).toMatchObject({ topic, partition: '2', cluster: 'local', kind: 'messages' })
    expect(rows[0]?._time).toBeDefined()
    expect(rows[0]?._msg).toContain(word)
  })

  it('cannot read audit, storage, counter or other-cluster rows, even through subqueries', async () => {
    for (const query of [
      `{kind="audit"} ${word}`, `kind:audit OR ${word}`, `${word} | union ({kind="audit"})`,
      `_msg:in({kind="storage"} | fields _msg)`, `cluster:other ${word}`, `* | join by (cluster) ({kind="audit"}) | filter ${word}`,
    ]) {
      const response = await search(query)
      expect(response.status, query).toBe(200)
      const rows = await lines(response)
      expect(rows.every((r) => r.kind === 'messages' && r.cluster === 'local'), query).toBe(true)
    }
  })

  it('caps the result count and the time range', async () => {
    const rows = await lines(await search(`topic:="${topic}"`, '&limit=5'))
    expect(rows).toHaveLength(5)
    const tooMany = await search('*', '&limit=100000')
    expect(tooMany.status).toBe(400)
    const wide = await search('*', `&start=${now - 400 * 86_400_000}&end=${now}`)
    expect(wide.status).toBe(400)
    expect(await wide.json()).toMatchObject({ code: 'SEARCH_RANGE_TOO_LARGE' })
    const backwards = await search('*', `&start=${now}&end=${now - 1000}`)
    expect(await backwards.json()).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('answers bad LogsQL with INVALID_QUERY and the parser\'s reason', async () => {
    const response = await search('payment | stats by (')
    expect(response.status).toBe(400)
    const problem = await response.json() as { code: string; detail: string }
    expect(problem.code).toBe('INVALID_QUERY')
    expect(problem.detail).toMatch(/^The LogsQL query is not valid: /)
  })

  it('answers LOGS_UNAVAILABLE when VictoriaLogs is down', async () => {
    const down = testDeps({ VICTORIALOGS_URL: 'http://127.0.0.1:1' })
    try {
      const response = await createApp(down).request('/api/clusters/local/search?query=x', { headers: bearer(viewerToken) })
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ code: 'LOGS_UNAVAILABLE', retryable: true })
      const hits = await createApp(down).request('/api/clusters/local/search/hits?query=x', { headers: bearer(viewerToken) })
      expect(await hits.json()).toMatchObject({ code: 'LOGS_UNAVAILABLE' })
    } finally {
      await down.close()
    }
  })

  it('streams: over real HTTP the rows arrive chunked, and the first line can be read before the rest', async () => {
    const response = await fetch(`${server.url}/api/clusters/local/search?query=${encodeURIComponent(`topic:="${topic}"`)}&limit=300`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBeNull()
    expect(response.headers.get('transfer-encoding')).toBe('chunked')
    const reader = response.body!.getReader()
    const first = await reader.read()
    const text = new TextDecoder().decode(first.value)
    expect(JSON.parse(text.split('\n')[0] as string)).toMatchObject({ topic })
    await reader.cancel()
  })
})

describe('GET /search/hits and /search/facets', () => {
  it('gives a filled histogram with the total, scoped like the search', async () => {
    const start = new Date(now - 120_000).toISOString()
    const end = new Date(now + 60_000).toISOString()
    const response = await get(`/api/clusters/local/search/hits?query=${word}&start=${start}&end=${end}&step=1m`)
    expect(response.status).toBe(200)
    const body = await response.json() as { total: number; stepMs: number; buckets: { time: string; hits: number }[] }
    expect(body.total).toBe(3)
    expect(body.stepMs).toBe(60_000)
    expect(body.buckets.length).toBeGreaterThanOrEqual(3)
    expect(body.buckets.reduce((sum, b) => sum + b.hits, 0)).toBe(3)
    const tooFine = await get(`/api/clusters/local/search/hits?query=x&start=${now - 30 * 86_400_000}&end=${now}&step=1s`)
    expect(tooFine.status).toBe(400)
  })

  it('lists field values with hits for facets', async () => {
    const response = await get(`/api/clusters/local/search/facets?query=${encodeURIComponent(`${word} OR topic:="${topic}"`)}`)
    expect(response.status).toBe(200)
    const body = await response.json() as { fields: { name: string; values: { value: string; hits: number }[] }[] }
    expect(body.fields.find((f) => f.name === 'partition')?.values.length).toBe(3)
    expect(body.fields.some((f) => f.name === 'kind' || f.name === 'cluster')).toBe(false)
  })

  it('ranks fields: topic and key first (key has 300 values), the few-valued partition before it runs out, with coverage and total', async () => {
    const response = await get(`/api/clusters/local/search/facets?query=${encodeURIComponent(`topic:="${topic}"`)}&values=5`)
    const body = await response.json() as { total: number; fields: { name: string; coverage: number; more: boolean; values: unknown[] }[] }
    expect(body.total).toBe(300)
    expect(body.fields.map((f) => f.name).slice(0, 3)).toEqual(['topic', 'key', 'partition'])
    expect(body.fields[1]).toMatchObject({ name: 'key', coverage: 1, more: true })
    expect(body.fields[1]?.values).toHaveLength(5)
    expect(body.fields[2]).toMatchObject({ name: 'partition', coverage: 1, more: false })
  })
})
