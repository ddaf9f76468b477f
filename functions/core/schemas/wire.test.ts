import { describe, expect, it } from 'vitest'
import { detectFraming, readConfluentMessageIndexes, readGlueMessageIndex, readZigZagVarint, WireFormatError } from './wire.ts'

const bytes = (...values: number[]) => Buffer.from(values)

describe('detectFraming', () => {
  it('reads the Confluent header: magic 0, then the schema id big-endian', () => {
    // 0x00 | 0x00 0x00 0x01 0x2c (id 300) | Avro data: string "hi" (zig-zag length 2 → 0x04)
    const framing = detectFraming(bytes(0x00, 0x00, 0x00, 0x01, 0x2c, 0x04, 0x68, 0x69))
    expect(framing).toEqual({ kind: 'confluent', schemaId: 300, data: bytes(0x04, 0x68, 0x69) })
  })

  it('reads ids above 2^31 as unsigned', () => {
    expect(detectFraming(bytes(0x00, 0xff, 0xff, 0xff, 0xfe))).toMatchObject({ kind: 'confluent', schemaId: 4_294_967_294 })
  })

  it('reads the Glue header: version 3, compression, the schema version UUID', () => {
    const uuid = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x4d, 0xef, 0x81, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]
    expect(detectFraming(bytes(0x03, 0x00, ...uuid, 0x7b, 0x7d))).toEqual({
      kind: 'glue', schemaVersionId: '12345678-9abc-4def-8123-456789abcdef', compression: 'none', data: bytes(0x7b, 0x7d),
    })
    expect(detectFraming(bytes(0x03, 0x05, ...uuid, 0x78, 0x9c))).toMatchObject({ compression: 'zlib', data: bytes(0x78, 0x9c) })
  })

  it('leaves text, JSON, short values, unknown compression bytes and schema id 0 alone', () => {
    expect(detectFraming(Buffer.from('{"a":1}'))).toBeUndefined()
    expect(detectFraming(Buffer.from('plain text'))).toBeUndefined()
    expect(detectFraming(null)).toBeUndefined()
    expect(detectFraming(bytes(0x00, 0x00, 0x00, 0x01))).toBeUndefined()
    expect(detectFraming(bytes(0x00, 0x00, 0x00, 0x00, 0x00, 0x01))).toBeUndefined()
    expect(detectFraming(Buffer.concat([bytes(0x03, 0x01), Buffer.alloc(16)]))).toBeUndefined()
    // A Glue header needs all 16 UUID bytes.
    expect(detectFraming(bytes(0x03, 0x00, 0x01, 0x02, 0x03))).toBeUndefined()
  })
})

describe('Protobuf message indexes', () => {
  it('reads zig-zag varints', () => {
    expect(readZigZagVarint(bytes(0x00), 0).value).toBe(0)
    expect(readZigZagVarint(bytes(0x01), 0).value).toBe(-1)
    expect(readZigZagVarint(bytes(0x02), 0).value).toBe(1)
    expect(readZigZagVarint(bytes(0xac, 0x02), 0)).toEqual({ value: 150, next: 2 })
  })

  it('reads the single 0 byte as the path [0]', () => {
    expect(readConfluentMessageIndexes(bytes(0x00, 0x0a, 0x01))).toEqual({ path: [0], messageStart: 1 })
  })

  it('reads a count then the indexes, all zig-zag', () => {
    // count 2 (0x04), indexes 1 (0x02) and 0 (0x00): the first nested type of the second message
    expect(readConfluentMessageIndexes(bytes(0x04, 0x02, 0x00, 0x08, 0x96, 0x01))).toEqual({ path: [1, 0], messageStart: 3 })
    // count 1, index 150 (zig-zag 300 = 0xac 0x02)
    expect(readConfluentMessageIndexes(bytes(0x02, 0xac, 0x02))).toEqual({ path: [150], messageStart: 3 })
  })

  it('refuses negative counts and indexes, and paths cut short', () => {
    expect(() => readConfluentMessageIndexes(bytes(0x01))).toThrow(WireFormatError)
    expect(() => readConfluentMessageIndexes(bytes(0x02, 0x01))).toThrow(/negative/)
    expect(() => readConfluentMessageIndexes(bytes(0x06, 0x02))).toThrow(/ends early/)
    expect(() => readConfluentMessageIndexes(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x01))).toThrow(WireFormatError)
  })

  it("reads Glue's one unsigned varint", () => {
    expect(readGlueMessageIndex(bytes(0x03, 0x0a))).toEqual({ index: 3, messageStart: 1 })
    expect(readGlueMessageIndex(bytes(0x96, 0x01, 0x0a))).toEqual({ index: 150, messageStart: 2 })
  })
})
