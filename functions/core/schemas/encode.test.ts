import { describe, expect, it } from 'vitest'
import { compileSchema } from './compile.ts'
import { SchemaDecoder } from './decoder.ts'
import { compileEncoder, confluentMessageIndexes, SchemaEncoder, SchemaMismatch, UnknownMessageType } from './encode.ts'
import type { GlueSchemaApi, GlueSchemaVersion } from './glue.ts'
import { glueResolver } from './resolver.ts'
import { toJsonText } from './json.ts'
import type { ResolvedSchema, SchemaType } from './types.ts'
import { detectFraming, readConfluentMessageIndexes } from './wire.ts'

const resolved = (type: SchemaType, text: string, id = 42): ResolvedSchema => ({ info: { registry: 'confluent', type, id }, text, references: [] })

const orderSchema = JSON.stringify({
  type: 'record', name: 'Order', namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'order', type: { type: 'record', name: 'Detail', fields: [{ name: 'amount', type: 'int' }, { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] } }] } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'digest', type: 'bytes', default: '' },
    { name: 'ref', type: ['null', { type: 'record', name: 'A', fields: [{ name: 'a', type: 'int' }] }, { type: 'record', name: 'B', fields: [{ name: 'b', type: 'int' }] }], default: null },
  ],
})

/** What browse would show for the bytes: the decoder's JSON. */
async function decodedJson(schema: ResolvedSchema, bytes: Buffer): Promise<unknown> {
  const framing = detectFraming(bytes)
  if (framing?.kind !== 'confluent') throw new Error('not Confluent-framed')
  const decoder = await compileSchema(schema)
  return JSON.parse(toJsonText(decoder.decode(framing.data, 'confluent').value))
}

function mismatch(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn()
  } catch (error: unknown) {
    if (error instanceof SchemaMismatch) return error.issues
    throw error
  }
  throw new Error('no mismatch')
}

describe('Avro encoding', () => {
  const schema = resolved('AVRO', orderSchema)
  const order = { id: 9007199254740993n.toString(), order: { amount: 12, currency: 'EUR' }, note: 'gift', tags: ['a'], digest: Buffer.from('hi').toString('base64'), ref: { 'shop.B': { b: 2 } } }

  it('writes Confluent framing and round-trips through the decoder browse uses', async () => {
    const encoder = await compileEncoder(schema)
    const bytes = encoder.encode(order, 'value')
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, 42])
    expect(encoder.info).toMatchObject({ type: 'AVRO', id: 42, name: 'shop.Order' })
    expect(await decodedJson(schema, bytes)).toEqual({ ...order, id: '9007199254740993' })
  })

  it('takes defaults for fields left out and bare values for simple unions', async () => {
    const encoder = await compileEncoder(schema)
    expect(await decodedJson(schema, encoder.encode({ id: 1, order: { amount: 1, currency: 'USD' } }, 'value')))
      .toEqual({ id: 1, order: { amount: 1, currency: 'USD' }, note: null, tags: [], digest: '', ref: null })
  })

  it('names the field path of every mismatch', async () => {
    const encoder = await compileEncoder(schema)
    expect(mismatch(() => encoder.encode({ id: 1, order: { amount: 'ten', currency: 'GBP' }, colour: 'red' }, 'value'))).toEqual([
      { path: 'value.order.amount', message: 'expected int, got "ten"' },
      { path: 'value.order.currency', message: 'expected one of EUR, USD, got "GBP"' },
      { path: 'value.colour', message: 'is not a field of shop.Order' },
    ])
    expect(mismatch(() => encoder.encode({ order: { amount: 2 ** 31, currency: 'EUR' }, tags: ['x', 3] }, 'records[1].value'))).toEqual([
      { path: 'records[1].value.id', message: 'is required (the field has no default)' },
      { path: 'records[1].value.order.amount', message: 'expected int, got 2147483648' },
      { path: 'records[1].value.tags[1]', message: 'expected string, got 3' },
    ])
    expect(mismatch(() => encoder.encode({ id: 1.5, order: { amount: 1, currency: 'EUR' }, ref: { b: 2 } }, 'value'))).toEqual([
      { path: 'value.id', message: 'expected long (a whole number; beyond 2^53 as a string of digits), got 1.5' },
      { path: 'value.ref', message: 'expected { "<branch>": value } with a branch of null, shop.A, shop.B, got {"b":2}' },
    ])
    expect(mismatch(() => encoder.encode('plain', 'key'))).toEqual([{ path: 'key', message: 'expected record shop.Order, got "plain"' }])
  })
})

