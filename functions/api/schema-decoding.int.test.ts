// Registry-encoded records on the real stack: schemas registered in the real Apicurio Registry
// through its Confluent API, records produced to the real Kafka in Confluent's wire format (built
// here byte by byte, as Confluent's serializers write them), read back decoded through browse
// (app.request) and live tail (real HTTP), with the registry behind a counting proxy.
//
// Confluent's wire format (KafkaAvroSerializer, KafkaProtobufSerializer, KafkaJsonSchemaSerializer):
//   0x00 magic byte | schema id, 4 bytes big-endian | data
// Avro data: the datum's binary encoding. JSON Schema data: the JSON text, UTF-8. Protobuf data:
// the message-index path, then the message's binary encoding; the path is a zig-zag varint count
// followed by that many zig-zag varint indexes (top-level message type, then nested types, in
// declaration order), and the path [0] is written as the single byte 0x00.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { CompiledPlan } from '../core/indexing/batch.ts'
import { indexBatch } from '../core/indexing/indexer.ts'
import { planDefaults } from '../core/indexing/plan.ts'
import type { RawRecord } from '../core/kafka/index.ts'
import { startLocalServer, type LocalServer } from '../local/server.ts'
import { Admin, Producer, waitForLeaders } from '../testing/kafka.ts'
import { messages, openEventStream } from '../testing/sse.ts'
import { bearer, testDeps, uniqueName, viewerToken } from '../testing/stack.ts'
import { createApp } from './app.ts'

const registryUrl = inject('schemaRegistryUrl')

interface SchemaInfo { registry: string; type: string; id?: number; subject?: string; version?: number; name?: string }
interface Item { partition: number; offset: string; key: string | null; keyEncoding: string; value: string | null; valueEncoding: string; size: number; valueSchema?: SchemaInfo; valueSchemaError?: string; keySchema?: SchemaInfo; keySchemaError?: string }

const contentType = { 'content-type': 'application/vnd.schemaregistry.v1+json' }

async function register(subject: string, body: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, { method: 'POST', headers: contentType, body: JSON.stringify(body) })
  const answer = await response.json() as { id?: number; message?: string }
  if (!response.ok || typeof answer.id !== 'number') throw new Error(`registering ${subject} failed: ${response.status} ${JSON.stringify(answer)}`)
  return answer.id
}

async function deleteSubject(subject: string): Promise<void> {
  await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' })
  await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' })
}

