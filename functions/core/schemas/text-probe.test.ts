import avro from 'avsc'
import { describe, expect, it } from 'vitest'
import { compileSchema, type CompiledSchema } from './compile.ts'
import { NeedleProbe, TextNeedle } from './text-probe.ts'

const schema = {
  type: 'record', name: 'Probe', namespace: 'kp.test',
  fields: [
    { name: 'text', type: 'string' },
    { name: 'labels', type: { type: 'map', values: 'string' } },
    { name: 'lines', type: { type: 'array', items: 'string' } },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['Alpha', 'Beta_2'] } },
    { name: 'maybe', type: ['null', 'string'] },
    // Ambiguous, so avsc wraps it: {"string": …} or {"kp.test.Kind": …}.
    { name: 'either', type: ['string', { type: 'enum', name: 'Kind', symbols: ['Xylo', 'Quartz'] }] },
    { name: 'blob', type: 'bytes' },
    { name: 'tag', type: { type: 'fixed', name: 'Tag', size: 3 } },
    { name: 'count', type: 'long' },
    { name: 'ratio', type: 'double' },
    { name: 'flag', type: 'boolean' },
  ],
}
// The same without bytes and fixed: their base64 could hold any word, which the probe then leaves to decoding.
const textOnly = { ...schema, name: 'TextOnly', fields: schema.fields.filter((f) => f.name !== 'blob' && f.name !== 'tag') }
const resolved = (s: object) => ({ info: { registry: 'confluent' as const, type: 'AVRO' as const, id: 9 }, text: JSON.stringify(s), references: [] })
const writerOf = (s: object) => avro.Type.forSchema(s as avro.Schema, { wrapUnions: 'auto' })

// Characters that exercise every escape, the punctuation, case and context rules.
const pool = ['a', 'b', 'n', 't', 'r', 'u', 'f', '0', '1', 'e', 'x', 'E', 'N', 'Q', '"', '\\', '\n', '\t', '\b', '\u0001', '\u001f', '\u007f',
  'é', 'É', 'Σ', 'σ', 'ς', 'İ', '💥', '\uFFFD', ' ', '.', '-', '+', ':', ',', '{', '}', '[', ']', '/', '=']
// mulberry32: a seeded generator whose low bits are as random as its high ones.
let seed = 42
const random = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
}
const randomText = (max: number) => Array.from({ length: random(max + 1) }, () => pool[random(pool.length)]).join('')

function randomValue(): Record<string, unknown> {
  return {
    text: randomText(12),
    labels: Object.fromEntries(Array.from({ length: random(3) }, () => [randomText(4), randomText(6)])),
    lines: Array.from({ length: random(3) }, () => randomText(6)),
    state: random(2) ? 'Alpha' : 'Beta_2',
    maybe: random(2) ? null : randomText(5),
    either: random(2) ? { string: randomText(5) } : { 'kp.test.Kind': random(2) ? 'Xylo' : 'Quartz' },
    blob: Buffer.from(randomText(5)),
    tag: Buffer.from([random(256), random(256), random(256)]),
    count: random(3) === 0 ? -random(1e6) : random(1e6),
    ratio: random(1e6) / 1e3 * (random(2) ? 1 : -1e20),
    flag: random(2) === 0,
  }
}