describe('Protobuf encoding', () => {
  const proto = `syntax = "proto3";
package shop;
message Order { int32 amount = 1; Status status = 2; repeated Line lines = 3; int64 total = 4;
  message Line { string sku = 1; uint32 count = 2; } }
message Refund { string reason = 1; bytes proof = 2; }
enum Status { NEW = 0; PAID = 1; }`
  const schema = resolved('PROTOBUF', proto, 7)

  it('writes the message-index path of the chosen type (first by default) and round-trips', async () => {
    const order = await compileEncoder(schema)
    const bytes = order.encode({ amount: 5, status: 'PAID', lines: [{ sku: 'x', count: 2 }], total: '12345678901234' }, 'value')
    expect(readConfluentMessageIndexes(bytes.subarray(5)).path).toEqual([0])
    expect(order.info.name).toBe('shop.Order')
    expect(await decodedJson(schema, bytes)).toEqual({ amount: 5, status: 'PAID', lines: [{ sku: 'x', count: 2 }], total: '12345678901234' })

    const refund = await compileEncoder(schema, { messageType: 'shop.Refund' })
    const refundBytes = refund.encode({ reason: 'late', proof: 'AQI=' }, 'value')
    expect(readConfluentMessageIndexes(refundBytes.subarray(5)).path).toEqual([1])
    expect(await decodedJson(schema, refundBytes)).toEqual({ reason: 'late', proof: 'AQI=' })

    const line = await compileEncoder(schema, { messageType: 'shop.Order.Line' })
    expect(readConfluentMessageIndexes(line.encode({ sku: 'y' }, 'value').subarray(5)).path).toEqual([0, 0])
    await expect(compileEncoder(schema, { messageType: 'shop.Nope' })).rejects.toBeInstanceOf(UnknownMessageType)
  })

  it('names the field path of every mismatch', async () => {
    const order = await compileEncoder(schema)
    expect(mismatch(() => order.encode({ amount: 'ten', status: 'LOST', lines: [{ sku: 1, count: -1 }], extra: true }, 'value'))).toEqual([
      { path: 'value.amount', message: 'expected int32, got "ten"' },
      { path: 'value.status', message: 'expected one of NEW, PAID, got "LOST"' },
      { path: 'value.lines[0].sku', message: 'expected string, got 1' },
      { path: 'value.lines[0].count', message: 'expected uint32, got -1' },
      { path: 'value.extra', message: 'is not a field of Order' },
    ])
  })

  it('writes [0] as one zero byte and other paths as zig-zag varints', () => {
    expect([...confluentMessageIndexes([0])]).toEqual([0])
    expect([...confluentMessageIndexes([1])]).toEqual([2, 2])
    expect([...confluentMessageIndexes([0, 70])]).toEqual([4, 0, 140, 1])
    expect(readConfluentMessageIndexes(confluentMessageIndexes([0, 70])).path).toEqual([0, 70])
  })
})

describe('JSON Schema encoding', () => {
  const schema = resolved('JSON', JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, required: ['order'],
    properties: { order: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' }, at: { type: 'string', format: 'date-time' } } } },
  }), 3)

  it('validates with ajv, then writes the JSON text after the header', async () => {
    const encoder = await compileEncoder(schema)
    const bytes = encoder.encode({ order: { amount: 3, at: 'whenever' } }, 'value')
    expect(bytes.subarray(5).toString()).toBe('{"order":{"amount":3,"at":"whenever"}}')
    expect(await decodedJson(schema, bytes)).toEqual({ order: { amount: 3, at: 'whenever' } })
    expect(mismatch(() => encoder.encode({ order: { amount: 1.5 }, more: 1 }, 'value'))).toEqual([
      { path: 'value.more', message: 'is not allowed by the schema' },
      { path: 'value.order.amount', message: 'must be integer' },
    ])
    expect(mismatch(() => encoder.encode({ order: {} }, 'value'))).toEqual([{ path: 'value.order.amount', message: 'is required' }])
  })

  it('understands draft 2020-12', async () => {
    const encoder = await compileEncoder(resolved('JSON', JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }] })))
    expect(mismatch(() => encoder.encode([1], 'value'))).toEqual([{ path: 'value.0', message: 'must be string' }])
  })
})

