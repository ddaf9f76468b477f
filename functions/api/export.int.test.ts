// Exports on the real stack: a topic of a few thousand records exported in each format and mode
// matches what was produced (count, partitions and offsets, keys, values, headers); a search
// export carries exactly the search's rows; and a stalled reader stops the reading from Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browseExport } from '../core/export/sources.ts'
import { writeExport } from '../core/export/sink.ts'
import { plainDecoder } from '../core/messages/decode.ts'
import { VictoriaLogsClient } from '../core/victorialogs/index.ts'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import type { ExportRow } from '../contract/index.ts'
import { parseCsv } from '../testing/csv.ts'
import { produce } from '../testing/kafka.ts'
import { queryUntil } from '../testing/logs.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { TestTopics } from '../testing/topics.ts'
import { createApp } from './app.ts'

const deps = testDeps()
const brokers = deps.config.clusters[0]?.brokers ?? []
const testTopics = new TestTopics(brokers, 'export-test')
const logs = new VictoriaLogsClient(deps.config.victoriaLogsUrl)
let server: LocalServer
const auth = bearer(viewerToken)

const count = 3_000
const partitions = 3
/** Record i goes to partition i % 3, so it lands at offset floor(i / 3). */
const source = Array.from({ length: count }, (_, i) => ({
  key: `key-${i}`,
  value: i % 2 === 0 ? JSON.stringify({ n: i, note: 'a, "quoted"\nvalue' }) : `plain, "text"\r\nline ${i}`,
  partition: i % partitions,
  headers: { trace: `t-${i}`, 'x-kind': i % 2 === 0 ? 'json' : 'text' },
}))
const sourceAt = (partition: number, offset: string) => source[Number(offset) * partitions + partition]
let topic: string

async function download(path: string): Promise<{ status: number; type: string; disposition: string; text: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: auth })
  return { status: response.status, type: response.headers.get('content-type') ?? '', disposition: response.headers.get('content-disposition') ?? '', text: await response.text() }
}

function rowsOf(format: string, text: string): Pick<ExportRow, 'topic' | 'partition' | 'offset' | 'key' | 'value' | 'headers'>[] {
  if (format === 'ndjson') return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportRow)
  if (format === 'json') return JSON.parse(text) as ExportRow[]
  const [header, ...lines] = parseCsv(text)
  expect(header).toEqual(['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers', 'keyEncoding', 'valueEncoding'])
  return lines.map(([t, partition, offset, , key, value, headers]) => ({
    topic: t ?? '', partition: Number(partition), offset: offset ?? '', key: key ?? null, value: value ?? null, headers: JSON.parse(headers ?? '[]') as ExportRow['headers'],
  }))
}

const fromBase64 = (text: string | null) => (text === null ? null : Buffer.from(text, 'base64').toString('utf8'))

beforeAll(async () => {
  topic = await testTopics.create('it-export', partitions)
  await produce(brokers, topic, source)
  server = await startLocalServer({ deps, port: 0 })
})

afterAll(async () => {
  await testTopics.close()
  await server?.close()
  await deps.close()
  await logs.close()
})

