// Produce through the API on the real stack: records written with a registry Avro schema (registered
// in the real Apicurio under a subject of this run) read back decoded by browse, live tail and
// history search; partitions by key; compressions; the audit record (where and how big, never
// what); and bad input (schema mismatch, too large for max.message.bytes, unknown partition)
// refused with nothing sent.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { CompiledPlan } from '../core/indexing/batch.ts'
import { indexBatch } from '../core/indexing/indexer.ts'
import { planDefaults } from '../core/indexing/plan.ts'
import { fetchRecords } from '../core/kafka/index.ts'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { queryUntil } from '../testing/logs.ts'
import { Admin, waitForLeaders } from '../testing/kafka.ts'
import { messages, openEventStream } from '../testing/sse.ts'
import { adminToken, bearer, operatorToken, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import type { MessageItem, ProduceResult, Problem } from '../contract/index.ts'
import { createApp } from './app.ts'

const registryUrl = inject('schemaRegistryUrl')

describe.skipIf(!registryUrl)('POST /clusters/{c}/topics/{t}/messages', () => {
  const prefix = uniqueName('it-produce')
  const topic = `${prefix}-orders`
  const small = `${prefix}-small`
  const subject = `${topic}-value`
  const marker = `secret-${prefix}`
  let deps: ReturnType<typeof testDeps>
  let app: ReturnType<typeof createApp>
  let admin: InstanceType<typeof Admin>
  let server: LocalServer
  let schemaId = 0

  const produce = (target: string, body: unknown, token = operatorToken) => app.request(`/api/clusters/local/topics/${target}/messages`, {
    method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
  })
  const browse = async (target: string, query = 'limit=500') => {
    const response = await app.request(`/api/clusters/local/topics/${target}/messages?${query}`, { headers: bearer(viewerToken) })
    expect(response.status).toBe(200)
    return (await response.json() as { items: MessageItem[] }).items
  }
  const order = (id: string, amount: number, extra: Record<string, unknown> = {}) => ({ format: 'schema', subject, data: { id, order: { amount, currency: 'EUR' }, ...extra } })

  beforeAll(async () => {
    deps = testDeps({ SCHEMA_REGISTRY_URL: registryUrl, KAFKA_PLUS_TAIL_MAX_MS: '60000' })
    app = createApp(deps)
    const brokers = deps.config.clusters[0]?.brokers ?? []
    admin = new Admin({ clientId: 'produce-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 })
    await admin.createTopics({ topics: [small], partitions: 1, replicas: 1, configs: [{ name: 'max.message.bytes', value: '1024' }] })
    await Promise.all([waitForLeaders(brokers, topic), waitForLeaders(brokers, small)])
    const registered = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify({
        type: 'record', name: 'Order', namespace: 'shop', fields: [
          { name: 'id', type: 'string' },
          { name: 'order', type: { type: 'record', name: 'Detail', fields: [{ name: 'amount', type: 'int' }, { name: 'currency', type: 'string' }] } },
          { name: 'note', type: ['null', 'string'], default: null },
        ],
      }) }),
    })
    schemaId = (await registered.json() as { id: number }).id
    expect(schemaId).toBeGreaterThan(0)
    server = await startLocalServer({ deps, port: 0 })
  })

  afterAll(async () => {
    await server?.close()
    await admin?.deleteTopics({ topics: [topic, small] }).catch(() => {})
    await admin?.close()
    await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' }).catch(() => {})
    await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' }).catch(() => {})
    await deps?.close()
  })

  it('writes a schema-encoded record where asked, and browse reads it back decoded at that offset', async () => {
    const response = await produce(topic, {
      records: [{ key: { format: 'text', data: 'o-1' }, value: order('o-1', 12, { note: marker }), headers: [{ key: 'source', value: 'api' }, { key: 'source', value: 'again' }], partition: 1 }],
    })
    expect(response.status).toBe(201)
    const result = await response.json() as ProduceResult
    expect(result.records).toEqual([{ partition: 1, offset: '0', keySize: 3, size: expect.any(Number) as number, valueSchema: expect.objectContaining({ registry: 'confluent', type: 'AVRO', id: schemaId, subject, version: 1, name: 'shop.Order' }) as unknown }])
    const [item] = await browse(topic, 'partition=1&offset=0&limit=1')
    expect(item).toMatchObject({ partition: 1, offset: '0', key: 'o-1', valueEncoding: 'json', valueSchema: { type: 'AVRO', id: schemaId } })
    expect(JSON.parse(item?.value as string)).toEqual({ id: 'o-1', order: { amount: 12, currency: 'EUR' }, note: marker })
    expect(item?.headers).toEqual([{ key: 'source', value: 'api', encoding: 'text' }, { key: 'source', value: 'again', encoding: 'text' }])
  })

  it('places records by key (the Java client\'s partitioner), keyless ones together, in every compression', async () => {
    for (const compression of ['gzip', 'snappy', 'lz4', 'none'] as const) {
      const response = await produce(topic, {
        compression,
        records: [
          { key: { format: 'text', data: 'same' }, value: { format: 'json', data: { n: 1, compression } } },
          { key: { format: 'text', data: 'same' }, value: { format: 'text', data: `two ${compression}` } },
          { value: { format: 'base64', data: Buffer.from(`three ${compression}`).toString('base64') } },
          { value: null },
        ],
      })
      expect(response.status, compression).toBe(201)
      const { records } = await response.json() as ProduceResult
      // murmur2("same") & 0x7fffffff % 3, as Kafka's Java producer computes it.
      expect(records[0]?.partition).toBe(records[1]?.partition)
      expect(BigInt(records[1]!.offset)).toBe(BigInt(records[0]!.offset) + 1n)
      expect(records[2]?.partition).toBe(records[3]?.partition)
      const [first] = await browse(topic, `partition=${records[0]!.partition}&offset=${records[0]!.offset}&limit=2`)
      expect(first).toMatchObject({ key: 'same', value: JSON.stringify({ n: 1, compression }), valueEncoding: 'json' })
      const [third, fourth] = await browse(topic, `partition=${records[2]!.partition}&offset=${records[2]!.offset}&limit=2`)
      expect(third).toMatchObject({ value: `three ${compression}`, offset: records[2]!.offset })
      expect(fourth).toMatchObject({ value: null, valueEncoding: 'null', offset: records[3]!.offset })
    }
    // The partition Kafka's Java producer picks for the key, computed independently below.
    const { records } = await (await produce(topic, { records: [{ key: { format: 'text', data: 'same' }, value: { format: 'text', data: 'x' } }] })).json() as ProduceResult
    expect(records[0]?.partition).toBe(javaPartition('same', 3))
  })

  it('looks the subject up once per request, however many records use it', async () => {
    const registry = deps.schemas.require('local')
    const before = registry.requests()
    const response = await produce(topic, { records: Array.from({ length: 50 }, (_, i) => ({ value: order(`o-bulk-${i}`, i) })) })
    expect(response.status).toBe(201)
    expect((await response.json() as ProduceResult).records).toHaveLength(50)
    // The subject's latest version, once; the schema itself was compiled by the first test.
    expect(registry.requests() - before).toBe(1)
  })

  it('writes Protobuf (a nested message type) and JSON Schema values that browse decodes', async () => {
    const protoSubject = `${prefix}-proto`
    const jsonSubject = `${prefix}-json`
    const register = async (name: string, body: Record<string, unknown>) => {
      const answer = await fetch(`${registryUrl}/subjects/${encodeURIComponent(name)}/versions`, { method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify(body) })
      expect(answer.ok).toBe(true)
    }
    try {
      await register(protoSubject, { schemaType: 'PROTOBUF', schema: 'syntax = "proto3";\npackage acme;\nmessage Shipment {\n  string id = 1;\n  message Parcel {\n    double weight_kg = 1;\n    Status status = 2;\n  }\n}\nenum Status {\n  NEW = 0;\n  SENT = 1;\n}\n' })
      await register(jsonSubject, { schemaType: 'JSON', schema: JSON.stringify({ type: 'object', required: ['city'], properties: { city: { type: 'string' } } }) })
      const response = await produce(topic, { records: [
        { value: { format: 'schema', subject: protoSubject, messageType: 'acme.Shipment.Parcel', data: { weight_kg: 2.5, status: 'SENT' } }, partition: 0 },
        { value: { format: 'schema', subject: jsonSubject, data: { city: 'Lyon' } }, partition: 0 },
      ] })
      expect(response.status).toBe(201)
      const { records } = await response.json() as ProduceResult
      const [parcel, place] = await browse(topic, `partition=0&offset=${records[0]!.offset}&limit=2`)
      expect(parcel).toMatchObject({ valueEncoding: 'json', valueSchema: { type: 'PROTOBUF', name: 'acme.Shipment.Parcel' } })
      expect(JSON.parse(parcel?.value as string)).toEqual({ weight_kg: 2.5, status: 'SENT' })
      expect(place).toMatchObject({ value: '{"city":"Lyon"}', valueEncoding: 'json', valueSchema: { type: 'JSON' } })
      const refused = await produce(topic, { records: [{ value: { format: 'schema', subject: jsonSubject, data: { town: 'Lyon' } } }] })
      expect(await refused.json()).toMatchObject({ code: 'SCHEMA_MISMATCH', issues: [{ path: 'value.city', message: 'is required' }] })
    } finally {
      for (const name of [protoSubject, jsonSubject]) {
        await fetch(`${registryUrl}/subjects/${encodeURIComponent(name)}`, { method: 'DELETE' }).catch(() => {})
        await fetch(`${registryUrl}/subjects/${encodeURIComponent(name)}?permanent=true`, { method: 'DELETE' }).catch(() => {})
      }
    }
  })

  it('live tail shows produced records decoded', async () => {
    const stream = openEventStream(`${server.url}/api/clusters/local/topics/${topic}/tail?q=${encodeURIComponent('"id":"o-tail"')}`, bearer(viewerToken))
    try {
      await stream.until((e) => e.some((x) => x.event === 'stats'))
      expect((await produce(topic, { records: [{ value: order('o-tail', 5) }, { value: order('o-other', 6) }] })).status).toBe(201)
      const [found] = messages<MessageItem>(await stream.until((e) => messages(e).length >= 1))
      expect(JSON.parse(found?.value as string)).toEqual({ id: 'o-tail', order: { amount: 5, currency: 'EUR' }, note: null })
      expect(found?.valueSchema).toMatchObject({ type: 'AVRO', id: schemaId, subject })
    } finally {
      stream.close()
    }
  })

  it('history search finds produced records by their decoded fields once indexed', async () => {
    const response = await produce(topic, { records: [{ value: order('o-search', 77), partition: 2 }] })
    const [written] = (await response.json() as ProduceResult).records
    const cluster = deps.kafka.get('local')
    const [fetched] = await fetchRecords(cluster, [{ topic, partition: 2, offset: written!.offset }])
    const plan = new CompiledPlan({ cluster: 'local', topics: [{ ...planDefaults, topic, enabled: true, keep: [], updatedAt: '', updatedBy: 'test' }] })
    expect((await indexBatch(deps.logs, plan, fetched!.records.slice(0, 1), { decoder: deps.schemas.recordDecoder('local') })).indexed).toBe(1)
    const search = async () => {
      const answer = await app.request(`/api/clusters/local/search?query=${encodeURIComponent(`topic:="${topic}" id:="o-search"`)}&limit=10`, { headers: bearer(viewerToken) })
      expect(answer.status).toBe(200)
      return (await answer.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, string>)
    }
    await expect.poll(async () => (await search()).length, { timeout: 15_000, interval: 500 }).toBe(1)
    expect((await search())[0]).toMatchObject({ partition: '2', offset: written!.offset, valueSchemaId: String(schemaId), valueSchemaType: 'AVRO' })
  })

  it('audits where the records went and their size, never their contents', async () => {
    const rows = await queryUntil(deps.logs, `{kind="audit"} action:="messages.produce" target:=${JSON.stringify(topic)} outcome:=succeeded`, (r) => r.length >= 1)
    const first = rows.find((r) => String(r.after).includes('"partition":1,"offset":"0"'))
    expect(first).toMatchObject({ actor: 'olive', role: 'operator' })
    expect(JSON.parse(String(first?.after))).toEqual({ records: [{ partition: 1, offset: '0', size: expect.any(Number) as number }] })
    const requested = await queryUntil(deps.logs, `{kind="audit"} action:="messages.produce" target:=${JSON.stringify(topic)} outcome:=requested`, (r) => r.length >= 1)
    for (const row of [...rows, ...requested]) expect(JSON.stringify(row)).not.toContain(marker)
  })

  it('refuses viewers (recorded) and unauthenticated callers', async () => {
    const viewer = await produce(topic, { records: [{ value: { format: 'text', data: 'x' } }] }, viewerToken)
    expect(viewer.status).toBe(403)
    expect(await viewer.json()).toMatchObject({ code: 'FORBIDDEN' })
    const anonymous = await app.request(`/api/clusters/local/topics/${topic}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(anonymous.status).toBe(401)
    await queryUntil(deps.logs, `{kind="audit"} action:="messages.produce" target:=${JSON.stringify(topic)} outcome:=refused`, (r) => r.length >= 1)
  })

  describe('bad input: a clear problem, and nothing sent (not even the good records beside it)', () => {
    const total = async (target: string) => (await browse(target)).length

    it('a value that does not fit its schema names the field path', async () => {
      const before = await total(topic)
      const response = await produce(topic, { records: [{ value: order('ok', 1) }, { value: order('bad', 1.5) }, { value: { ...order('x', 1), data: { id: 'x', order: { amount: 1, currency: 'EUR' }, colour: 'red' } } }] })
      expect(response.status).toBe(400)
      const problem = await response.json() as Problem
      expect(problem).toMatchObject({ code: 'SCHEMA_MISMATCH', issues: [
        { path: 'records[1].value.order.amount', message: 'expected int, got 1.5' },
        { path: 'records[2].value.colour', message: 'is not a field of shop.Order' },
      ] })
      expect(problem.detail).toContain('records[1].value.order.amount: expected int, got 1.5')
      expect(problem.detail).toContain('Nothing was sent.')
      const single = await (await produce(topic, { records: [{ value: order('bad', 'ten' as unknown as number) }] })).json() as Problem
      expect(single.detail).toMatch(/^Does not match the schema: value\.order\.amount: expected int, got "ten"\. Nothing was sent\.$/)
      expect(await total(topic)).toBe(before)
    })

    it('a record larger than the topic\'s max.message.bytes', async () => {
      const response = await produce(small, { records: [{ value: { format: 'text', data: 'fits' } }, { value: { format: 'text', data: 'x'.repeat(2_000) } }] })
      expect(response.status).toBe(400)
      const problem = await response.json() as Problem
      expect(problem).toMatchObject({ code: 'RECORD_TOO_LARGE', limitBytes: 1024 })
      expect(problem.detail).toMatch(/^Record records\[1\] \(\d+ bytes\) is larger than topic '.*-small' accepts \(max\.message\.bytes = 1024\)\. Nothing was sent\.$/)
      expect(await total(small)).toBe(0)
      // Several records that each fit but not together in one batch all arrive (sent in turns).
      const many = await produce(small, { records: Array.from({ length: 3 }, (_, i) => ({ value: { format: 'text', data: `${i}`.repeat(600) } })) })
      expect(many.status).toBe(201)
      expect((await many.json() as ProduceResult).records.map((r) => r.offset)).toEqual(['0', '1', '2'])
    })

    it('an unknown partition', async () => {
      const before = await total(topic)
      const response = await produce(topic, { records: [{ value: { format: 'text', data: 'a' }, partition: 0 }, { value: { format: 'text', data: 'b' }, partition: 7 }] })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ code: 'INVALID_INPUT', detail: `records[1].partition: '${topic}' has no partition 7 (it has partitions 0–2). Nothing was sent.` })
      expect(await total(topic)).toBe(before)
    })

    it('bodies over 1 MiB, before they are read; a 100 KiB record reaches the checks', async () => {
      const huge = await produce(topic, { records: [{ value: { format: 'text', data: 'x'.repeat(1100 * 1024) } }] })
      expect(huge.status).toBe(413)
      expect(await huge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 1024 * 1024 })
      const large = await produce(small, { records: [{ value: { format: 'text', data: 'x'.repeat(100 * 1024) } }] })
      expect(await large.json()).toMatchObject({ code: 'RECORD_TOO_LARGE' })
    })

    it('what the broker refuses itself: a keyless record on a compacted topic', async () => {
      const compacted = `${prefix}-compacted`
      await admin.createTopics({ topics: [compacted], partitions: 1, replicas: 1, configs: [{ name: 'cleanup.policy', value: 'compact' }] })
      try {
        await waitForLeaders(deps.config.clusters[0]?.brokers ?? [], compacted)
        const response = await produce(compacted, { records: [{ key: { format: 'text', data: 'k' }, value: { format: 'text', data: 'a' } }, { value: { format: 'text', data: 'b' } }] })
        expect(response.status).toBe(400)
        expect(await response.json()).toMatchObject({ code: 'INVALID_INPUT', kafkaError: 'INVALID_RECORD', detail: expect.stringContaining('Compacted topic cannot accept message without key') as unknown })
        expect(await total(compacted)).toBe(0)
      } finally {
        await admin.deleteTopics({ topics: [compacted] }).catch(() => {})
      }
    })

    it('an unknown subject, a missing topic, a malformed body', async () => {
      expect(await (await produce(topic, { records: [{ value: { format: 'schema', subject: `${prefix}-nope`, data: {} } }] })).json()).toMatchObject({ code: 'SUBJECT_NOT_FOUND' })
      expect(await (await produce(`${prefix}-missing`, { records: [{ value: { format: 'text', data: 'a' } }] })).json()).toMatchObject({ code: 'TOPIC_NOT_FOUND' })
      expect(await (await produce(topic, { records: [] })).json()).toMatchObject({ code: 'INVALID_INPUT' })
      expect(await (await produce(topic, { records: [{ value: { format: 'yaml', data: 'a' } }] })).json()).toMatchObject({ code: 'INVALID_INPUT' })
      expect(await (await produce(topic, { records: [{ value: { format: 'base64', data: 'not base64!' } }] })).json()).toMatchObject({ code: 'INVALID_INPUT', detail: 'value: not valid base64.' })
    })
  })

  it('admins may produce too', async () => {
    expect((await produce(topic, { records: [{ value: { format: 'text', data: 'by admin' } }] }, adminToken)).status).toBe(201)
  })
})

/** Kafka's Java DefaultPartitioner: murmur2 of the key bytes, sign bit cleared, modulo the partition count. */
function javaPartition(key: string, partitions: number): number {
  const data = Buffer.from(key)
  const m = 0x5bd1e995
  let h = (0x9747b28c ^ data.length) | 0
  const length4 = data.length & ~3
  for (let i = 0; i < length4; i += 4) {
    let k = (data[i]! & 0xff) | ((data[i + 1]! & 0xff) << 8) | ((data[i + 2]! & 0xff) << 16) | ((data[i + 3]! & 0xff) << 24)
    k = Math.imul(k, m)
    k ^= k >>> 24
    k = Math.imul(k, m)
    h = Math.imul(h, m) ^ k
  }
  switch (data.length % 4) {
    case 3: h ^= (data[length4 + 2]! & 0xff) << 16 // falls through
    case 2: h ^= (data[length4 + 1]! & 0xff) << 8 // falls through
    case 1:
      h ^= data[length4]! & 0xff
      h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return (h & 0x7fffffff) % partitions
}
