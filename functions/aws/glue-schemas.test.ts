// Glue-framed records decoded through the Glue adapter, with AWS's API faked at the SDK boundary
// (GetSchemaVersion etc. answer as AWS documents them). The records are built byte by byte as AWS's
// serializers write them (aws-glue-schema-registry, SerializationDataEncoder):
//   0x03 header version | 0x00 no compression, or 0x05 zlib | 16-byte schema version UUID (most
//   significant 8 bytes first) | data, zlib-deflated (java.util.zip.Deflater's default, a zlib
//   stream) when 0x05.
// Protobuf data starts with one unsigned varint: the message type's index among all of the file's
// message types (nested ones included) sorted by full name (MessageIndexFinder).
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../core/kafka/index.ts'
import { SchemaRegistries } from '../core/schemas/registries.ts'
import { createGlueSchemaApi, type GlueOperation } from './glue-schemas.ts'

const avroVersion = 'b7a3c1d2-0e4f-4a5b-9c6d-7e8f90a1b2c3'
const protoVersion = '00112233-4455-6677-8899-aabbccddeeff'
const jsonVersion = 'fedcba98-7654-4321-8fed-cba987654321'
const arn = (schema: string) => `arn:aws:glue:eu-west-1:123456789012:schema/payments/${schema}`

const avroSchema = JSON.stringify({
  type: 'record', name: 'Payment', namespace: 'com.acme',
  fields: [{ name: 'id', type: 'string' }, { name: 'cents', type: 'long' }, { name: 'note', type: ['null', 'string'], default: null }],
})
const protoSchema = `syntax = "proto3";
package shop;
message Order {
  string id = 1;
  Item item = 2;
  message Item {
    string sku = 1;
    int32 qty = 2;
  }
}
message Customer {
  string name = 1;
}
`
const jsonSchema = JSON.stringify({ type: 'object', properties: { city: { type: 'string' } } })

/** AWS's GetSchemaVersion answers, as the SDK returns them. */
const versions: Record<string, Record<string, unknown>> = {
  [avroVersion]: { SchemaVersionId: avroVersion, SchemaDefinition: avroSchema, DataFormat: 'AVRO', SchemaArn: arn('payment-value'), VersionNumber: 3, Status: 'AVAILABLE' },
  [protoVersion]: { SchemaVersionId: protoVersion, SchemaDefinition: protoSchema, DataFormat: 'PROTOBUF', SchemaArn: arn('shop'), VersionNumber: 1, Status: 'AVAILABLE' },
  [jsonVersion]: { SchemaVersionId: jsonVersion, SchemaDefinition: jsonSchema, DataFormat: 'JSON', SchemaArn: arn('address'), VersionNumber: 7, Status: 'AVAILABLE' },
}

