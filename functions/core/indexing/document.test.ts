import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { decodeBytes, decodeKey, extractJsonFields, headerTexts, toDocument } from './document.ts'
import type { TopicPlan } from './plan.ts'

const plan: TopicPlan = { topic: 't', enabled: true, sampleRate: 1, keep: [], maxValueBytes: 16, extractFields: 2, updatedAt: '', updatedBy: '' }
const record = (value: Buffer | null, key: Buffer | null = Buffer.from('k1')): RawRecord => ({
  topic: 't', partition: 3, offset: '42', timestamp: Date.UTC(2026, 0, 2, 3, 4, 5), key, value, headers: [[Buffer.from('trace'), Buffer.from('abc')]],
})
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
