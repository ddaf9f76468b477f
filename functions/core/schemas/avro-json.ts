// Avro binary → JSON text directly, without building the decoded value first: the decoded tail
// and the indexer want the text, and making it from avsc's objects cost most of their time.
// The text is exactly what toJsonText(type.fromBuffer(data)) gives (bytes and fixed as base64,
// longs as numbers when safe, else strings; unions as avsc renders them with wrapUnions 'auto').
// Anything this does not know (or odd input: truncated, trailing bytes, bad indexes) makes
// compileAvroJson return undefined or the reader throw FallBack, and the caller takes avsc's path,
// which also gives its error messages.
import { isUtf8 } from 'node:buffer'
import type { Type } from 'avsc'

/** Thrown by a reader when avsc's own path must decide (errors, rare shapes). */
export class FallBack extends Error {}

interface Cursor {
  buf: Buffer
  pos: number
  words: Uint32Array | undefined
  /** The JSON text is written here as UTF-8 and read out once: no string per value to join and flatten. */
  out: Buffer
  at: number
}

type Reader = (c: Cursor) => void

function reserve(c: Cursor, bytes: number): void {
  if (c.at + bytes <= c.out.length) return
  const grown = Buffer.allocUnsafe(Math.max(c.out.length * 2, c.at + bytes))
  c.out.copy(grown, 0, 0, c.at)
  c.out = grown
}

/** Text that is ASCII (numbers, names, base64, literals). */
function writeAscii(c: Cursor, text: string): void {
  reserve(c, text.length)
  const out = c.out
  let at = c.at
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i)
  c.at = at
}

/** Bytes encoded once at compile time (field names with their punctuation): copied, not encoded per record. */
function writeEncoded(c: Cursor, bytes: Uint8Array): void {
  reserve(c, bytes.length)
  const out = c.out
  let at = c.at
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i] as number
  c.at = at
}

/** Any text (JSON.stringify's output: no lone surrogates, so UTF-8 keeps it exactly). */
function writeText(c: Cursor, text: string): void {
  reserve(c, text.length * 3)
  c.at += c.out.write(text, c.at, 'utf8')
}

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
/**
 * Whether the string's bytes can be copied into the JSON text as they are: no quote, backslash or
 * control character (the only other escape, a lone surrogate, cannot come out of UTF-8), and valid
 * UTF-8 (invalid bytes decode to U+FFFD, which JSON.stringify's path then writes). Checked four
 * bytes at a time: JSON.stringify of a long string costs several times this.
 */
function plainBytes(c: Cursor, start: number, end: number): boolean {
  const buf = c.buf
  let high = 0
  if (end - start < 32) {
    for (let i = start; i < end; i++) {
      const b = buf[i] as number
      if (b < 0x20 || b === 0x22 || b === 0x5c) return false
      high |= b
    }
    return high < 0x80 || isUtf8(buf.subarray(start, end))
  }
  // Searched from the string on (no view to allocate); a find past its end is not in it.
  const quote = buf.indexOf(0x22, start)
  if (quote >= 0 && quote < end) return false
  const backslash = buf.indexOf(0x5c, start)
  if (backslash >= 0 && backslash < end) return false
  // Aligned 32-bit words of the underlying memory (one view per payload), the odd ends bytewise.
  const words = (c.words ??= new Uint32Array(buf.buffer, 0, buf.buffer.byteLength >>> 2))
  const base = buf.byteOffset
  let i = start
  while (i < end && ((base + i) & 3) !== 0) {
    const b = buf[i++] as number
    if (b < 0x20) return false
    high |= b
  }
  let word = (base + i) >>> 2
  const lastWord = (base + end) >>> 2
  for (; word < lastWord; word++) {
    const w = words[word] as number
    // Some byte below 0x20 (the classic "has a byte less than n" test, n = 0x20).
    if (((w - 0x20202020) & ~w & 0x80808080) !== 0) return false
    high |= w
  }
  for (i = Math.max(start, (lastWord << 2) - base); i < end; i++) {
    const b = buf[i] as number
    if (b < 0x20) return false
    high |= b
  }
  return (high & 0x80808080) === 0 || isUtf8(buf.subarray(start, end))
}

function writeStringJson(c: Cursor): void {
  const len = readLength(c)
  const start = c.pos
  const end = start + len
  if (end > c.buf.length) throw fallBack
  c.pos = end
  if (plainBytes(c, start, end)) {
    reserve(c, len + 2)
    const out = c.out
    out[c.at++] = 0x22
    if (len < 32) {
      const buf = c.buf
      let at = c.at
      for (let i = start; i < end; i++) out[at++] = buf[i] as number
      c.at = at
    } else {
      c.at += c.buf.copy(out, c.at, start, end)
    }
    out[c.at++] = 0x22
  } else {
    writeText(c, JSON.stringify((c.buf as Sliceable).utf8Slice(start, end)))
  }
}

const numberText = (n: number) => (Number.isFinite(n) ? String(n) : 'null')