describe('browse export', () => {
  for (const format of ['ndjson', 'json', 'csv'] as const) {
    it(`${format}: the whole topic, decoded, matches what was produced`, async () => {
      const { status, type, disposition, text } = await download(`/api/clusters/local/topics/${topic}/export?format=${format}&offset=0&limit=1000000`)
      expect(status).toBe(200)
      expect(type).toContain({ ndjson: 'application/x-ndjson', json: 'application/json', csv: 'text/csv' }[format])
      expect(disposition).toMatch(new RegExp(`^attachment; filename="${topic}-[0-9TZ-]+\\.${format}"$`))
      const rows = rowsOf(format, text)
      expect(rows).toHaveLength(count)
      // Every partition in offset order, each record once.
      for (let p = 0; p < partitions; p++) {
        expect(rows.filter((r) => r.partition === p).map((r) => r.offset)).toEqual(Array.from({ length: count / partitions }, (_, o) => String(o)))
      }
      for (const row of rows) {
        const expected = sourceAt(row.partition, row.offset)
        expect(row.topic).toBe(topic)
        expect(row.key).toBe(expected?.key)
        expect(row.value).toBe(expected?.value)
        expect(row.headers.map((h) => [h.key, h.value])).toEqual(Object.entries(expected?.headers ?? {}))
      }
    })
  }

  it('raw: keys, values and headers are base64 of the bytes', async () => {
    const { text } = await download(`/api/clusters/local/topics/${topic}/export?format=ndjson&mode=raw&partition=1&offset=10&limit=50`)
    const rows = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportRow)
    expect(rows.map((r) => r.offset)).toEqual(Array.from({ length: 50 }, (_, i) => String(10 + i)))
    for (const row of rows) {
      const expected = sourceAt(1, row.offset)
      expect([row.keyEncoding, row.valueEncoding]).toEqual(['base64', 'base64'])
      expect(fromBase64(row.key)).toBe(expected?.key)
      expect(fromBase64(row.value)).toBe(expected?.value)
      expect(row.headers.map((h) => [h.key, fromBase64(h.value)])).toEqual(Object.entries(expected?.headers ?? {}))
    }
  })

  it('latest N takes the newest N of each partition, as browse does', async () => {
    const rows = rowsOf('json', (await download(`/api/clusters/local/topics/${topic}/export?format=json&limit=5`)).text)
    expect(rows).toHaveLength(15)
    expect(rows.filter((r) => r.partition === 2).map((r) => r.offset)).toEqual(['995', '996', '997', '998', '999'])
  })

  describe('with the browse filter', () => {
    const browse = async (query: string) => {
      const page = JSON.parse((await download(`/api/clusters/local/topics/${topic}/messages?${query}`)).text) as { items: { partition: number; offset: string }[] }
      return page.items.map((m) => `${m.partition}:${m.offset}`).sort()
    }
    const exported = async (query: string) => rowsOf('ndjson', (await download(`/api/clusters/local/topics/${topic}/export?format=ndjson&${query}`)).text)

    it('from an offset: exactly the records the filtered browse shows', async () => {
      const filter = `filter=${encodeURIComponent('^key-\\d*7$')}&filterField=key&filterKind=regex`
      const rows = await exported(`offset=0&limit=1000000&${filter}`)
      // Keys ending in 7: one record in ten.
      expect(rows).toHaveLength(count / 10)
      expect(rows.every((r) => /7$/.test(r.key ?? ''))).toBe(true)
      expect(rows.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(await browse(`offset=0&limit=500&${filter}`))
    })

    it('newest first: the newest matches of each partition, as the filtered browse of that partition', async () => {
      const filter = `filter=${encodeURIComponent('$.n >= 2000')}&filterField=value&filterKind=jsonPath`
      const rows = await exported(`limit=4&${filter}`)
      expect(rows).toHaveLength(4 * partitions)
      for (let p = 0; p < partitions; p++) {
        const newest = source.map((r, i) => ({ ...r, i })).filter((r) => r.partition === p && r.i % 2 === 0 && r.i >= 2000).slice(-4)
        const mine = rows.filter((r) => r.partition === p)
        expect(mine.map((r) => r.key)).toEqual(newest.map((r) => r.key))
        expect(mine.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(await browse(`partition=${p}&limit=4&${filter}`))
      }
    })

    it('a header substring, and a bad regex refused before streaming', async () => {
      const rows = await exported(`offset=0&limit=1000000&filter=t-299&filterField=header&header=trace`)
      // t-299 and t-2990…t-2999.
      expect(rows.map((r) => r.key).sort()).toEqual(['key-299', ...Array.from({ length: 10 }, (_, i) => `key-299${i}`)].sort())
      const bad = await download(`/api/clusters/local/topics/${topic}/export?filter=${encodeURIComponent('(')}&filterKind=regex`)
      expect(bad.status).toBe(400)
      expect(JSON.parse(bad.text)).toMatchObject({ code: 'INVALID_INPUT' })
    })
  })

  it('refuses bad input before streaming, as a problem', async () => {
    const missing = await download(`/api/clusters/local/topics/${topic}-missing/export`)
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.text)).toMatchObject({ code: 'TOPIC_NOT_FOUND' })
    const partition = await download(`/api/clusters/local/topics/${topic}/export?partition=9`)
    expect(JSON.parse(partition.text)).toMatchObject({ code: 'INVALID_INPUT' })
    const tooMany = await download(`/api/clusters/local/topics/${topic}/export?limit=1000001`)
    expect(JSON.parse(tooMany.text)).toMatchObject({ code: 'INVALID_INPUT' })
    const format = await download(`/api/clusters/local/topics/${topic}/export?format=xml`)
    expect(format.status).toBe(400)
  })

  it('a stalled reader stops the reading: the export reads about one fetch past what was taken', async () => {
    // 5 MB in one partition: ten fetch rounds of 512 KiB.
    const big = await testTopics.create('it-export-big', 1)
    const bigCount = 5_000
    // In sends of 500 (~0.5 MB): one request of everything is over the broker's limit.
    for (let from = 0; from < bigCount; from += 500) {
      await produce(brokers, big, Array.from({ length: 500 }, (_, i) => ({ key: `k${from + i}`, value: `${from + i}:`.padEnd(1000, 'v') })))
    }
    const abort = new AbortController()
    const cluster = deps.kafka.get('local')
    const rows = await browseExport(cluster, big, { limit: 1_000_000, offset: 0n }, 'decoded', plainDecoder, abort.signal)
    let read = 0
    async function* counted() {
      for await (const batch of rows) {
        read += batch.length
        yield batch
      }
    }
    let writes = 0
    let unblock: (() => void) | undefined
    const stalled = writeExport(counted(), 'ndjson', {
      write: () => {
        writes++
        // The first chunk is taken; the reader then stops reading.
        return writes === 1 ? Promise.resolve() : new Promise<void>((resolve) => (unblock = resolve))
      },
    }, abort.signal)
    await expect.poll(() => writes).toBe(2)
    const readWhenStalled = read
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(read).toBe(readWhenStalled)
    // The first chunk (64 KiB, ~60 rows) went out; what was read is the fetch rounds that filled it and the next.
    expect(read).toBeLessThan(bigCount / 2)
    abort.abort()
    unblock?.()
    await expect(stalled).rejects.toThrow()
  })
})

