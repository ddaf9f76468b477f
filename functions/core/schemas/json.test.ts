import { describe, expect, it } from 'vitest'
import { toJsonText } from './json.ts'

describe('toJsonText', () => {
  it('writes bytes as base64 and 64-bit integers as numbers when exact, strings when not', () => {
    expect(toJsonText({ b: Buffer.from([1, 2, 255]), u: new Uint8Array([104, 105]), small: 42n, big: 9007199254740993n, neg: -5n }))
      .toBe('{"b":"AQL/","u":"aGk=","small":42,"big":"9007199254740993","neg":-5}')
  })

  it('writes nested values and top-level scalars', () => {
    expect(toJsonText([{ a: [1n] }])).toBe('[{"a":[1]}]')
    expect(toJsonText('x')).toBe('"x"')
    expect(toJsonText(null)).toBe('null')
    expect(toJsonText(Buffer.from('hi'))).toBe('"aGk="')
  })
})