describe('SchemaEncoder', () => {
  it('compiles each schema id once and names the subject and version asked for', async () => {
    let resolves = 0
    const encoder = new SchemaEncoder(
      { version: (_subject, version) => Promise.resolve({ id: 42, version: version === 'latest' ? 3 : version }) },
      { resolve: () => { resolves++; return Promise.resolve(resolved('AVRO', orderSchema)) } },
    )
    const latest = await encoder.encoderFor({ subject: 'orders-value', version: 'latest' })
    const second = await encoder.encoderFor({ subject: 'other', version: 2 })
    expect(latest.info).toMatchObject({ subject: 'orders-value', version: 3, id: 42 })
    expect(second.info).toMatchObject({ subject: 'other', version: 2 })
    expect(resolves).toBe(1)
  })

  it('tries the registry again after a failure', async () => {
    let calls = 0
    const encoder = new SchemaEncoder(
      { version: () => Promise.resolve({ id: 1, version: 1 }) },
      { resolve: () => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(resolved('AVRO', '"string"', 1))) },
    )
    await expect(encoder.encoderFor({ subject: 's', version: 1 })).rejects.toThrow('down')
    expect((await encoder.encoderFor({ subject: 's', version: 1 })).encode('x', 'value').subarray(5)).toEqual(Buffer.from([2, 0x78]))
  })
})

describe('AWS Glue encoding', () => {
  const versions: GlueSchemaVersion[] = [
    { schemaVersionId: '0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b', dataFormat: 'AVRO', definition: orderSchema, schemaName: 'orders', versionNumber: 2 },
    {
      schemaVersionId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', dataFormat: 'PROTOBUF', schemaName: 'shipments', versionNumber: 1,
      definition: 'syntax = "proto3";\npackage acme;\nmessage Zeta { string z = 1; }\nmessage Alpha { Inner inner = 1; message Inner { int32 n = 1; } }\n',
    },
  ]
  const api: GlueSchemaApi = {
    getSchemaVersion: (id) => Promise.resolve(versions.find((v) => v.schemaVersionId === id)!),
    getSchemaVersionByNumber: (name) => Promise.resolve(versions.find((v) => v.schemaName === name)!),
    listSchemas: () => Promise.resolve([]), listSchemaVersions: () => Promise.resolve([]), getSchema: () => Promise.reject(new Error('unused')),
  }
  const catalog = { version: async (subject: string) => { const v = await api.getSchemaVersionByNumber(subject, 'latest'); return { versionId: v.schemaVersionId, version: v.versionNumber ?? 0 } } }

  it('writes Glue framing (version 3, uncompressed, the UUID; Protobuf index among all message names, sorted) the decoder reads back', async () => {
    const encoder = new SchemaEncoder(catalog, glueResolver(api))
    const decoder = new SchemaDecoder(glueResolver(api))
    const order = await encoder.encoderFor({ subject: 'orders', version: 'latest' })
    const avro = order.encode({ id: 5, order: { amount: 1, currency: 'EUR' } }, 'value')
    expect([...avro.subarray(0, 2)]).toEqual([3, 0])
    expect(avro.subarray(2, 18).toString('hex')).toBe('0f8e2a4c1b3d4e5f8a9b0c1d2e3f4a5b')
    // Sorted full names: acme.Alpha, acme.Alpha.Inner, acme.Zeta: Inner is 1.
    const inner = await encoder.encoderFor({ subject: 'shipments', version: 'latest', messageType: 'acme.Alpha.Inner' })
    const proto = inner.encode({ n: 4 }, 'value')
    expect(proto[18]).toBe(1)
    const records = [avro, proto].map((value, i) => ({ topic: 't', partition: 0, offset: String(i), timestamp: 0, key: null, value, headers: [] }))
    await decoder.prepare(records)
    expect(decoder.decode(avro)).toMatchObject({ ok: true, info: { registry: 'glue', subject: 'orders' } })
    expect(JSON.parse((decoder.decode(avro) as { json: string }).json)).toMatchObject({ id: 5, order: { amount: 1, currency: 'EUR' } })
    expect(decoder.decode(proto)).toMatchObject({ ok: true, value: { n: 4 }, info: { name: 'acme.Alpha.Inner' } })
  })
})
