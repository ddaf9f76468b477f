import { describe, expect, it } from 'vitest'
import { jsonString, JsonLines } from './json-lines.ts'

describe('JsonLines', () => {
  it('keeps every line whole across 1 MB chunk boundaries, multi-byte text and lines bigger than a chunk', () => {
    const lines = new JsonLines()
    const documents = Array.from({ length: 3_000 }, (_, i) => ({ i, text: `${'é€😀'.repeat(i % 7)}${'x'.repeat(1_000)}` }))
    documents.push({ i: -1, text: 'y'.repeat(1_500_000) })
    for (const d of documents) lines.push(d)
    expect(lines.count).toBe(documents.length)
    expect(lines.parse()).toEqual(documents)
    expect(lines.toBuffer().toString('utf8').endsWith('\n')).toBe(true)
  })
})

describe('jsonString', () => {
  it('is JSON.stringify for any text: quotes, backslashes, controls, lone surrogates, separators, non-ASCII', () => {
    const alphabet = ['a', ' ', '"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '€', '😀', '\ud800', '\udc00', '/', '{', '}']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 2_000; i++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
      expect(jsonString(text)).toBe(JSON.stringify(text))
    }
  })

  it('takes the word of JSON.parse only for what JSON text can hold', () => {
    for (const text of ['{"a":"q\\"b\\\\c"}', '{\n\t"a": 1\r\n}', '{"e":"\\u0000\\ud800"}', '{"x":"é€😀 \u2028"}']) {
      expect(JSON.parse(text)).toBeTypeOf('object')
      expect(jsonString(text, true)).toBe(JSON.stringify(text))
    }
  })
})
