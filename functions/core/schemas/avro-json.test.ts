import avro from 'avsc'
import { describe, expect, it } from 'vitest'
import { compileSchema, type Decoded } from './compile.ts'
import { toJsonText } from './json.ts'

const resolved = (schema: unknown) => ({ info: { registry: 'confluent' as const, type: 'AVRO' as const, id: 7 }, text: JSON.stringify(schema), references: [] })

/** The fast text and what avsc's value gives (the value is made by avsc only when asked). */
function both(decoded: Decoded): { fast: string | undefined; slow: string; lazy: boolean } {
  // Lazy: `value` is a getter (on the object or its class), not a value made at decoding.
  let lazy = false
  for (let o: object | null = decoded; o && !lazy; o = Object.getPrototypeOf(o) as object | null) lazy = typeof Object.getOwnPropertyDescriptor(o, 'value')?.get === 'function'
  return { fast: decoded.json, slow: toJsonText(decoded.value), lazy }
}

const zigzag = (value: bigint) => {
  let u = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n))
  const bytes: number[] = []
  do {
    const low = Number(u & 0x7fn)
    u >>= 7n
    bytes.push(u ? low | 0x80 : low)
  } while (u)
  return Buffer.from(bytes)
}

const schemas: Record<string, unknown> = {
  order: {
    type: 'record', name: 'Order', namespace: 'bench',
    fields: [{ name: 'id', type: 'long' }, { name: 'level', type: 'string' }, { name: 'amount', type: 'int' }, { name: 'note', type: 'string' }],
  },
  primitives: {
    type: 'record', name: 'P',
    fields: ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'].map((type) => ({ name: `f_${type}`, type })),
  },
  nested: {
    type: 'record', name: 'Outer', namespace: 'shop',
    fields: [
      { name: 'detail', type: { type: 'record', name: 'Detail', fields: [{ name: 'amount', type: 'int' }, { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD', 'X_1'] } }] } },
      { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: ['null', 'int'] }] } } },
      { name: 'attrs', type: { type: 'map', values: ['null', 'long', 'string'] } },
      { name: 'digest', type: { type: 'fixed', name: 'Digest', size: 5 } },
      { name: 'blobs', type: { type: 'array', items: 'bytes' } },
      { name: 'matrix', type: { type: 'array', items: { type: 'array', items: 'double' } } },
    ],
  },
  // Ambiguous unions are wrapped by avsc ('auto'): {"branch": value}.
  wrapped: {
    type: 'record', name: 'W', namespace: 'ns',
    fields: [
      { name: 'ref', type: ['null', { type: 'record', name: 'A', fields: [{ name: 'a', type: 'int' }] }, { type: 'record', name: 'B', fields: [{ name: 'b', type: 'int' }] }] },
      { name: 'either', type: ['string', { type: 'enum', name: 'E', symbols: ['X', 'Y'] }] },
      { name: 'num', type: ['int', 'long', 'float', 'double'] },
      { name: 'coll', type: [{ type: 'map', values: 'int' }, { type: 'record', name: 'C', fields: [] }] },
    ],
  },
  recursive: {
    type: 'record', name: 'Node',
    fields: [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'] }],
  },
  // Without the logicalTypes option avsc reads the underlying type: so does the fast path.
  logical: {
    type: 'record', name: 'L',
    fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }, { name: 'day', type: { type: 'int', logicalType: 'date' } }],
  },
  topString: 'string',
  topUnion: ['null', 'double', { type: 'array', items: 'long' }],
  topMap: { type: 'map', values: { type: 'array', items: 'boolean' } },
}

