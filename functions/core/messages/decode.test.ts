import avro from 'avsc'
import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { SchemaDecoder } from '../schemas/decoder.ts'
import type { SchemaResolver } from '../schemas/resolver.ts'
import { decodePayload, registryDecoder } from './decode.ts'
import { compileFilter } from './filter.ts'
import { decodeResumeToken, encodeResumeToken } from './resume.ts'

describe('decodePayload', () => {
  it.each([
    [null, { value: null, encoding: 'null', size: 0, truncated: false }],
    [Buffer.from('{"a":1}'), { value: '{"a":1}', encoding: 'json', size: 7, truncated: false }],
    [Buffer.from('[1,2]'), { value: '[1,2]', encoding: 'json', size: 5, truncated: false }],
    [Buffer.from('{not json}'), { value: '{not json}', encoding: 'text', size: 10, truncated: false }],
    [Buffer.from('42'), { value: '42', encoding: 'text', size: 2, truncated: false }],
    [Buffer.from('héllo'), { value: 'héllo', encoding: 'text', size: 6, truncated: false }],
    [Buffer.from([0xff, 0xfe, 0x00]), { value: '//4A', encoding: 'base64', size: 3, truncated: false }],
    [Buffer.from('a\u0000b'), { value: Buffer.from('a\u0000b').toString('base64'), encoding: 'base64', size: 3, truncated: false }],
  ])('%s', (input, expected) => {
    expect(decodePayload(input, 1000)).toEqual(expected)
  })

  it('truncates at the cap without splitting a character, keeping the real size and the detected type', () => {
    const value = Buffer.from(`{"s":"${'é'.repeat(10)}"}`)
    const decoded = decodePayload(value, 7)
    expect(decoded).toMatchObject({ encoding: 'json', size: value.length, truncated: true })
    expect(decoded.value).toBe('{"s":"')
    expect(decodePayload(Buffer.alloc(10, 0xff), 4)).toEqual({ value: Buffer.alloc(4, 0xff).toString('base64'), encoding: 'base64', size: 10, truncated: true })
  })
})

describe('compileFilter', () => {
  const record = (value: string, key = '', headers: [string, string][] = []) => ({
    topic: 't', partition: 0, offset: '0', timestamp: 0, key: Buffer.from(key), value: Buffer.from(value),
    headers: headers.map(([k, v]) => [Buffer.from(k), Buffer.from(v)] as [Buffer, Buffer]),
  })

  it('matches substrings case-insensitively on key, value and header values', () => {
    const filter = compileFilter('ErRoR')
    expect(filter?.(record('an error'))).toBe(true)
    expect(filter?.(record('fine', 'ERROR-1'))).toBe(true)
    expect(filter?.(record('fine', '', [['level', 'Error']]))).toBe(true)
    expect(filter?.(record('fine', '', [['error', 'no']]))).toBe(false)
  })

  it('supports /regex/ with flags, and rejects a broken one with INVALID_INPUT', () => {
    expect(compileFilter('/^order-\\d{3}$/')?.(record('ORDER-123'))).toBe(true)
    expect(compileFilter('/^order-\\d{3}$/')?.(record('order-1234'))).toBe(false)
    expect(() => compileFilter('/(/')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error)
    expect(compileFilter('')).toBeUndefined()
  })
})

describe('resume tokens', () => {
  it('round-trip positions for their topic only', () => {
    const positions = new Map([[2, 9_007_199_254_740_993n], [0, 5n]])
    const token = encodeResumeToken('orders', positions)
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeResumeToken(token, 'orders')).toEqual(new Map([[0, 5n], [2, 9_007_199_254_740_993n]]))
    expect(() => decodeResumeToken(token, 'payments')).toThrow(/another topic/)
    expect(() => decodeResumeToken('!!', 'orders')).toThrow(/not a resume token/)
    expect(() => decodeResumeToken(Buffer.from('{"t":"orders","p":[[0,"-1"]]}').toString('base64url'), 'orders')).toThrow(/malformed/)
  })
})

