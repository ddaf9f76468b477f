// Browse and live tail against the real broker, through real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browseMessages } from '../core/messages/browse.ts'
import { compileBrowseFilter } from '../core/messages/browse-filter.ts'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { produce, Producer } from '../testing/kafka.ts'
import { messages, openEventStream } from '../testing/sse.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { TestTopics } from '../testing/topics.ts'

interface Item { partition: number; offset: string; timestamp: string; key: string | null; keyEncoding: string; value: string | null; valueEncoding: string; size: number; truncated: boolean; headers: { key: string; value: string | null; encoding: string }[] }

const deps = testDeps({ KAFKA_PLUS_TAIL_MAX_MS: '60000' })
const brokers = deps.config.clusters[0]?.brokers ?? []
const testTopics = new TestTopics(brokers, 'messages-test')
const { admin } = testTopics
let server: LocalServer
const auth = bearer(viewerToken)

const newTopic = (partitions: number) => testTopics.create('it-msg', partitions)

interface Page { items: Item[]; nextCursor: string | null; scanned: number; scanLimited: boolean; code?: string; detail?: string }

async function browse(topic: string, query = ''): Promise<{ status: number; body: Page }> {
  const response = await fetch(`${server.url}/api/clusters/local/topics/${topic}/messages?${query}`, { headers: auth })
  return { status: response.status, body: await response.json() as Page }
}

