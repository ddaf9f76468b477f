import { describe, expect, it } from 'vitest'
import { JsonLines } from './json-lines.ts'

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
