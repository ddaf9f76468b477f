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

  it('leaves values without bigints or bytes untouched, and class instances to their toJSON, as JSON.stringify does', () => {
    const plain = { a: 1, b: ['x', { c: null }], d: undefined, e: Number.NaN }
    expect(toJsonText(plain)).toBe(JSON.stringify(plain))
    expect(plain.b[1]).toEqual({ c: null })
    expect(toJsonText({ at: new Date(0), n: 3n, list: [1n, Buffer.from([0])] })).toBe('{"at":"1970-01-01T00:00:00.000Z","n":3,"list":[1,"AA=="]}')
    const value = { id: 9007199254740993n, inner: [2n] }
    toJsonText(value)
    expect(value).toEqual({ id: 9007199254740993n, inner: [2n] }) // the decoded value itself is not changed
  })
})