describe('Avro → JSON text fast path', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`gives avsc's decoded JSON for random ${name} values`, async () => {
      const compiled = await compileSchema(resolved(schema))
      // Plain avsc with the same union handling makes the random values and their bytes.
      const writer = avro.Type.forSchema(schema as avro.Schema, { wrapUnions: 'auto' })
      for (let i = 0; i < 300; i++) {
        const { fast, slow, lazy } = both(compiled.decode(writer.toBuffer(writer.random()), 'confluent'))
        expect(lazy).toBe(true)
        expect(fast).toBe(slow)
      }
    })
  }

  it('gives 64-bit longs as numbers when safe, as strings when not, like the value path', async () => {
    const compiled = await compileSchema(resolved('long'))
    const longs = [0n, 1n, -1n, 2n ** 48n, -(2n ** 48n), 2n ** 49n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n) + 1n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n), 123456789012345678n]
    for (const value of longs) {
      const { fast, slow, lazy } = both(compiled.decode(zigzag(value), 'confluent'))
      expect(lazy).toBe(true)
      expect(fast).toBe(slow)
    }
    expect(compiled.decode(zigzag(2n ** 63n - 1n), 'confluent').json).toBe('"9223372036854775807"')
    expect(compiled.decode(zigzag(-(2n ** 53n) + 1n), 'confluent').json).toBe(String(-(2 ** 53) + 1))
  })

  it('renders NaN and infinite floats as null and invalid UTF-8 as avsc does', async () => {
    const doubles = await compileSchema(resolved({ type: 'array', items: 'double' }))
    const nan = Buffer.alloc(8)
    nan.writeDoubleLE(Number.NaN)
    const inf = Buffer.alloc(8)
    inf.writeDoubleLE(Number.NEGATIVE_INFINITY)
    const array = Buffer.concat([zigzag(2n), nan, inf, zigzag(0n)])
    expect(both(doubles.decode(array, 'confluent'))).toEqual({ fast: '[null,null]', slow: '[null,null]', lazy: true })
    const strings = await compileSchema(resolved('string'))
    const bad = Buffer.concat([zigzag(4n), Buffer.from([0x61, 0xff, 0xc3, 0x22])])
    const decoded = both(strings.decode(bad, 'confluent'))
    expect(decoded.fast).toBe(decoded.slow)
  })

  it('escapes quotes, backslashes and control characters wherever they sit in a string, at any alignment', async () => {
    const compiled = await compileSchema(resolved('string'))
    const specials = ['"', '\\', '\u0001', '\u001f', '\n', '\u007f', 'é', '😀', ' ']
    let checked = 0
    for (const length of [0, 1, 5, 31, 32, 33, 40, 64, 101]) {
      for (const special of specials) {
        for (let at = 0; at <= length; at += Math.max(1, Math.floor(length / 7))) {
          const text = 'x'.repeat(at) + special + 'y'.repeat(length - at)
          const payload = Buffer.concat([zigzag(BigInt(Buffer.byteLength(text))), Buffer.from(text)])
          for (let offset = 0; offset < 4; offset++) {
            // The payload somewhere inside a larger buffer, as a record's bytes are.
            // Whatever follows it (a control character, a quote, a backslash) is not the string's.
            const holder = Buffer.alloc(payload.length + 8, [0x01, 0x22, 0x5c, 0x1f][offset] as number)
            payload.copy(holder, offset)
            const { fast, slow, lazy } = both(compiled.decode(holder.subarray(offset, offset + payload.length), 'confluent'))
            expect(lazy).toBe(true)
            expect(fast).toBe(slow)
            expect(JSON.parse(fast as string)).toBe(text)
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it('keeps a map\'s key order and repeated keys as the decoded object has them', async () => {
    const compiled = await compileSchema(resolved({ type: 'map', values: 'int' }))
    const entry = (key: string, value: number) => Buffer.concat([zigzag(BigInt(Buffer.byteLength(key))), Buffer.from(key), zigzag(BigInt(value))])
    // Two blocks, the second with a negative count and its byte size.
    const second = Buffer.concat([entry('1', 3), entry('b', 4)])
    const bytes = Buffer.concat([zigzag(3n), entry('b', 1), entry('10', 2), entry('a', 5), zigzag(-2n), zigzag(BigInt(second.length)), second, zigzag(0n)])
    const { fast, slow, lazy } = both(compiled.decode(bytes, 'confluent'))
    expect(lazy).toBe(true)
    expect(fast).toBe('{"1":3,"10":2,"b":4,"a":5}')
    expect(fast).toBe(slow)
    // avsc's plain object drops a "__proto__" key: that one is left to avsc.
    const proto = both(compiled.decode(Buffer.concat([zigzag(1n), entry('__proto__', 1), zigzag(0n)]), 'confluent'))
    expect(proto).toEqual({ fast: undefined, slow: '{}', lazy: false })
  })

  it('leaves truncated and over-long payloads to avsc, which refuses them', async () => {
    const compiled = await compileSchema(resolved(schemas.order))
    const writer = avro.Type.forSchema(schemas.order as avro.Schema)
    const bytes = writer.toBuffer(writer.random())
    expect(() => compiled.decode(bytes.subarray(0, bytes.length - 1), 'confluent')).toThrow(/truncated/)
    expect(() => compiled.decode(Buffer.concat([bytes, Buffer.from([0])]), 'confluent')).toThrow(/trailing/)
    const badEnum = await compileSchema(resolved({ type: 'enum', name: 'E', symbols: ['A'] }))
    expect(() => badEnum.decode(zigzag(3n), 'confluent')).toThrow(/enum index/)
  })
})
