import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { decodeBytes, decodeForIndex, decodeKey, DocumentWriter, extractJsonFields, headerTexts, type DecodedText, type RecordSchemas } from './document.ts'
import type { TopicPlan } from './plan.ts'

const plan: TopicPlan = { topic: 't', enabled: true, sampleRate: 1, keep: [], maxValueBytes: 16, extractFields: 2, updatedAt: '', updatedBy: '' }
const record = (value: Buffer | null, key: Buffer | null = Buffer.from('k1')): RawRecord => ({
  topic: 't', partition: 3, offset: '42', timestamp: Date.UTC(2026, 0, 2, 3, 4, 5), key, value, headers: [[Buffer.from('trace'), Buffer.from('abc')]],
})
const toDocument = (r: RawRecord, cluster: string, p: TopicPlan, rate: number, value: DecodedText, key: DecodedText, headers: [string, string][], schemas?: RecordSchemas) =>
  JSON.parse(new DocumentWriter(cluster).line(r, p, rate, value, key, headers, schemas)) as Record<string, unknown>
const doc = (r: RawRecord, p = plan) => toDocument(r, 'local', p, 1, decodeBytes(r.value, p.maxValueBytes), decodeKey(r.key), headerTexts(r.headers))

describe('record → VictoriaLogs document', () => {
  it('carries time, message, position, key, headers, cluster and sample rate', () => {
    expect(doc(record(Buffer.from('hello')))).toEqual({
      _time: '2026-01-02T03:04:05.000Z', _msg: 'hello', kind: 'messages', cluster: 'local', topic: 't', partition: 3, offset: '42',
      key: 'k1', keyEncoding: 'utf8', valueEncoding: 'utf8', valueBytes: 5, sampleRate: 1, 'headers.trace': 'abc',
    })
  })

  it('base64-encodes binary and invalid UTF-8, truncates huge values on a character boundary, and flags both', () => {
    const binary = doc(record(Buffer.from([0xff, 0xfe, 0x00, 0x01]), Buffer.from([0xc3, 0x28])))
    expect(binary).toMatchObject({ _msg: Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64'), valueEncoding: 'base64', key: 'wyg=', keyEncoding: 'base64' })
    expect(binary).not.toHaveProperty('truncated')
    const huge = doc(record(Buffer.from('ééééééééééééé'))) // 26 bytes, cut at 16 → 8 characters
    expect(huge).toMatchObject({ _msg: 'éééééééé', truncated: true, valueBytes: 26 })
    expect(doc(record(Buffer.alloc(100, 0xff)))).toMatchObject({ valueEncoding: 'base64', truncated: true, _msg: Buffer.alloc(16, 0xff).toString('base64') })
    expect(doc(record(null, null))).toMatchObject({ _msg: '', valueEncoding: 'null', valueBytes: 0 })
    expect(doc(record(null, null))).not.toHaveProperty('key')
  })

  it('extracts top-level JSON fields in sorted order, capped, never over reserved fields; nested values stay JSON', () => {
    expect(extractJsonFields('{"z":1,"b":{"x":[1]},"a":"s","_p":1,"topic":"evil","cluster":"other"}', 2)).toEqual({ a: 's', b: '{"x":[1]}' })
    expect(extractJsonFields('{"a":1}', 0)).toBeUndefined()
    expect(extractJsonFields('{not json', 5)).toBeUndefined()
    expect(extractJsonFields('[1,2]', 5)).toBeUndefined()
    const d = doc(record(Buffer.from('{"cluster":"x","lvl":"warn"}')), { ...plan, maxValueBytes: 1000 })
    expect(d).toMatchObject({ cluster: 'local', lvl: 'warn' })
  })
})

describe('decodeBytes', () => {
  it('keeps valid UTF-8 as text and never splits a character', () => {
    expect(decodeBytes(Buffer.from('😀😀'), 6)).toEqual({ text: '😀', encoding: 'utf8', truncated: true })
  })
})

describe('registry-framed values', () => {
  const decoded = { ok: true as const, info: { registry: 'confluent' as const, type: 'AVRO' as const, id: 7, subject: 't-value', version: 2 }, value: { lvl: 'warn', n: 3 }, json: '{"lvl":"warn","n":3}' }
  const framed = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x06])
  const schemas = { decode: (bytes: Buffer | null) => (bytes?.[0] === 0x00 ? decoded : undefined) }
  const wide = { ...plan, maxValueBytes: 1000 }

  it('are indexed as their decoded JSON, fields extracted, with the schema id and type beside them', () => {
    const r = record(framed)
    const value = decodeForIndex(r.value, wide.maxValueBytes, schemas, 't')
    const key = decodeForIndex(r.key, 1024, schemas, 't')
    const d = toDocument(r, 'local', wide, 1, value.text, key.text, [], value.schema ? { value: value.schema } : {})
    expect(d).toMatchObject({ _msg: '{"lvl":"warn","n":3}', lvl: 'warn', n: 3, valueEncoding: 'utf8', valueBytes: 7, valueSchemaId: '7', valueSchemaType: 'AVRO', key: 'k1' })
    expect(d).not.toHaveProperty('keySchemaId')
    expect(d).not.toHaveProperty('valueSchemaError')
  })

  it('keep the raw bytes and the reason when they cannot be decoded', () => {
    const failing = { decode: () => ({ ok: false as const, reason: 'schema id 7 is not in the schema registry', info: { registry: 'confluent' as const, id: 7 } }) }
    const r = record(framed)
    const value = decodeForIndex(r.value, wide.maxValueBytes, failing, 't')
    const d = toDocument(r, 'local', wide, 1, value.text, decodeKey(r.key), [], value.schema ? { value: value.schema } : {})
    expect(d).toMatchObject({ _msg: framed.toString('base64'), valueEncoding: 'base64', valueSchemaId: '7', valueSchemaError: 'schema id 7 is not in the schema registry' })
    expect(d).not.toHaveProperty('valueSchemaType')
  })

  it('leave records without a decoder, or not framed, as before', () => {
    expect(decodeForIndex(Buffer.from('plain'), 100, undefined, 't')).toEqual({ text: { text: 'plain', encoding: 'utf8', truncated: false } })
    expect(decodeForIndex(Buffer.from('plain'), 100, schemas, 't')).toEqual({ text: { text: 'plain', encoding: 'utf8', truncated: false } })
  })
})