describe('registryDecoder with a substring filter', () => {
  const schema = { type: 'record', name: 'Order', fields: [{ name: 'message', type: 'string' }, { name: 'amount', type: 'int' }] }
  const type = avro.Type.forSchema(schema as avro.Schema)
  const framed = (value: object) => Buffer.concat([Buffer.from([0, 0, 0, 0, 5]), type.toBuffer(value)])
  const resolver: SchemaResolver = {
    kind: 'confluent',
    resolve: () => Promise.resolve({ info: { registry: 'confluent', id: 5, type: 'AVRO' }, text: JSON.stringify(schema), references: [] }),
  }
  const record = (value: Buffer | null, key: string | null = null, headers: [string, string][] = []) => ({
    topic: 't', partition: 0, offset: '0', timestamp: 0, key: key === null ? null : Buffer.from(key), value,
    headers: headers.map(([k, v]) => [Buffer.from(k), Buffer.from(v)] as [Buffer, Buffer]),
  })

  it('rules out on the bytes exactly the records the filter rejects, decoding none of those', async () => {
    const schemas = new SchemaDecoder(resolver)
    let decodes = 0
    const counting = { prepare: (r: Iterable<RawRecord>) => schemas.prepare(r), decode: (b: Buffer | null, t?: string) => { decodes++; return schemas.decode(b, t) }, mayContain: schemas.mayContain.bind(schemas) }
    const decoder = registryDecoder(counting)
    const records = [
      record(framed({ message: 'order shipped', amount: 3 })),
      record(framed({ message: 'a Needle here', amount: 4 })),
      record(framed({ message: 'plain', amount: 5 }), 'key with needle'),
      record(framed({ message: 'plain', amount: 6 }), 'k', [['h', 'NEEDLE in a header']]),
      record(Buffer.from('unframed needle text')),
      record(Buffer.from([0, 0, 0, 0, 5, 0xff])),
      record(null, null),
    ]
    await decoder.prepare(records)
    const filter = compileFilter('needle')
    if (!filter?.probe) throw new Error('a substring filter has a probe')
    const probe = filter.probe
    const verdicts = records.map((r) => {
      const decoded = decoder.decode(r)
      return decoded.mayContain?.(probe) === false ? false : filter(decoded.filterable())
    })
    expect(verdicts).toEqual(records.map((r) => filter(decoder.decode(r).filterable())))
    expect(verdicts).toEqual([false, true, true, true, true, false, false])
    decodes = 0
    const first = decoder.decode(records[0]!)
    expect(first.mayContain?.(probe)).toBe(false)
    expect(decodes).toBe(0)
    expect(first.item(1000).value).toBe('{"message":"order shipped","amount":3}')
    expect(decodes).toBe(2)
  })

  it('judges an undecodable framed payload on all its bytes, header included, as the filter does', async () => {
    // Schema id 103: its last header byte is "g"; 0x7a announces 61 bytes that are not there.
    const undecodable = record(Buffer.from([0, 0, 0, 0, 103, 0x7a, 0x00]))
    const resolve103: SchemaResolver = { ...resolver, resolve: () => Promise.resolve({ info: { registry: 'confluent', id: 103, type: 'AVRO' }, text: JSON.stringify(schema), references: [] }) }
    const decoder = registryDecoder(new SchemaDecoder(resolve103))
    await decoder.prepare([undecodable])
    const filter = compileFilter('gz')!
    const decoded = decoder.decode(undecodable)
    expect(filter(decoded.filterable())).toBe(true)
    expect(decoded.mayContain?.(filter.probe!)).toBe(true)
  })

  it('leaves a framed payload to the filter when its schema decoder cannot judge bytes', async () => {
    const schemas = new SchemaDecoder(resolver)
    const decoder = registryDecoder({ prepare: (r) => schemas.prepare(r), decode: (b, t) => schemas.decode(b, t) })
    const framedRecord = record(framed({ message: 'x', amount: 1 }))
    await decoder.prepare([framedRecord])
    // "message" is a field name: in the decoded JSON, never in the bytes.
    const filter = compileFilter('message')!
    const decoded = decoder.decode(framedRecord)
    expect(decoded.mayContain?.(filter.probe!)).toBe(true)
    expect(filter(decoded.filterable())).toBe(true)
  })

  it('notes the topic a schema was seen on when the bytes alone rule a record out', async () => {
    const schemas = new SchemaDecoder(resolver)
    const decoder = registryDecoder(schemas)
    const framedRecord = { ...record(framed({ message: 'x', amount: 1 })), topic: 'orders' }
    await decoder.prepare([framedRecord])
    expect(decoder.decode(framedRecord).mayContain?.(compileFilter('zebra')!.probe!)).toBe(false)
    expect(schemas.topicsSeenWith(5)).toEqual(['orders'])
  })
})