/** An HTTP proxy in front of the registry that counts the requests by path. */
async function countingProxy(target: string): Promise<{ url: string; counts: Map<string, number>; server: Server }> {
  const upstream = new URL(target)
  const counts = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] as string
    counts.set(path, (counts.get(path) ?? 0) + 1)
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => { res.writeHead(502); res.end() })
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`, counts, server }
}

const confluent = (id: number, ...data: (number[] | Buffer)[]) => {
  const header = Buffer.alloc(5)
  header.writeUInt32BE(id, 1)
  return Buffer.concat([header, ...data.map((d) => Buffer.from(d))])
}

describe.skipIf(!registryUrl)('records written with registry schemas (Apicurio, Confluent wire format)', () => {
  const prefix = uniqueName('it-sr')
  const subjects: string[] = []
  const topics = { avro: `${prefix}-orders`, proto: `${prefix}-shipments`, json: `${prefix}-places` }
  const ids = { customer: 0, order: 0, money: 0, shipment: 0, place: 0 }
  let proxy: Awaited<ReturnType<typeof countingProxy>>
  let deps: ReturnType<typeof testDeps>
  let admin: InstanceType<typeof Admin>
  let brokers: string[]
  let server: LocalServer
  const auth = bearer(viewerToken)

  const registerAs = async (subject: string, body: Record<string, unknown>) => {
    subjects.push(subject)
    return register(subject, body)
  }

  async function produce(topic: string, records: { key?: Buffer; value: Buffer }[]) {
    const producer = new Producer({ clientId: 'schema-test', bootstrapBrokers: brokers, idempotent: true, acks: -1 })
    try {
      await producer.send({ messages: records.map((r) => ({ topic, ...r })) })
    } finally {
      await producer.close()
    }
  }

  const browse = async (topic: string, app = createApp(deps)) => {
    const response = await app.request(`/api/clusters/local/topics/${topic}/messages?limit=50&offset=0&partition=0`, { headers: auth })
    expect(response.status).toBe(200)
    return (await response.json() as { items: Item[] }).items
  }

  beforeAll(async () => {
    proxy = await countingProxy(registryUrl)
    deps = testDeps({ SCHEMA_REGISTRY_URL: proxy.url, KAFKA_PLUS_TAIL_MAX_MS: '60000' })
    brokers = deps.config.clusters[0]?.brokers ?? []
    admin = new Admin({ clientId: 'schema-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: Object.values(topics), partitions: 1, replicas: 1 })
    await Promise.all(Object.values(topics).map((t) => waitForLeaders(brokers, t)))
    server = await startLocalServer({ deps, port: 0 })

    // Avro, with a reference: com.acme.Order uses com.acme.Customer from another subject.
    ids.customer = await registerAs(`${prefix}-customer`, {
      schema: JSON.stringify({ type: 'record', name: 'Customer', namespace: 'com.acme', fields: [{ name: 'name', type: 'string' }] }),
    })
    ids.order = await registerAs(`${topics.avro}-value`, {
      schema: JSON.stringify({
        type: 'record', name: 'Order', namespace: 'com.acme', fields: [
          { name: 'id', type: 'string' }, { name: 'amount', type: 'long' },
          { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
          { name: 'customer', type: 'com.acme.Customer' }, { name: 'note', type: ['null', 'string'], default: null },
        ],
      }),
      references: [{ name: 'com.acme.Customer', subject: `${prefix}-customer`, version: 1 }],
    })
    // Protobuf, with nested messages and an imported file registered as its own subject.
    ids.money = await registerAs(`${prefix}-money`, {
      schemaType: 'PROTOBUF',
      schema: 'syntax = "proto3";\npackage acme.common;\nmessage Money {\n  string currency = 1;\n  int64 units = 2;\n}\n',
    })
    ids.shipment = await registerAs(`${topics.proto}-value`, {
      schemaType: 'PROTOBUF',
      schema: `syntax = "proto3";