describe('NeedleProbe on Avro bytes', () => {
  it.each([['with bytes and fixed', schema], ['text only', textOnly]])('never rules out a payload whose JSON contains the needle (%s: 2,000 random records × needles from their JSON and at random)', async (_, s) => {
    const compiled: CompiledSchema = await compileSchema(resolved(s))
    const writer = writerOf(s)
    const text = compiled.text
    if (!text) throw new Error('an Avro schema has its text')
    let ruledOut = 0
    let checked = 0
    for (let i = 0; i < 2_000; i++) {
      const data = writer.toBuffer(randomValue())
      const json = compiled.decode(data, 'confluent').json?.toLowerCase()
      if (json === undefined) throw new Error('the fast path decodes this schema')
      const needles = [
        ...Array.from({ length: 6 }, () => {
          const at = random(json.length)
          return json.slice(at, at + 1 + random(7))
        }),
        ...Array.from({ length: 6 }, () => randomText(4).toLowerCase()),
      ].filter((n) => n.length > 0)
      for (const needle of needles) {
        const may = new NeedleProbe(needle).mayBeIn(data, text)
        checked++
        if (!may) ruledOut++
        if (json.includes(needle)) expect({ needle, json, may }).toEqual({ needle, json, may: true })
      }
    }
    // It must also be of use: many random needles are ruled out without decoding.
    expect(ruledOut).toBeGreaterThan(checked / 10)
  })

  it('rules out on the bytes what a plain word is not in, and keeps what it is in', async () => {
    const compiled = await compileSchema(resolved(textOnly))
    const data = writerOf(textOnly).toBuffer({ ...randomValue(), text: 'order 7 processed', labels: {}, lines: ['all good'], maybe: null, either: { string: 'ok' } })
    expect(new NeedleProbe('needle').mayBeIn(data, compiled.text!)).toBe(false)
    expect(new NeedleProbe('processed').mayBeIn(data, compiled.text!)).toBe(true)
    expect(new NeedleProbe('good').mayBeIn(data, compiled.text!)).toBe(true)
    // With bytes in the schema, a word of base64's letters may be in their base64: decoding tells.
    const withBytes = await compileSchema(resolved(schema))
    const framedBytes = writerOf(schema).toBuffer({ ...randomValue(), text: 'order 7 processed', blob: Buffer.from('zz') })
    expect(new NeedleProbe('needle').mayBeIn(framedBytes, withBytes.text!)).toBe(true)
    expect(new NeedleProbe('no needle').mayBeIn(framedBytes, withBytes.text!)).toBe(false)
  })

  it('leaves to decoding what may come from the schema, a number, a literal, base64, punctuation or an escape', async () => {
    const compiled = await compileSchema(resolved(schema))
    const data = writerOf(schema).toBuffer({ ...randomValue(), text: 'line\nbreak', labels: {}, lines: [], maybe: null, either: { string: '' } })
    const probeFor = (needle: string) => new NeedleProbe(needle).mayBeIn(data, compiled.text!)
    for (const needle of ['beta_2', 'quartz', 'kp.test.kind', 'labels', 'string', '12', '1e+21', 'rue', 'null', 'zm9v', 'a":"b', 'x,y']) expect(probeFor(needle)).toBe(true)
    // JSON writes the newline as \n: "n break" is in the JSON, " break" in the bytes.
    const spaced = await compileSchema(resolved(textOnly))
    const line = writerOf(textOnly).toBuffer({ ...randomValue(), text: 'line\n break', labels: {}, lines: [], maybe: null, either: { string: '' } })
    expect(new NeedleProbe('n break').mayBeIn(line, spaced.text!)).toBe(true)
    expect(new NeedleProbe('u000a break').mayBeIn(line, spaced.text!)).toBe(true)
    expect(new NeedleProbe('x break').mayBeIn(line, spaced.text!)).toBe(false)
  })
})

describe('TextNeedle', () => {
  it('reads the bytes as UTF-8, case-insensitively, and is false for bytes shorter than the text', () => {
    expect(new TextNeedle('été').in(Buffer.from('Hello ÉTÉ'))).toBe(true)
    expect(new TextNeedle('abc').in(Buffer.from('ab'))).toBe(false)
    expect(new TextNeedle('a').in(Buffer.from([0xff, 0x61]))).toBe(true)
    // U+212A (Kelvin) lower-cases to "k", U+0130 to "i" and a combining dot.
    expect(new TextNeedle('5k').in(Buffer.from('5\u212A'))).toBe(true)
    expect(new TextNeedle('xi').in(Buffer.from('X\u0130'))).toBe(true)
  })

  it('answers as UTF-8 decoding and lower-casing would, on random bytes (the Latin-1 shortcut is exact)', () => {
    const alphabet = ['a', 'B', 'e', 'E', 'l', 'k', 'i', 'I', 'K', '5', ' ', 'é', 'É', '\u0130', '\u212A', 'Σ']
    for (let i = 0; i < 3_000; i++) {
      const bytes = Buffer.concat(Array.from({ length: random(12) }, () => (random(3) === 0 ? Buffer.from([random(256)]) : Buffer.from(alphabet[random(alphabet.length)]!))))
      const needle = Array.from({ length: 1 + random(3) }, () => alphabet[random(alphabet.length)]!).join('').toLowerCase()
      expect(new TextNeedle(needle).in(bytes)).toBe(bytes.length >= needle.length && bytes.toString('utf8').toLowerCase().includes(needle))
    }
  })

  it('relies on only U+0130 and U+212A lower-casing into ASCII', () => {
    const intoAscii: number[] = []
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue
      if ([...String.fromCodePoint(c).toLowerCase()].some((ch) => ch.charCodeAt(0) < 0x80)) intoAscii.push(c)
    }
    expect(intoAscii).toEqual([0x130, 0x212a])
  })
})
