import { describe, expect, it } from 'vitest'
import { PartitionTable, scopeOf } from './partition-table.ts'

describe('PartitionTable', () => {
  it('keeps one value per (topic, partition), whatever the names contain', () => {
    const table = new PartitionTable<string>()
    table.set('a', 1, 'a/1').set('a', 10, 'a/10').set('a1', 0, 'a1/0').set('a', 1, 'a/1 again')
    expect(table.size).toBe(3)
    expect(table.get('a', 1)).toBe('a/1 again')
    expect(table.get('a1', 0)).toBe('a1/0')
    expect(table.get('a', 0)).toBeUndefined()
    expect(table.has('a', 10)).toBe(true)
    expect(table.has('a1', 10)).toBe(false)
  })

  it('lists entries and the scope in insertion order, and forgets deleted partitions', () => {
    const table = new PartitionTable<number>()
    table.set('t', 2, 20).set('u', 0, 0).set('t', 0, 1)
    expect([...table.entries()]).toEqual([[{ topic: 't', partition: 2 }, 20], [{ topic: 't', partition: 0 }, 1], [{ topic: 'u', partition: 0 }, 0]])
    expect([...table.values()]).toEqual([20, 1, 0])
    expect(table.scope()).toEqual([{ topic: 't', partitions: [2, 0] }, { topic: 'u', partitions: [0] }])
    expect(table.delete('u', 0)).toBe(true)
    expect(table.delete('u', 0)).toBe(false)
    expect(table.size).toBe(2)
    expect(table.scope()).toEqual([{ topic: 't', partitions: [2, 0] }])
  })
})

describe('scopeOf', () => {
  it('lists each partition once, per topic', () => {
    expect(scopeOf([{ topic: 't', partition: 1 }, { topic: 'u', partition: 0 }, { topic: 't', partition: 1 }, { topic: 't', partition: 0 }]))
      .toEqual([{ topic: 't', partitions: [1, 0] }, { topic: 'u', partitions: [0] }])
  })
})