/** Every page of a read, following nextCursor; the `n` of each record, page by page. */
async function allPages(topic: string, query: string): Promise<number[][]> {
  const pages: number[][] = []
  let cursor: string | null = null
  do {
    const { status, body }: { status: number; body: Page } = await browse(topic, `${query}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(status).toBe(200)
    pages.push(body.items.map((m) => (JSON.parse(m.value as string) as { n: number }).n))
    cursor = body.nextCursor
  } while (cursor && pages.length < 20)
  return pages
}

const groupIds = async () => new Set((await admin.listGroups({ types: ['classic', 'consumer'] })).keys())
/**
 * Groups created since `before` that could be ours: named after the product or the topic, or with
 * offsets committed on the topic. Other tests create groups on the same broker meanwhile.
 */
async function groupsTouching(topic: string, before: Set<string>): Promise<string[]> {
  const created = [...await groupIds()].filter((id) => !before.has(id))
  if (created.length === 0) return []
  const offsets = await admin.listConsumerGroupOffsets({ groups: created })
  return created.filter((id) => id.includes('kafka-plus') || id.includes(topic)
    || offsets.some((g) => g.groupId === id && g.topics.some((t) => t.name === topic)))
}

beforeAll(async () => {
  server = await startLocalServer({ deps, port: 0 })
})

afterAll(async () => {
  await testTopics.close()
  await server.close()
  await deps.close()
})

describe('browse', () => {
  let topic: string
  const base = Date.now() - 60_000
  beforeAll(async () => {
    topic = await newTopic(2)
    await produce(brokers, topic, [
      ...Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ n: i, kind: 'order' }), partition: i % 2, timestamp: BigInt(base + i * 1000) })),
    ])
  })

  it('returns the latest N across partitions, newest first, without creating a consumer group', async () => {
    const before = await groupIds()
    const { status, body } = await browse(topic, 'limit=4')
    expect(status).toBe(200)
    expect(body.items.map((m) => JSON.parse(m.value as string).n)).toEqual([9, 8, 7, 6])
    expect(body.items[0]).toMatchObject({ partition: 1, offset: '4', key: 'k9', keyEncoding: 'text', valueEncoding: 'json', truncated: false })
    expect(await groupsTouching(topic, before)).toEqual([])
  })

  it('reads from an offset on one partition, ascending', async () => {
    const { body } = await browse(topic, 'partition=0&offset=2&limit=2')
    expect(body.items.map((m) => [m.partition, m.offset, JSON.parse(m.value as string).n])).toEqual([[0, '2', 4], [0, '3', 6]])
  })

  it('reads from a point in time across partitions', async () => {
    const { body } = await browse(topic, `timestamp=${new Date(base + 6500).toISOString()}&limit=10`)
    expect(body.items.map((m) => JSON.parse(m.value as string).n)).toEqual([7, 8, 9])
    expect((await browse(topic, `timestamp=${base + 8000}`)).body.items.map((m) => JSON.parse(m.value as string).n)).toEqual([8, 9])
  })

  it('decodes JSON, text, binary, null and headers, and truncates large values with their real size', async () => {
    const special = await newTopic(1)
    const producer = new Producer({ clientId: 'decode-test', bootstrapBrokers: brokers, idempotent: true, acks: -1 })
    const big = 'x'.repeat(100_000)
    await producer.send({ messages: [
      { topic: special, key: Buffer.from('{"id":1}'), value: Buffer.from('{"a":[1,2,{"b":null}]}'), headers: new Map([[Buffer.from('trace'), Buffer.from('abc-123')]]) },
      { topic: special, key: Buffer.from('plain'), value: Buffer.from('hello world, ünïcödé') },
      { topic: special, key: Buffer.from([0, 159, 146, 150]), value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]) },
      { topic: special, key: null as unknown as Buffer, value: null as unknown as Buffer },
      { topic: special, value: Buffer.from(big) },
      { topic: special, value: Buffer.from(`{"big":"${big}"}`) },
    ] })
    await producer.close()
    const { body } = await browse(special, 'offset=0&limit=10')
    const [json, text, binary, empty, large, largeJson] = body.items
    expect(json).toMatchObject({ key: '{"id":1}', keyEncoding: 'json', value: '{"a":[1,2,{"b":null}]}', valueEncoding: 'json', headers: [{ key: 'trace', value: 'abc-123', encoding: 'text' }] })
    expect(text).toMatchObject({ value: 'hello world, ünïcödé', valueEncoding: 'text', size: Buffer.byteLength('hello world, ünïcödé') })
    expect(binary).toMatchObject({ keyEncoding: 'base64', key: Buffer.from([0, 159, 146, 150]).toString('base64'), valueEncoding: 'base64', value: '3q2+7wAB', size: 6 })
    expect(empty).toMatchObject({ key: null, keyEncoding: 'null', value: null, valueEncoding: 'null', size: 0 })
    expect(large).toMatchObject({ valueEncoding: 'text', size: 100_000, truncated: true })
    expect(large?.value?.length).toBe(64 * 1024)
    expect(largeJson).toMatchObject({ valueEncoding: 'json', size: 100_010, truncated: true })
  })

  it('loads more past a page, newest first: every record once, in time order, then no cursor', async () => {
    expect(await allPages(topic, 'limit=3')).toEqual([[9, 8, 7], [6, 5, 4], [3, 2, 1], [0]])
  })

  it('loads more from an offset, oldest first, across partitions', async () => {
    expect(await allPages(topic, 'offset=0&limit=4')).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
  })

  it('newest first is the newest across partitions even when one partition is far longer', async () => {
    const skewed = await newTopic(2)
    // 300 old records on partition 0, then 3 newer ones on partition 1: the 5 newest are 3 + 2.
    await produce(brokers, skewed, Array.from({ length: 300 }, (_, i) => ({ value: JSON.stringify({ n: i }), partition: 0, timestamp: BigInt(base + i) })))
    await produce(brokers, skewed, [300, 301, 302].map((n) => ({ value: JSON.stringify({ n }), partition: 1, timestamp: BigInt(base + 10_000 + n) })))
    const { body } = await browse(skewed, 'limit=5')
    expect(body.items.map((m) => [m.partition, JSON.parse(m.value as string).n])).toEqual([[1, 302], [1, 301], [1, 300], [0, 299], [0, 298]])
  })

  it('filters on the server: JSON path on the value, regex on the key, substring on a header', async () => {
    const newest = async (query: string) => (await browse(topic, query)).body.items.map((m) => (JSON.parse(m.value as string) as { n: number }).n)
    expect(await newest(`filterField=value&filterKind=jsonPath&filter=${encodeURIComponent('$.n >= 7')}`)).toEqual([9, 8, 7])
    expect(await newest(`filterField=value&filterKind=jsonPath&filter=${encodeURIComponent('$.kind == "order"')}&limit=2`)).toEqual([9, 8])
    expect(await newest(`filterField=key&filterKind=regex&filter=${encodeURIComponent('^K[13]$')}`)).toEqual([3, 1])
    expect(await newest('filterField=value&filter=nothing-like-this')).toEqual([])
    // Paging a filtered read: the cursor keeps the filter's place.
    expect(await allPages(topic, `filterField=value&filterKind=jsonPath&filter=${encodeURIComponent('$.n < 6')}&limit=4`)).toEqual([[5, 4, 3, 2], [1, 0]])
    const headed = await newTopic(1)
    await produce(brokers, headed, [
      { key: 'a', value: JSON.stringify({ n: 1 }), headers: { source: 'web' } },
      { key: 'b', value: JSON.stringify({ n: 2 }), headers: { source: 'batch' } },
    ])
    expect((await browse(headed, 'filterField=header&header=source&filter=WEB')).body.items.map((m) => m.key)).toEqual(['a'])
    const { body } = await browse(headed, 'filterField=header&header=other&filter=web')
    expect(body).toMatchObject({ items: [], nextCursor: null, scanned: 2, scanLimited: false })
  })

  it('bounds the scan: a filter that matches rarely stops at the bound and its cursor reads on', async () => {
    const cluster = deps.kafka.get('local')
    const long = await newTopic(1)
    await produce(brokers, long, Array.from({ length: 100 }, (_, n) => ({ value: JSON.stringify({ n }) })))
    const filter = compileBrowseFilter({ text: '$.n == 0', field: 'value', kind: 'jsonPath' })
    // Windows of 5, then 10 records below the end: the bound of 12 stops it after the second.
    const first = await browseMessages(cluster, long, { limit: 5, valueCap: 1024, filter, maxScan: 12 })
    expect(first).toMatchObject({ items: [], scanLimited: true, scanned: 15 })
    expect(first.nextCursor).toBeTruthy()
    // Following the cursor, with the bound each time, reaches the one match (the oldest record).
    let cursor = first.nextCursor
    const found: number[] = []
    for (let i = 0; cursor && i < 20; i++) {
      const next = await browseMessages(cluster, long, { limit: 5, valueCap: 1024, filter, maxScan: 12, cursor })
      found.push(...next.items.map((m) => (JSON.parse(m.value as string) as { n: number }).n))
      cursor = next.nextCursor
    }
    expect(found).toEqual([0])
    expect(cursor).toBeNull()
  })

  it.each([
    ['filterKind=regex&filter=(%3F%3Dx)', 'look-ahead'],
    ['filterKind=jsonPath&filter=order.status', 'starts with $'],
    ['filterKind=fuzzy&filter=x', 'filterKind'],
    ['cursor=bm90LWEtY3Vyc29y', 'browse cursor'],
    ['offset=1&timestamp=2', 'not both'],
    ['partition=7', 'no partition 7'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['timestamp=yesterday', 'RFC 3339'],
  ])('rejects %s with INVALID_INPUT', async (query, mention) => {
    const { status, body } = await browse(topic, query)
    expect(status).toBe(400)
    expect(body.code).toBe('INVALID_INPUT')
    expect(body.detail).toContain(mention)
  })

  it('answers 404 for an unknown topic', async () => {
    expect((await browse(uniqueName('nope'))).status).toBe(404)
  })
})

describe('live tail', () => {
  const tail = (topic: string, query = '', headers: Record<string, string> = {}) =>
    openEventStream(`${server.url}/api/clusters/local/topics/${topic}/tail?${query}`, { ...auth, ...headers })

  it('streams new messages from the latest offsets, with stats, and creates no consumer group', async () => {
    const topic = await newTopic(3)
    await produce(brokers, topic, [{ value: 'old, before the tail' }])
    const before = await groupIds()
    const stream = tail(topic)
    try {
      await stream.until((e) => e.some((x) => x.event === 'stats'))
      await produce(brokers, topic, Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `fresh ${i}`, partition: i % 3 })))
      const events = await stream.until((e) => messages(e).length >= 6)
      expect(messages<Item>(events).map((m) => m.value).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `fresh ${i}`))
      await stream.until((e) => e.some((x) => x.event === 'stats' && JSON.parse(x.data).matched === 6))
      expect(stream.status).toBe(200)
      expect(await groupsTouching(topic, before)).toEqual([])
    } finally {
      stream.close()
    }
  })

  it('filters server-side by substring and by /regex/, counting scanned and matched', async () => {
    const topic = await newTopic(2)
    const plain = tail(topic, 'q=ERROR')
    const regex = tail(topic, `q=${encodeURIComponent('/order-\\d+3$/')}`)
    try {
      await Promise.all([plain.until((e) => e.some((x) => x.event === 'stats')), regex.until((e) => e.some((x) => x.event === 'stats'))])
      await produce(brokers, topic, [
        { value: 'all good' }, { value: 'an error happened', key: 'a' }, { value: 'ok', headers: { level: 'Error' } },
        { value: 'order-123' }, { value: 'order-124' }, { key: 'ERROR-key', value: 'fine' },
      ])
      const found = await plain.until((e) => messages(e).length >= 3)
      expect(messages<Item>(found).map((m) => m.value).sort()).toEqual(['an error happened', 'fine', 'ok'])
      await plain.until((e) => e.some((x) => x.event === 'stats' && JSON.parse(x.data).scanned === 6 && JSON.parse(x.data).matched === 3))
      expect(messages<Item>(await regex.until((e) => messages(e).length >= 1)).map((m) => m.value)).toEqual(['order-123'])
    } finally {
      plain.close()
      regex.close()
    }
  })

  it('resumes from Last-Event-ID without gaps or duplicates', async () => {
    const topic = await newTopic(2)
    const first = tail(topic)
    await first.until((e) => e.some((x) => x.event === 'stats'))
    await produce(brokers, topic, Array.from({ length: 6 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })))
    const got = messages<Item>(await first.until((e) => messages(e).length >= 6))
    const lastId = first.events.filter((e) => e.event === 'message').at(-1)?.id as string
    first.close()
    await produce(brokers, topic, Array.from({ length: 6 }, (_, i) => ({ value: `m${i + 6}`, partition: i % 2 })))
    const second = tail(topic, '', { 'last-event-id': lastId })
    try {
      const resumed = messages<Item>(await second.until((e) => messages(e).length >= 6))
      const all = [...got, ...resumed].map((m) => `${m.partition}:${m.offset}`)
      expect(new Set(all).size).toBe(12)
      expect([...got, ...resumed].map((m) => m.value).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort())
    } finally {
      second.close()
    }
  })

  it('stops fetching within a few seconds of the client going away', async () => {
    const topic = await newTopic(1)
    const running = () => deps.tails.activeTails + deps.tails.activeLoops
    const settle = async () => {
      const deadline = Date.now() + 5_000
      while (running() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      return running()
    }
    // Streams closed by earlier tests end within their last poll; start from none.
    expect(await settle()).toBe(0)
    const stream = tail(topic)
    await stream.until((e) => e.some((x) => x.event === 'stats'))
    expect([deps.tails.activeTails, deps.tails.activeLoops]).toEqual([1, 1])
    stream.close()
    // Both the tail and its fetch loop stop.
    expect(await settle()).toBe(0)
  })

  it('ends with a clear final event when the topic is deleted', async () => {
    const topic = await newTopic(1)
    const stream = tail(topic)
    try {
      await stream.until((e) => e.some((x) => x.event === 'stats'))
      await admin.deleteTopics({ topics: [topic] })
      const events = await stream.until((e) => e.some((x) => x.event === 'end'), 30_000)
      expect(JSON.parse(events.find((e) => e.event === 'end')?.data as string)).toMatchObject({ reason: 'topic-deleted' })
    } finally {
      stream.close()
    }
  })

  it('ends itself at the configured limit so the client reconnects', async () => {
    const shortDeps = testDeps({ KAFKA_PLUS_TAIL_MAX_MS: '1500' })
    const short = await startLocalServer({ deps: shortDeps, port: 0 })
    const topic = await newTopic(1)
    try {
      const stream = openEventStream(`${short.url}/api/clusters/local/topics/${topic}/tail`, auth)
      await stream.done
      const end = stream.events.find((e) => e.event === 'end')
      expect(JSON.parse(end?.data as string)).toMatchObject({ reason: 'timeout' })
      // The stats event before the end carries a resume token too.
      expect(stream.events.filter((e) => e.event === 'stats').at(-1)?.id).toBeTruthy()
    } finally {
      await short.close()
      await shortDeps.close()
    }
  })

  it('rejects a bad filter, partition or resume token before streaming', async () => {
    const topic = await newTopic(1)
    for (const [query, headers, mention] of [
      ['q=%2F(%2F', {}, 'regular expression'],
      ['partitions=3', {}, 'no partition 3'],
      ['', { 'last-event-id': 'garbage!' }, 'Last-Event-ID'],
    ] as const) {
      const response = await fetch(`${server.url}/api/clusters/local/topics/${topic}/tail?${query}`, { headers: { ...auth, ...headers } })
      expect(response.status).toBe(400)
      expect(((await response.json()) as { detail: string }).detail).toContain(mention)
    }
  })
})