package acme.events;
import "acme/common.proto";
message Envelope {
  string id = 1;
}
message Shipment {
  string id = 1;
  Parcel parcel = 2;
  acme.common.Money cost = 3;
  message Parcel {
    double weight_kg = 1;
    repeated Item items = 2;
    Status status = 3;
    message Item {
      string sku = 1;
      int64 count = 2;
    }
    enum Status {
      UNKNOWN = 0;
      SENT = 1;
    }
  }
}
`,
      references: [{ name: 'acme/common.proto', subject: `${prefix}-money`, version: 1 }],
    })
    ids.place = await registerAs(`${topics.json}-value`, {
      schemaType: 'JSON',
      schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } } }),
    })

    await produce(topics.avro, [
      // Order{id "o-1", amount 12345, status PAID, customer{name "Ada"}, note null}:
      // "o-1" = len 3 (zig-zag 0x06) + bytes; 12345 = zig-zag 24690 = 0xf2 0xc0 0x01; enum index 1 = 0x02;
      // "Ada" = 0x06 + bytes; union branch 0 (null) = 0x00.
      { key: Buffer.from('o-1'), value: confluent(ids.order, [0x06, 0x6f, 0x2d, 0x31, 0xf2, 0xc0, 0x01, 0x02, 0x06, 0x41, 0x64, 0x61, 0x00]) },
      // Order{id "o-2", amount -3 (zig-zag 5), status NEW, customer{name "Bo"}, note "gift" (branch 1 = 0x02)}
      { key: Buffer.from('o-2'), value: confluent(ids.order, [0x06, 0x6f, 0x2d, 0x32, 0x05, 0x00, 0x04, 0x42, 0x6f, 0x02, 0x08, 0x67, 0x69, 0x66, 0x74]) },
      // Undecodable: an id the registry does not have, and the order schema with its bytes cut short.
      { value: confluent(99_999_999, [0x06, 0x6f]) },
      { value: confluent(ids.order, [0x06, 0x6f, 0x2d]) },
      // Not registry-framed at all: shown as today.
      { value: Buffer.from('{"legacy":true}') },
    ])
    await produce(topics.proto, [
      // Path [0] written as 0x00 → acme.events.Envelope{id "e-1"} (field 1, LEN: 0x0a)
      { value: confluent(ids.shipment, [0x00], [0x0a, 0x03, 0x65, 0x2d, 0x31]) },
      // Path [1] (count 1 = 0x02, index 1 = 0x02) → Shipment{id "s-9", cost Money{currency "EUR", units 1250}}
      { value: confluent(ids.shipment, [0x02, 0x02], [0x0a, 0x03, 0x73, 0x2d, 0x39, 0x1a, 0x08, 0x0a, 0x03, 0x45, 0x55, 0x52, 0x10, 0xe2, 0x09]) },
      // Path [1, 0] (count 2 = 0x04, then 0x02, 0x00) → Shipment.Parcel{weight_kg 2.5, items [{sku "A1", count 3}], status SENT}
      {
        value: confluent(ids.shipment, [0x04, 0x02, 0x00], [
          0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x40, // field 1, I64: 2.5 little-endian
          0x12, 0x06, 0x0a, 0x02, 0x41, 0x31, 0x10, 0x03, // field 2, LEN 6: Item{sku "A1", count 3}
          0x18, 0x01, // field 3, VARINT: SENT
        ]),
      },
      // Path [1, 0, 0] → Shipment.Parcel.Item{sku "B2", count 7}
      { value: confluent(ids.shipment, [0x06, 0x02, 0x00, 0x00], [0x0a, 0x02, 0x42, 0x32, 0x10, 0x07]) },
      // Path [5]: no such message type.
      { value: confluent(ids.shipment, [0x02, 0x0a], [0x0a, 0x00]) },
    ])
    await produce(topics.json, [
      { key: confluent(ids.place, Buffer.from('{"city":"key"}')), value: confluent(ids.place, Buffer.from('{"city":"Lyon","zip":"69001"}')) },
      { value: confluent(ids.place, Buffer.from('{"city": not json')) },
    ])
  })

  afterAll(async () => {
    await server?.close()
    await admin?.deleteTopics({ topics: Object.values(topics) }).catch(() => {})
    await admin?.close()
    await deps?.close()
    // Referring subjects first: the registry keeps referenced ones while something refers to them.
    for (const subject of [...subjects].reverse()) await deleteSubject(subject).catch(() => {})
    await new Promise((resolve) => proxy?.server.close(resolve))
  })

  it('browse decodes Avro (with a referenced type), with the schema beside each value', async () => {
    const items = await browse(topics.avro)
    expect(items.slice(0, 2).map((i) => JSON.parse(i.value as string))).toEqual([
      { id: 'o-1', amount: 12345, status: 'PAID', customer: { name: 'Ada' }, note: null },
      { id: 'o-2', amount: -3, status: 'NEW', customer: { name: 'Bo' }, note: 'gift' },
    ])
    expect(items[0]).toMatchObject({
      key: 'o-1', keyEncoding: 'text', valueEncoding: 'json', size: 18,
      valueSchema: { registry: 'confluent', type: 'AVRO', id: ids.order, subject: `${topics.avro}-value`, version: 1, name: 'com.acme.Order' },
    })
    expect(items[0]).not.toHaveProperty('valueSchemaError')
    expect(items[4]).toMatchObject({ value: '{"legacy":true}', valueEncoding: 'json' })
    expect(items[4]).not.toHaveProperty('valueSchema')
  })

  it('falls back to the raw bytes with the reason when the schema is missing or the bytes do not fit', async () => {
    const items = await browse(topics.avro)
    expect(items[2]).toMatchObject({ valueEncoding: 'base64', value: confluent(99_999_999, [0x06, 0x6f]).toString('base64'), valueSchemaError: 'schema id 99999999 is not in the schema registry' })
    expect(items[3]).toMatchObject({ valueEncoding: 'base64', valueSchemaError: expect.stringMatching(new RegExp(`^the bytes do not decode with schema id ${ids.order} \\(AVRO\\)`)) as unknown })
    const proto = await browse(topics.proto)
    expect(proto[4]?.valueSchemaError).toMatch(/message index path \[5\] points at no message type/)
    const json = await browse(topics.json)
    expect(json[1]).toMatchObject({ valueEncoding: 'base64', valueSchemaError: expect.stringMatching(/not valid JSON/) as unknown })
  })

  it('decodes Protobuf by the message-index path: [0] as 0x00, nested types, an imported type', async () => {
    const items = await browse(topics.proto)
    expect(items.slice(0, 4).map((i) => [i.valueSchema?.name, JSON.parse(i.value as string)])).toEqual([
      ['acme.events.Envelope', { id: 'e-1' }],
      ['acme.events.Shipment', { id: 's-9', parcel: null, cost: { currency: 'EUR', units: '1250' } }],
      ['acme.events.Shipment.Parcel', { weight_kg: 2.5, items: [{ sku: 'A1', count: '3' }], status: 'SENT' }],
      ['acme.events.Shipment.Parcel.Item', { sku: 'B2', count: '7' }],
    ])
    expect(items[0]?.valueSchema).toMatchObject({ registry: 'confluent', type: 'PROTOBUF', id: ids.shipment, subject: `${topics.proto}-value`, version: 1 })
  })

  it('decodes JSON Schema values and keys separately', async () => {
    const [item] = await browse(topics.json)
    expect(item).toMatchObject({
      key: '{"city":"key"}', keyEncoding: 'json', keySchema: { type: 'JSON', id: ids.place },
      value: '{"city":"Lyon","zip":"69001"}', valueEncoding: 'json', valueSchema: { type: 'JSON', id: ids.place, subject: `${topics.json}-value` },
    })
  })

  it('fetches each schema once per id, however often it is read', async () => {
    for (let i = 0; i < 3; i++) await Promise.all([browse(topics.avro), browse(topics.proto), browse(topics.json)])
    for (const id of [ids.order, ids.shipment, ids.place]) {
      expect(proxy.counts.get(new URL(`${proxy.url}/schemas/ids/${id}`).pathname), `schema ${id}`).toBe(1)
    }
    // References are fetched once too, with the schema that needs them.
    expect(proxy.counts.get(new URL(`${proxy.url}/subjects/${prefix}-customer/versions/1`).pathname)).toBe(1)
    expect(proxy.counts.get(new URL(`${proxy.url}/subjects/${prefix}-money/versions/1`).pathname)).toBe(1)
  })

  it('live tail streams decoded values and filters on the decoded JSON', async () => {
    // `"status":"PAID"` is in the decoded JSON only: the Avro bytes hold an enum index, no names.
    const stream = openEventStream(`${server.url}/api/clusters/local/topics/${topics.avro}/tail?q=${encodeURIComponent('"status":"PAID"')}`, auth)
    try {
      await stream.until((e) => e.some((x) => x.event === 'stats'))
      await produce(topics.avro, [
        { value: confluent(ids.order, [0x06, 0x6f, 0x2d, 0x33, 0x02, 0x00, 0x06, 0x43, 0x61, 0x6c, 0x00]) }, // o-3, 1, NEW, "Cal"
        { value: confluent(ids.order, [0x06, 0x6f, 0x2d, 0x34, 0x04, 0x02, 0x06, 0x44, 0x65, 0x65, 0x00]) }, // o-4, 2, PAID, "Dee"
      ])
      const [found] = messages<Item>(await stream.until((e) => messages(e).length >= 1))
      expect(JSON.parse(found?.value as string)).toEqual({ id: 'o-4', amount: 2, status: 'PAID', customer: { name: 'Dee' }, note: null })
      expect(found?.valueSchema).toMatchObject({ type: 'AVRO', id: ids.order })
      await stream.until((e) => e.some((x) => x.event === 'stats' && JSON.parse(x.data).scanned === 2))
      expect(messages(stream.events)).toHaveLength(1)
    } finally {
      stream.close()
    }
  })

  it('the indexer decodes before indexing: fields searchable, the schema id beside them', async () => {
    const plan = new CompiledPlan({ cluster: 'local', topics: [{ ...planDefaults, topic: topics.avro, enabled: true, keep: [], updatedAt: '', updatedBy: 'test' }] })
    const record = (offset: number, value: Buffer): RawRecord => ({ topic: topics.avro, partition: 0, offset: String(offset), timestamp: Date.now(), key: null, value, headers: [] })
    const result = await indexBatch(deps.logs, plan, [
      // Order{id "o-7", amount 70, status PAID, customer{name "Eve"}} and an id the registry does not have.
      record(7, confluent(ids.order, [0x06, 0x6f, 0x2d, 0x37, 0x8c, 0x01, 0x02, 0x06, 0x45, 0x76, 0x65, 0x00])),
      record(8, confluent(99_999_999, [0x06, 0x6f])),
    ], { decoder: deps.schemas.recordDecoder('local') })
    expect(result.indexed).toBe(2)
    const search = async (query: string) => {
      const response = await createApp(deps).request(`/api/clusters/local/search?query=${encodeURIComponent(query)}&limit=10`, { headers: auth })
      expect(response.status).toBe(200)
      return (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, string>)
    }
    // A field of the decoded Avro record, which the raw bytes do not name.
    await expect.poll(async () => (await search(`topic:="${topics.avro}" status:=PAID`)).length, { timeout: 15_000, interval: 500 }).toBe(1)
    const [hit] = await search(`topic:="${topics.avro}" status:=PAID`)
    expect(hit).toMatchObject({ offset: '7', id: 'o-7', amount: '70', valueSchemaId: String(ids.order), valueSchemaType: 'AVRO' })
    expect(JSON.parse(hit?._msg as string)).toEqual({ id: 'o-7', amount: 70, status: 'PAID', customer: { name: 'Eve' }, note: null })
    const [missing] = await search(`topic:="${topics.avro}" offset:=8`)
    expect(missing).toMatchObject({ valueEncoding: 'base64', valueSchemaId: '99999999', valueSchemaError: 'schema id 99999999 is not in the schema registry' })
  })

  it('shows raw values with the reason when the registry is down, and health says so', async () => {
    const down = testDeps({ SCHEMA_REGISTRY_URL: 'http://127.0.0.1:9/apis/ccompat/v7' })
    try {
      const items = await browse(topics.avro, createApp(down))
      expect(items[0]).toMatchObject({ valueEncoding: 'base64', valueSchemaError: `schema id ${ids.order} could not be fetched: The schema registry of cluster 'local' could not be reached.` })
      expect(items[4]).toMatchObject({ value: '{"legacy":true}', valueEncoding: 'json' })
      const health = await createApp(down).request('/api/health')
      expect(health.status).toBe(503)
      expect(await health.json()).toEqual({ status: 'degraded', kafka: { local: 'ok' }, victorialogs: 'ok', schemaRegistry: { local: 'error' } })
    } finally {
      await down.close()
    }
    const health = await createApp(deps).request('/api/health')
    expect(await health.json()).toEqual({ status: 'ok', kafka: { local: 'ok' }, victorialogs: 'ok', schemaRegistry: { local: 'ok' } })
  })
})