function fakeGlue() {
  const calls: { operation: GlueOperation; input: Record<string, unknown> }[] = []
  const send = (operation: GlueOperation, input: Record<string, unknown>) => {
    calls.push({ operation, input })
    if (operation === 'GetSchemaVersion') {
      const found = versions[String(input.SchemaVersionId)]
      if (!found) return Promise.reject(Object.assign(new Error('Schema version is not found.'), { name: 'EntityNotFoundException', $metadata: { httpStatusCode: 404 } }))
      return Promise.resolve(found)
    }
    if (operation === 'ListSchemas') return Promise.resolve({ Schemas: [{ SchemaName: 'shop' }, { SchemaName: 'payment-value' }] })
    return Promise.reject(new Error(`unexpected ${operation}`))
  }
  return { calls, send }
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex')
const glueRecord = (uuid: string, data: Buffer, compression: 'none' | 'zlib') =>
  Buffer.concat([Buffer.from([0x03, compression === 'zlib' ? 0x05 : 0x00]), uuidBytes(uuid), compression === 'zlib' ? deflateSync(data) : data])

// Avro binary, by hand: string = zig-zag length + UTF-8; long = zig-zag varint; union = branch index, then the value.
const avroPayment = Buffer.from([
  0x08, 0x70, 0x2d, 0x34, 0x32, // id: "p-42"
  0xd0, 0x0f, // cents: 1000 (zig-zag 2000 = 0xd0 0x0f)
  0x02, 0x06, 0x74, 0x69, 0x70, // note: branch 1 (string), "tip"
])
// Protobuf messages sorted by full name: 0 shop.Customer, 1 shop.Order, 2 shop.Order.Item.
const protoCustomer = Buffer.from([0x00, 0x0a, 0x03, 0x41, 0x64, 0x61]) // index 0; name (1, LEN) "Ada"
const protoItem = Buffer.from([0x02, 0x0a, 0x02, 0x58, 0x31, 0x10, 0x05]) // index 2; sku "X1", qty 5
const jsonAddress = Buffer.from('{"city":"Lyon"}')

const record = (value: Buffer | null, key: Buffer | null = null): RawRecord => ({ topic: 'payments', partition: 0, offset: '0', timestamp: 0, key, value, headers: [] })

function glueRegistries() {
  const glue = fakeGlue()
  const registries = new SchemaRegistries(
    [{ id: 'msk', name: 'msk', brokers: ['b-1:9098'], schemaRegistry: { kind: 'glue', region: 'eu-west-1', registryName: 'payments' } }],
    { glue: (settings) => createGlueSchemaApi(settings, glue.send) },
  )
  return { glue, registries, decoder: registries.messageDecoder('msk') }
}

describe('Glue-framed records', () => {
  it.each(['none', 'zlib'] as const)('decodes Avro, Protobuf (by the sorted message index) and JSON, compression %s', async (compression) => {
    const { decoder } = glueRegistries()
    const records = [
      record(glueRecord(avroVersion, avroPayment, compression)),
      record(glueRecord(protoVersion, protoCustomer, compression)),
      record(glueRecord(protoVersion, protoItem, compression)),
      record(glueRecord(jsonVersion, jsonAddress, compression), Buffer.from('plain key')),
    ]
    await decoder.prepare(records)
    const items = records.map((r) => decoder.decode(r).item(65_536))
    expect(items.map((i) => [i.valueEncoding, JSON.parse(i.value as string)])).toEqual([
      ['json', { id: 'p-42', cents: 1000, note: 'tip' }],
      ['json', { name: 'Ada' }],
      ['json', { sku: 'X1', qty: 5 }],
      ['json', { city: 'Lyon' }],
    ])
    expect(items.map((i) => i.valueSchema)).toEqual([
      { registry: 'glue', type: 'AVRO', versionId: avroVersion, subject: 'payment-value', version: 3, name: 'com.acme.Payment' },
      { registry: 'glue', type: 'PROTOBUF', versionId: protoVersion, subject: 'shop', version: 1, name: 'shop.Customer' },
      { registry: 'glue', type: 'PROTOBUF', versionId: protoVersion, subject: 'shop', version: 1, name: 'shop.Order.Item' },
      { registry: 'glue', type: 'JSON', versionId: jsonVersion, subject: 'address', version: 7 },
    ])
    // The size is the record's own, not the decoded JSON's; a plain key stays as it was.
    expect(items[0]?.size).toBe(18 + (compression === 'zlib' ? deflateSync(avroPayment).length : avroPayment.length))
    expect(items[3]).toMatchObject({ key: 'plain key', keyEncoding: 'text' })
    expect(items[3]?.keySchema).toBeUndefined()
  })

  it('asks Glue once per schema version, however many records carry it', async () => {
    const { decoder, glue } = glueRegistries()
    const batch = Array.from({ length: 50 }, (_, i) => record(glueRecord(i % 2 ? avroVersion : jsonVersion, i % 2 ? avroPayment : jsonAddress, 'zlib')))
    await decoder.prepare(batch)
    await decoder.prepare(batch)
    expect(glue.calls.map((c) => c.input.SchemaVersionId).sort()).toEqual([avroVersion, jsonVersion].sort())
    expect(batch.map((r) => decoder.decode(r).item(1000).valueSchemaError).filter(Boolean)).toEqual([])
  })

  it('falls back to raw bytes with the reason: unknown version, bytes that do not fit, a broken zlib stream', async () => {
    const { decoder } = glueRegistries()
    const unknown = record(glueRecord('99999999-9999-4999-8999-999999999999', avroPayment, 'none'))
    const truncated = record(glueRecord(avroVersion, avroPayment.subarray(0, 3), 'none'))
    const badIndex = record(glueRecord(protoVersion, Buffer.from([0x07, 0x0a, 0x00]), 'none'))
    const broken = record(Buffer.concat([Buffer.from([0x03, 0x05]), uuidBytes(avroVersion), Buffer.from('not zlib')]))
    const records = [unknown, truncated, badIndex, broken]
    await decoder.prepare(records)
    const items = records.map((r) => decoder.decode(r).item(1000))
    expect(items.map((i) => i.valueEncoding)).toEqual(['base64', 'base64', 'base64', 'base64'])
    expect(items[0]?.value).toBe((unknown.value as Buffer).toString('base64'))
    expect(items[0]?.valueSchemaError).toBe('schema version 99999999-9999-4999-8999-999999999999 is not in the schema registry')
    expect(items[1]?.valueSchemaError).toMatch(/^the bytes do not decode with schema version b7a3c1d2-.* \(AVRO\)/)
    expect(items[2]?.valueSchemaError).toMatch(/message index 7 points at no message type/)
    expect(items[3]?.valueSchemaError).toMatch(/^the bytes do not decode with schema version .*: incorrect header check/)
  })

  it('says so when Confluent-framed bytes reach a Glue registry, and leaves plain records alone', async () => {
    const { decoder } = glueRegistries()
    const confluent = record(Buffer.from([0x00, 0x00, 0x00, 0x00, 0x07, 0x02]))
    const plain = record(Buffer.from('{"a":1}'))
    await decoder.prepare([confluent, plain])
    expect(decoder.decode(confluent).item(100)).toMatchObject({ valueEncoding: 'base64', valueSchemaError: expect.stringMatching(/Confluent-framed, but this cluster's registry is AWS Glue/) as unknown })
    expect(decoder.decode(plain).item(100)).toEqual(expect.objectContaining({ value: '{"a":1}', valueEncoding: 'json' }))
    expect(decoder.decode(plain).item(100)).not.toHaveProperty('valueSchemaError')
  })

  it('lists schemas of the configured registry, and maps AWS exceptions to problems', async () => {
    const { registries, glue } = glueRegistries()
    expect(await registries.require('msk').catalog.subjects()).toEqual(['payment-value', 'shop'])
    expect(glue.calls.at(-1)).toEqual({ operation: 'ListSchemas', input: { RegistryId: { RegistryName: 'payments' }, MaxResults: 100 } })
    const api = createGlueSchemaApi({ region: 'eu-west-1', registryName: 'payments' }, () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })))
    await expect(api.getSchemaVersion(avroVersion)).rejects.toMatchObject({ code: 'SCHEMA_REGISTRY_ERROR', status: 502 })
    const down = createGlueSchemaApi({ region: 'eu-west-1', registryName: 'payments' }, () => Promise.reject(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })))
    await expect(down.listSchemas()).rejects.toMatchObject({ code: 'SCHEMA_REGISTRY_UNAVAILABLE', retryable: true })
  })
})

describe('lookups per batch', () => {
  it('are capped, so bytes that only look framed cannot send a request per record; the rest follow in later batches', async () => {
    const glue = fakeGlue()
    const registries = new SchemaRegistries(
      [{ id: 'msk', name: 'msk', brokers: ['b-1:9098'], schemaRegistry: { kind: 'glue', region: 'eu-west-1' } }],
      { glue: (settings) => createGlueSchemaApi(settings, glue.send), decoder: { maxLookupsPerBatch: 3 } },
    )
    const decoder = registries.messageDecoder('msk')
    const ids = Array.from({ length: 5 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`)
    const batch = ids.map((id) => record(glueRecord(id, jsonAddress, 'none')))
    await decoder.prepare(batch)
    expect(glue.calls).toHaveLength(3)
    expect(decoder.decode(batch[4] as RawRecord).item(100).valueSchemaError).toBe(`schema version ${ids[4]} is not loaded yet`)
    await decoder.prepare(batch)
    expect(glue.calls).toHaveLength(5)
  })
})
