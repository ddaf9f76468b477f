import { describe, expect, it } from 'vitest'
import { duration, size, sizes } from './units.ts'

describe('storage units', () => {
  it('writes the sizes of one sentence in the unit of the largest', () => {
    expect(sizes(3.2 * 2 ** 30, 340 * 2 ** 20, 12 * 2 ** 20)).toEqual(['3.2 GiB', '0.332 GiB', '0.0117 GiB'])
    expect(sizes(500 * 2 ** 20, 2 ** 20)).toEqual(['500 MiB', '1.0 MiB'])
    expect(sizes(0, 2 ** 30)).toEqual(['0.0 GiB', '1.0 GiB'])
  })

  it('one size reads in its own unit; durations from seconds to days', () => {
    expect(size(512)).toBe('512 B')
    expect(size(1536)).toBe('1.5 KiB')
    expect(duration(1_000)).toBe('1 s')
    expect(duration(30 * 60_000)).toBe('30 min')
    expect(duration(36 * 3_600_000)).toBe('1.5 d')
  })
})
