// Avro binary → JSON text directly, without building the decoded value first: the decoded tail
// and the indexer want the text, and making it from avsc's objects cost most of their time.
// The text is exactly what toJsonText(type.fromBuffer(data)) gives (bytes and fixed as base64,
// longs as numbers when safe, else strings; unions as avsc renders them with wrapUnions 'auto').
// Anything this does not know (or odd input: truncated, trailing bytes, bad indexes) makes
// compileAvroJson return undefined or the reader throw FallBack, and the caller takes avsc's path,
// which also gives its error messages.
import type { Type } from 'avsc'

/** Thrown by a reader when avsc's own path must decide (errors, rare shapes). */
export class FallBack extends Error {}

interface Cursor {
  buf: Buffer
  pos: number
  words?: Uint32Array
}

type Reader = (c: Cursor) => string

const fallBack = new FallBack('fall back to avsc')
const minSafe = BigInt(Number.MIN_SAFE_INTEGER)
const maxSafe = BigInt(Number.MAX_SAFE_INTEGER)

/** avsc's readLong (zig-zag varint, as a JS number): what its int type gives. */
function readIntNumber(c: Cursor): number {
  const buf = c.buf
  let n = 0
  let k = 0
  let b: number
  let h: number
  do {
    b = buf[c.pos++] as number
    if (b === undefined) throw fallBack
    h = b & 0x80
    n |= (b & 0x7f) << k
    k += 7
  } while (h && k < 28)
  if (h) {
    let f = n
    let fk = 268435456
    do {
      b = buf[c.pos++] as number
      if (b === undefined) throw fallBack
      f += (b & 0x7f) * fk
      fk *= 128
    } while (b & 0x80)
    return (f % 2 ? -(f + 1) : f) / 2
  }
  return (n >> 1) ^ -(n & 1)
}

/** A 64-bit long as the BigInt long type reads it, in toJsonText's form. */
function readLongText(c: Cursor): string {
  const buf = c.buf
  const start = c.pos
  let n = 0
  let scale = 1
  for (let i = 0; i < 7; i++) {
    const b = buf[c.pos++]
    if (b === undefined) throw fallBack
    n += (b & 0x7f) * scale
    if (!(b & 0x80)) return String(n % 2 ? -(n + 1) / 2 : n / 2)
    scale *= 128
  }
  // Beyond 49 bits: exactly, as the 8 bytes avsc unpacks.
  c.pos = start
  let u = 0n
  let shift = 0n
  for (let i = 0; ; i++) {
    const b = buf[c.pos++]
    if (b === undefined || i >= 10) throw fallBack
    u |= BigInt(b & 0x7f) << shift
    if (!(b & 0x80)) break
    shift += 7n
  }
  u = BigInt.asUintN(64, u)
  const value = BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n))
  return value >= minSafe && value <= maxSafe ? String(Number(value)) : `"${value.toString()}"`
}

function readLength(c: Cursor): number {
  const n = readIntNumber(c)
  if (n < 0) throw fallBack
  return n
}

/** Buffer's own slice (toString checks its arguments first: measurably slower per string). */
type Sliceable = Buffer & { utf8Slice(start: number, end: number): string }

function readString(c: Cursor): string {
  const len = readLength(c)
  const start = c.pos
  const end = start + len
  if (end > c.buf.length) throw fallBack
  c.pos = end
  return (c.buf as Sliceable).utf8Slice(start, end)
}

/**
 * Whether the string's UTF-8 bytes hold nothing JSON escapes: no quote, backslash or control
 * character (decoded UTF-8 holds no lone surrogates, the only other escapes). Checked on the bytes,
 * four at a time: JSON.stringify of a long string costs several times this.
 */
function plainBytes(c: Cursor, start: number, end: number): boolean {
  const buf = c.buf
  if (end - start < 32) {
    for (let i = start; i < end; i++) {
      const b = buf[i] as number
      if (b < 0x20 || b === 0x22 || b === 0x5c) return false
    }
    return true
  }
  const span = buf.subarray(start, end)
  if (span.indexOf(0x22) >= 0 || span.indexOf(0x5c) >= 0) return false
  // Aligned 32-bit words of the underlying memory (one view per payload), the odd ends bytewise.
  const words = (c.words ??= new Uint32Array(buf.buffer, 0, buf.buffer.byteLength >>> 2))
  const base = buf.byteOffset
  let i = start
  while (i < end && ((base + i) & 3) !== 0) if ((buf[i++] as number) < 0x20) return false
  let word = (base + i) >>> 2
  const lastWord = (base + end) >>> 2
  for (; word < lastWord; word++) {
    const w = words[word] as number
    // Some byte below 0x20 (the classic "has a byte less than n" test, n = 0x20).
    if (((w - 0x20202020) & ~w & 0x80808080) !== 0) return false
  }
  for (i = (lastWord << 2) - base; i < end; i++) if (i >= start && (buf[i] as number) < 0x20) return false
  return true
}

function readStringJson(c: Cursor): string {
  const len = readLength(c)
  const start = c.pos
  const end = start + len
  if (end > c.buf.length) throw fallBack
  c.pos = end
  const text = (c.buf as Sliceable).utf8Slice(start, end)
  return plainBytes(c, start, end) ? `"${text}"` : JSON.stringify(text)
}

const numberText = (n: number) => (Number.isFinite(n) ? String(n) : 'null')

function bytesText(c: Cursor, len: number): string {
  const start = c.pos
  const end = start + len
  if (end > c.buf.length) throw fallBack
  c.pos = end
  return `"${c.buf.toString('base64', start, end)}"`
}