describe('DocumentWriter', () => {
  /** The document as an object, built the obvious way: the writer's line must be exactly its JSON. */
  function reference(r: RawRecord, p: TopicPlan, rate: number, value: DecodedText, key: DecodedText, headers: [string, string][], schemas: RecordSchemas = {}) {
    const time = Number.isFinite(r.timestamp) && r.timestamp > 0 ? r.timestamp : Date.now()
    const d: Record<string, unknown> = {}
    if (value.encoding === 'utf8' && !value.truncated) Object.assign(d, extractJsonFields(value.text, p.extractFields))
    for (const [name, text] of headers) d[`headers.${name}`] = text
    Object.assign(d, {
      _time: new Date(time).toISOString(), _msg: value.text, kind: 'messages', cluster: 'c"1', topic: r.topic, partition: r.partition, offset: r.offset,
      valueEncoding: value.encoding, valueBytes: r.value?.length ?? 0, sampleRate: rate,
    })
    if (key.encoding !== 'null') Object.assign(d, { key: key.text, keyEncoding: key.encoding })
    if (value.truncated) d.truncated = true
    for (const [prefix, s] of [['key', schemas.key], ['value', schemas.value]] as const) {
      if (!s) continue
      const id = s.info?.id ?? s.info?.versionId
      if (id !== undefined) d[`${prefix}SchemaId`] = String(id)
      if (s.info?.type) d[`${prefix}SchemaType`] = s.info.type
      if (!s.ok) d[`${prefix}SchemaError`] = s.reason
    }
    return JSON.stringify(d)
  }

  const values = [
    '{"b":1,"a":"x","2":true,"1":{"n":[1,2]},"_x":1,"topic":"evil","headers.h":"no","s":"quote \\" and \\\\ and \\u0001 and \\ud800"}',
    '{ "spaced" :\t"tabs",\n"crlf": "a\\r\\nb" }\r\n',
    '{"uni":"é€😀","path":"C:\\\\dir","nested":{"deep":"\\"q\\""}}',
    'plain text with "quotes", \\ backslashes, \u0001 controls, \u2028 separators and é€😀',
    'tab\there, newline\nthere', '[1,2,3]', '{not json', '', '{}', '{"only":null}',
  ]
  const p: TopicPlan = { ...plan, maxValueBytes: 10_000, extractFields: 20 }
  const schemas: RecordSchemas[] = [
    {},
    { value: { ok: true, info: { registry: 'confluent', type: 'AVRO', id: 7, subject: 't-value', version: 1 }, value: {}, json: '{}' } },
    { key: { ok: false, reason: 'no "schema"', info: { registry: 'glue', versionId: 'b7e1' } } },
  ]

  it('writes, for every kind of value, exactly the JSON of the document object', () => {
    const writer = new DocumentWriter('c"1')
    let n = 0
    for (const text of values) {
      for (const bytes of [Buffer.from(text), Buffer.from([0xff, ...Buffer.from(text)])]) {
        for (const headers of [[], [['trace', 'a"b'], ['trace', 'again'], ['x\u0000', 'y']]] as [string, string][][]) {
          const r: RawRecord = { topic: 't"opic', partition: n % 4, offset: String(1_000 + n), timestamp: Date.UTC(2026, 0, 2, 3, 4, 5) + n * 997, key: n % 3 ? Buffer.from(`k"${n}`) : null, value: bytes, headers: [] }
          const value = decodeBytes(bytes, n % 2 ? 8 : p.maxValueBytes)
          const key = decodeKey(r.key)
          const s = schemas[n % schemas.length] as RecordSchemas
          expect(writer.line(r, p, 0.25, value, key, headers, s)).toBe(reference(r, p, 0.25, value, key, headers, s))
          n++
        }
      }
    }
  })

  it('gives records without a usable timestamp the time of writing, and never throws on one past year 275760', () => {
    const writer = new DocumentWriter('local')
    const before = Date.now()
    for (const timestamp of [0, -5, Number.NaN, 9e18]) {
      const line = JSON.parse(writer.line({ ...record(Buffer.from('v')), timestamp }, plan, 1, decodeBytes(Buffer.from('v'), 16), decodeKey(null), [])) as { _time: string }
      expect(Date.parse(line._time)).toBeGreaterThanOrEqual(before - 1)
    }
    const times = [Date.UTC(2026, 0, 2, 3, 4, 5, 7), Date.UTC(2026, 0, 2, 3, 4, 5, 78), Date.UTC(2026, 0, 2, 3, 4, 5, 789), Date.UTC(2026, 0, 2, 3, 4, 6)]
    const written = times.map((timestamp) => (JSON.parse(writer.line({ ...record(null), timestamp }, plan, 1, decodeBytes(null, 16), decodeKey(null), [])) as { _time: string })._time)
    expect(written).toEqual(times.map((t) => new Date(t).toISOString()))
  })
})