describe('over HTTP', () => {
  it('a failure after the first byte breaks the download instead of ending a short file', async () => {
    const doomed = await testTopics.create('it-export-doomed', 1)
    // 20 MB: far more than the export reads ahead of a stalled reader, so the deletion cannot come too late.
    for (let from = 0; from < 20_000; from += 1_000) {
      await produce(brokers, doomed, Array.from({ length: 1_000 }, (_, i) => ({ value: `${from + i}:`.padEnd(1000, 'v') })))
    }
    const response = await fetch(`${server.url}/api/clusters/local/topics/${doomed}/export?offset=0&limit=1000000`, { headers: auth })
    expect(response.status).toBe(200)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const first = await reader.read()
    expect(first.done).toBe(false)
    // The reader stalls; meanwhile the topic goes away, so the export's next fetch fails.
    await testTopics.admin.deleteTopics({ topics: [doomed] })
    // Deletion reaches the broker's metadata a moment after the controller commits it: wait for that,
    // so the export's next fetch meets a deleted topic rather than racing the deletion.
    for (let tries = 0; tries < 100; tries++) {
      const probe = await fetch(`${server.url}/api/clusters/local/topics/${doomed}`, { headers: auth })
      await probe.body?.cancel()
      if (probe.status === 404) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return 'ended'
    }
    await expect(drain()).rejects.toThrow()
  })
})

describe('search export', () => {
  const searchTopic = uniqueName('it-export-search')
  const now = Date.now()
  beforeAll(async () => {
    const documents = Array.from({ length: 400 }, (_, i) => ({
      _time: new Date(now - 60_000 + i * 10).toISOString(), _msg: i % 2 ? `text, "row"\n${i}` : JSON.stringify({ i }),
      kind: 'messages', cluster: 'local', topic: searchTopic, partition: i % 4, offset: String(i), key: `k${i}`,
      keyEncoding: 'utf8', valueEncoding: 'utf8', 'headers.trace': `t${i}`,
    }))
    await logs.insert(documents, { streamFields: ['kind', 'cluster', 'topic'] })
    await queryUntil(logs, `{kind="messages",cluster="local",topic="${searchTopic}"} | stats count() n`, (r) => Number(r[0]?.n) === 400)
  })

  const query = () => encodeURIComponent(`topic:="${searchTopic}" offset:<300`)
  const range = `&start=${now - 120_000}&end=${now + 60_000}`

  it('carries the search\'s rows, in its order, in every format', async () => {
    const searched = (await download(`/api/clusters/local/search?query=${query()}${range}&limit=1000`)).text
      .split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>)
    expect(searched).toHaveLength(300)
    for (const format of ['ndjson', 'json', 'csv'] as const) {
      const { status, text, disposition } = await download(`/api/clusters/local/search/export?format=${format}&query=${query()}${range}&limit=1000`)
      expect(status).toBe(200)
      expect(disposition).toContain(`.${format}"`)
      const rows = rowsOf(format, text)
      expect(rows.map((r) => [r.topic, r.partition, r.offset, r.key, r.value]), format)
        .toEqual(searched.map((s) => [s.topic, Number(s.partition), s.offset, s.key, s._msg]))
      expect(rows[0]?.headers).toEqual([{ key: 'trace', value: searched[0]?.['headers.trace'], encoding: 'text' }])
    }
  })

  it('honours its limit and refuses bad LogsQL as a problem', async () => {
    const limited = rowsOf('ndjson', (await download(`/api/clusters/local/search/export?query=${query()}${range}&limit=7`)).text)
    expect(limited).toHaveLength(7)
    const bad = await download(`/api/clusters/local/search/export?query=${encodeURIComponent('foo | bar(')}`)
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.text)).toMatchObject({ code: 'INVALID_QUERY' })
  })
})

describe('scoped roles', () => {
  const token = 'test-scoped-export-token-0123456789-abcdef'
  const scoped = testDeps({ KAFKA_PLUS_TOKENS: JSON.stringify([{ name: 'sam', grants: [{ role: 'viewer', topics: ['elsewhere-*'] }], token }]) })
  const app = createApp(scoped)
  afterAll(() => scoped.close())

  it('refuses a topic outside the grant, and a search export reads only granted topics', async () => {
    const refused = await app.request(`/api/clusters/local/topics/${topic}/export`, { headers: bearer(token) })
    expect(refused.status).toBe(403)
    const searched = await app.request(`/api/clusters/local/search/export?query=${encodeURIComponent('*')}&limit=50`, { headers: bearer(token) })
    expect(searched.status).toBe(200)
    const rows = (await searched.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportRow)
    expect(rows.every((r) => r.topic.startsWith('elsewhere-'))).toBe(true)
  })
})