function writeBytes(c: Cursor, len: number): void {
  const start = c.pos
  const end = start + len
  if (end > c.buf.length) throw fallBack
  c.pos = end
  writeAscii(c, `"${c.buf.toString('base64', start, end)}"`)
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

const comma = 0x2c

function compileType(type: Type, records: Map<Type, Reader>): Reader | undefined {
  const t = type as Type & { typeName: string; branchName?: string }
  switch (t.typeName) {
    case 'null': return (c) => writeAscii(c, 'null')
    case 'boolean': return (c) => {
      const b = c.buf[c.pos++]
      if (b === undefined) throw fallBack
      writeAscii(c, b ? 'true' : 'false')
    }
    case 'int': return (c) => writeAscii(c, String(readIntNumber(c)))
    // The BigInt long type compile.ts installs (avsc's own long would refuse unsafe values).
    case 'abstract:long': return (c) => writeAscii(c, readLongText(c))
    // avsc's own long (a long with a logical type): numbers, and avsc refuses unsafe ones.
    case 'long': return (c) => {
      const text = readLongText(c)
      if (text.charCodeAt(0) === 0x22) throw fallBack
      writeAscii(c, text)
    }
    case 'float': return (c) => {
      if (c.pos + 4 > c.buf.length) throw fallBack
      const v = c.buf.readFloatLE(c.pos)
      c.pos += 4
      writeAscii(c, numberText(v))
    }
    case 'double': return (c) => {
      if (c.pos + 8 > c.buf.length) throw fallBack
      const v = c.buf.readDoubleLE(c.pos)
      c.pos += 8
      writeAscii(c, numberText(v))
    }
    case 'string': return writeStringJson
    case 'bytes': return (c) => writeBytes(c, readLength(c))
    case 'fixed': {
      const size = (type as unknown as { size: number }).size
      return (c) => writeBytes(c, size)
    }
    case 'enum': {
      const symbols = (type as unknown as { symbols: string[] }).symbols.map((s) => Buffer.from(JSON.stringify(s)))
      return (c) => {
        const symbol = symbols[readIntNumber(c)]
        if (symbol === undefined) throw fallBack
        writeEncoded(c, symbol)
      }
    }
    case 'array': {
      const items = compileType((type as unknown as { itemsType: Type }).itemsType, records)
      if (!items) return undefined
      return (c) => {
        writeAscii(c, '[')
        let first = true
        for (let n = readBlockCount(c); n; n = readBlockCount(c)) {
          while (n--) {
            if (first) first = false
            else {
              reserve(c, 1)
              c.out[c.at++] = comma
            }
            items(c)
          }
        }
        writeAscii(c, ']')
      }
    }
    case 'map': {
      const values = compileType((type as unknown as { valuesType: Type }).valuesType, records)
      if (!values) return undefined
      return (c) => {
        // A plain object, as avsc builds: a repeated key keeps its first place, integer-like keys
        // come first. Each value is written, then cut out as its text.
        const map: Record<string, string> = {}
        for (let n = readBlockCount(c); n; n = readBlockCount(c)) {
          while (n--) {
            const key = readString(c)
            if (key === '__proto__') throw fallBack
            const from = c.at
            values(c)
            map[key] = c.out.toString('utf8', from, c.at)
            c.at = from
          }
        }
        let out = '{'
        let first = true
        for (const key in map) {
          if (first) first = false
          else out += ','
          out += `${JSON.stringify(key)}:${map[key] as string}`
        }
        writeText(c, `${out}}`)
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
        const isNull = (branch as Type & { typeName: string }).typeName === 'null'
        const name = isNull || !wrapped ? undefined : (branch as { branchName?: string }).branchName
        if (wrapped && !isNull && !name) return undefined
        const prefix = name === undefined ? undefined : Buffer.from(`{${JSON.stringify(name)}:`)
        readers.push(prefix === undefined ? reader : (c) => {
          writeEncoded(c, prefix)
          reader(c)
          writeAscii(c, '}')
        })
      }
      return (c) => {
        const reader = readers[readIntNumber(c)]
        if (!reader) throw fallBack
        reader(c)
      }
    }
    case 'record':
    case 'error': {
      const known = records.get(type)
      if (known) return known
      const fields = (type as unknown as { fields: { name: string; type: Type }[] }).fields
      const readers: Reader[] = []
      const prefixes: Uint8Array[] = []
      // Registered before its fields: a recursive record refers to itself.
      const reader: Reader = (c) => {
        for (let i = 0; i < readers.length; i++) {
          writeEncoded(c, prefixes[i] as Uint8Array)
          ;(readers[i] as Reader)(c)
        }
        writeAscii(c, readers.length === 0 ? '{}' : '}')
      }
      records.set(type, reader)
      for (const [i, field] of fields.entries()) {
        const fieldReader = compileType(field.type, records)
        if (!fieldReader) return undefined
        readers.push(fieldReader)
        prefixes.push(Buffer.from(`${i === 0 ? '{' : ','}${JSON.stringify(field.name)}:`))
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
  // One scratch buffer per schema, reused (decoding is synchronous), grown as records need.
  let scratch: Buffer = Buffer.allocUnsafe(4096)
  // The word view of the memory the last payload lived in: a fetch's records share it.
  let words: Uint32Array | undefined
  return (data) => {
    const cursor: Cursor = { buf: data, pos: 0, out: scratch, at: 0, words: words?.buffer === data.buffer ? words : undefined }
    read(cursor)
    scratch = cursor.out
    words = cursor.words ?? words
    if (cursor.pos !== data.length) throw fallBack
    return (cursor.out as Sliceable).utf8Slice(0, cursor.at)
  }
}
