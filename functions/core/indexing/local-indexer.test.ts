import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../kafka/index.ts'
import { commitMarks } from './local-indexer.ts'

const at = (topic: string, partition: number, offset: string): RawRecord => ({ topic, partition, offset, timestamp: 1, key: Buffer.from('k'), value: Buffer.from('v'), headers: [[null, null]] })

describe('commitMarks', () => {
  it('keeps, per partition, the highest offset by value, not by text, without payloads', () => {
    const marks = commitMarks([at('a', 0, '9'), at('a', 0, '10'), at('a', 1, '100'), at('a', 1, '99'), at('b', 0, '18446744073709551614'), at('b', 0, '9223372036854775807')])
    expect(marks.map((m) => [m.topic, m.partition, m.offset])).toEqual([['a', 0, '10'], ['a', 1, '100'], ['b', 0, '18446744073709551614']])
    expect(marks.every((m) => m.key === null && m.value === null && m.headers.length === 0)).toBe(true)
  })
})
