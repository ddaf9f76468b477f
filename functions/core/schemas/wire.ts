// Schema-registry wire formats, detected per payload (a record's key and value separately):
//
// Confluent: [0x00][schema id: 4 bytes, big-endian][data]. For Protobuf the data starts with the
//   message-index path: a zig-zag varint count, then that many zig-zag varints (indexes into the
//   file's message types, then into nested types); the path [0] is written as the single byte 0x00.
// AWS Glue: [0x03 header version][compression: 0x00 none | 0x05 zlib][schema version UUID: 16 bytes,
//   most significant half first][data, zlib-compressed when 0x05]. For Protobuf the (decompressed)
//   data starts with one unsigned varint: the index of the message type among all of the file's
//   messages, nested ones included, sorted by full name.
//
// Plain text and JSON never start with 0x00 or 0x03, and neither does a bare Protobuf message
// (field number 0 does not exist), so detection does not misread what is shown today.

export type Framing =
  | { kind: 'confluent'; schemaId: number; data: Buffer }
  | { kind: 'glue'; schemaVersionId: string; compression: 'none' | 'zlib'; data: Buffer }

export const confluentMagicByte = 0x00
export const glueHeaderVersion = 0x03
export const glueCompressionNone = 0x00
export const glueCompressionZlib = 0x05
const confluentHeaderBytes = 5
const glueHeaderBytes = 18

/** The UUID's 16 bytes in the canonical 8-4-4-4-12 hex form. */
export function uuidFromBytes(bytes: Buffer): string {
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

export function detectFraming(bytes: Buffer | null): Framing | undefined {
  if (bytes === null || bytes.length < confluentHeaderBytes) return undefined
  const first = bytes[0]
  if (first === confluentMagicByte) {
    const schemaId = bytes.readUInt32BE(1)
    // Registries number schemas from 1; an id of 0 is more likely zero bytes than a schema.
    if (schemaId === 0) return undefined
    return { kind: 'confluent', schemaId, data: bytes.subarray(confluentHeaderBytes) }
  }
  if (first === glueHeaderVersion && bytes.length >= glueHeaderBytes) {
    const compression = bytes[1] === glueCompressionNone ? 'none' : bytes[1] === glueCompressionZlib ? 'zlib' : undefined
    if (!compression) return undefined
    return { kind: 'glue', schemaVersionId: uuidFromBytes(bytes.subarray(2, glueHeaderBytes)), compression, data: bytes.subarray(glueHeaderBytes) }
  }
  return undefined
}

export class WireFormatError extends Error {}

/** An unsigned varint of at most 32 bits at `offset`; returns the value and the offset after it. */
export function readUnsignedVarint(bytes: Buffer, offset: number): { value: number; next: number } {
  let value = 0
  for (let shift = 0, i = offset; shift < 35; shift += 7, i++) {
    if (i >= bytes.length) throw new WireFormatError('the message index ends early')
    const byte = bytes[i] as number
    value += (byte & 0x7f) * 2 ** shift
    if ((byte & 0x80) === 0) {
      if (value > 0xffffffff) throw new WireFormatError('a message index is out of range')
      return { value, next: i + 1 }
    }
  }
  throw new WireFormatError('a message index varint is too long')
}

/** Zig-zag: 0 → 0, 1 → -1, 2 → 1, 3 → -2, … */
export function readZigZagVarint(bytes: Buffer, offset: number): { value: number; next: number } {
  const { value, next } = readUnsignedVarint(bytes, offset)
  return { value: value % 2 === 0 ? value / 2 : -(value + 1) / 2, next }
}

/** Deeper than any schema anyone writes; a garbage count must not allocate a huge array. */
const maxIndexDepth = 64

/** Confluent's Protobuf message-index path at the start of `data`, and where the message starts. */
export function readConfluentMessageIndexes(data: Buffer): { path: number[]; messageStart: number } {
  const count = readZigZagVarint(data, 0)
  if (count.value === 0) return { path: [0], messageStart: count.next }
  if (count.value < 0 || count.value > maxIndexDepth) throw new WireFormatError(`the message index count ${count.value} is not valid`)
  const path: number[] = []
  let offset = count.next
  for (let i = 0; i < count.value; i++) {
    const index = readZigZagVarint(data, offset)
    if (index.value < 0) throw new WireFormatError(`the message index ${index.value} is negative`)
    path.push(index.value)
    offset = index.next
  }
  return { path, messageStart: offset }
}

/** Glue's Protobuf message index (one unsigned varint) at the start of the decompressed data. */
export function readGlueMessageIndex(data: Buffer): { index: number; messageStart: number } {
  const { value, next } = readUnsignedVarint(data, 0)
  return { index: value, messageStart: next }
}
