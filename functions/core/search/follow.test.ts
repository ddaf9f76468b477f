import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { followQuery, followTarget } from './follow.ts'

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error: unknown) {
    return error instanceof AppError ? error.code : String(error)
  }
  return 'accepted'
}

describe('followTarget', () => {
  it('follows the key, or a named field and its value', () => {
    expect(followTarget({ key: 'order-7' })).toEqual({ field: 'key', value: 'order-7' })
    expect(followTarget({ field: ' orderId ', value: '42' })).toEqual({ field: 'orderId', value: '42' })
  })

  it('refuses a missing field or value and over-long input', () => {
    expect(code(() => followTarget({}))).toBe('INVALID_INPUT')
    expect(code(() => followTarget({ field: 'orderId' }))).toBe('INVALID_INPUT')
    expect(code(() => followTarget({ key: '' }))).toBe('INVALID_INPUT')
    expect(code(() => followTarget({ field: 'f'.repeat(257), value: 'x' }))).toBe('INVALID_INPUT')
    expect(code(() => followTarget({ key: 'k'.repeat(2049) }))).toBe('INVALID_INPUT')
  })
})

describe('followQuery', () => {
  it('quotes the field and the value, so input cannot change the query\'s shape', () => {
    expect(followQuery('key', 'a" | delete', 10))
      .toBe('"key":="a\\" | delete" | sort by (_time desc) | limit 11 | fields _time, topic, partition, offset, key, _msg')
    expect(followQuery('x:=1 OR y', '"', 1).startsWith('"x:=1 OR y":="\\""')).toBe(true)
  })
})