/** Block count of an array or map (a negative count is followed by the block's byte size). */
function readBlockCount(c: Cursor): number {
  let n = readIntNumber(c)
  if (n < 0) {
    n = -n
    readIntNumber(c)
  }
  return n
}

function compileType(type: Type, records: Map<Type, Reader>): Reader | undefined {
  const t = type as Type & { typeName: string; branchName?: string }
  switch (t.typeName) {
    case 'null': return () => 'null'
    case 'boolean': return (c) => {
      const b = c.buf[c.pos++]
      if (b === undefined) throw fallBack
      return b ? 'true' : 'false'
    }
    case 'int': return (c) => String(readIntNumber(c))
    // The BigInt long type compile.ts installs (avsc's own long would refuse unsafe values).
    case 'abstract:long': return readLongText
    // avsc's own long (a long with a logical type): numbers, and avsc refuses unsafe ones.
    case 'long': return (c) => {
      const text = readLongText(c)
      if (text.charCodeAt(0) === 0x22) throw fallBack
      return text
    }
    case 'float': return (c) => {
      if (c.pos + 4 > c.buf.length) throw fallBack
      const v = c.buf.readFloatLE(c.pos)
      c.pos += 4
      return numberText(v)
    }
    case 'double': return (c) => {
      if (c.pos + 8 > c.buf.length) throw fallBack
      const v = c.buf.readDoubleLE(c.pos)
      c.pos += 8
      return numberText(v)
    }
    case 'string': return readStringJson
    case 'bytes': return (c) => bytesText(c, readLength(c))
    case 'fixed': {
      const size = (type as unknown as { size: number }).size
      return (c) => bytesText(c, size)
    }
    case 'enum': {
      const symbols = (type as unknown as { symbols: string[] }).symbols.map((s) => JSON.stringify(s))
      return (c) => {
        const symbol = symbols[readIntNumber(c)]
        if (symbol === undefined) throw fallBack
        return symbol
      }
    }
    case 'array': {
      const items = compileType((type as unknown as { itemsType: Type }).itemsType, records)
      if (!items) return undefined
      return (c) => {
        let out = '['
        let first = true
        for (let n = readBlockCount(c); n; n = readBlockCount(c)) {
          while (n--) {
            if (first) first = false
            else out += ','
            out += items(c)
          }
        }
        return out + ']'
      }
    }
    case 'map': {
      const values = compileType((type as unknown as { valuesType: Type }).valuesType, records)
      if (!values) return undefined
      return (c) => {
        // A plain object, as avsc builds: a repeated key keeps its first place, integer-like keys come first.
        const map: Record<string, string> = {}
        for (let n = readBlockCount(c); n; n = readBlockCount(c)) {
          while (n--) {
            const key = readString(c)
            if (key === '__proto__') throw fallBack
            map[key] = values(c)
          }
        }
        let out = '{'
        let first = true
        for (const key in map) {
          if (first) first = false
          else out += ','
          out += `${JSON.stringify(key)}:${map[key] as string}`
        }
        return out + '}'
      }
    }
    case 'union:unwrapped':
    case 'union:wrapped': {
      const branches = (type as unknown as { types: Type[] }).types
      const wrapped = t.typeName === 'union:wrapped'
      const readers: Reader[] = []
      for (const branch of branches) {
        const reader = compileType(branch, records)
        if (!reader) return undefined
        const name = (branch as Type & { typeName: string; branchName?: string }).typeName === 'null' || !wrapped ? undefined : (branch as { branchName?: string }).branchName
        if (wrapped && (branch as Type & { typeName: string }).typeName !== 'null' && !name) return undefined
        const prefix = name === undefined ? undefined : `{${JSON.stringify(name)}:`
        readers.push(prefix === undefined ? reader : (c) => `${prefix}${reader(c)}}`)
      }
      return (c) => {
        const reader = readers[readIntNumber(c)]
        if (!reader) throw fallBack
        return reader(c)
      }
    }
    case 'record':
    case 'error': {
      const known = records.get(type)
      if (known) return known
      const fields = (type as unknown as { fields: { name: string; type: Type }[] }).fields
      const readers: Reader[] = []
      const prefixes: string[] = []
      // Registered before its fields: a recursive record refers to itself.
      const reader: Reader = (c) => {
        let out = '{'
        for (let i = 0; i < readers.length; i++) out += (prefixes[i] as string) + (readers[i] as Reader)(c)
        return out + '}'
      }
      records.set(type, reader)
      for (const [i, field] of fields.entries()) {
        const fieldReader = compileType(field.type, records)
        if (!fieldReader) return undefined
        readers.push(fieldReader)
        prefixes.push(`${i === 0 ? '' : ','}${JSON.stringify(field.name)}:`)
      }
      return reader
    }
    default:
      // Logical types and anything else: avsc's path.
      return undefined
  }
}

/**
 * The reader of a whole payload (the bytes after the wire header), or undefined when the type
 * holds something this does not handle. The reader throws FallBack where avsc must decide.
 */
export function compileAvroJson(type: Type): ((data: Buffer) => string) | undefined {
  let reader: Reader | undefined
  try {
    reader = compileType(type, new Map())
  } catch {
    return undefined
  }
  if (!reader) return undefined
  const read = reader
  return (data) => {
    const cursor: Cursor = { buf: data, pos: 0 }
    const text = read(cursor)
    if (cursor.pos !== data.length) throw fallBack
    return text
  }
}
