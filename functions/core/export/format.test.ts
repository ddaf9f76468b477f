import { describe, expect, it } from 'vitest'
import { csvField, csvRow, exportFilename, rowWriter, type ExportRow } from './format.ts'
import { writeExport, type ExportSink } from './sink.ts'
import { parseCsv } from '../../testing/csv.ts'

const row = (n: number, extra: Partial<ExportRow> = {}): ExportRow => ({
  topic: 'orders', partition: n % 2, offset: String(n), timestamp: '2026-01-02T03:04:05.000Z',
  key: `k${n}`, keyEncoding: 'text', value: `{"n":${n}}`, valueEncoding: 'json', headers: [], ...extra,
})

async function* batches(rows: ExportRow[], size: number): AsyncGenerator<ExportRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}

function collecting(): ExportSink & { chunks: string[] } {
  const chunks: string[] = []
  return { chunks, write: (chunk) => Promise.resolve(void chunks.push(chunk)) }
}

describe('CSV', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
    expect(csvField(null)).toBe('')
    expect(csvField(7)).toBe('7')
  })

  it('writes the header and rows that read back field for field, headers as JSON', async () => {
    const tricky = row(1, {
      key: 'a "quoted", key', value: 'line one\r\nline two, with "quotes"',
      valueEncoding: 'text', headers: [{ key: 'trace', value: 'x,"y"', encoding: 'text' }],
    })
    const sink = collecting()
    await writeExport(batches([row(0), tricky], 1), 'csv', sink)
    const parsed = parseCsv(sink.chunks.join(''))
    expect(parsed[0]).toEqual(['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers', 'keyEncoding', 'valueEncoding'])
    expect(parsed).toHaveLength(3)
    expect(parsed[2]).toEqual(['orders', '1', '1', '2026-01-02T03:04:05.000Z', 'a "quoted", key', 'line one\r\nline two, with "quotes"', '[{"key":"trace","value":"x,\\"y\\"","encoding":"text"}]', 'text', 'text'])
    expect(JSON.parse(parsed[2]?.[6] ?? '')).toEqual(tricky.headers)
    expect(csvRow(row(0, { key: null, keyEncoding: 'null' }))).toBe('orders,0,0,2026-01-02T03:04:05.000Z,,"{""n"":0}",[],null,json\r\n')
  })
})

describe('JSON array', () => {
  it('is valid JSON for no rows, one row and many rows, one row per line', async () => {
    for (const n of [0, 1, 5]) {
      const sink = collecting()
      const rows = Array.from({ length: n }, (_, i) => row(i))
      const totals = await writeExport(batches(rows, 2), 'json', sink)
      const text = sink.chunks.join('')
      expect(JSON.parse(text)).toEqual(rows)
      expect(totals).toEqual({ rows: n, bytes: Buffer.byteLength(text) })
      expect(text.split('\n').filter((l) => l.startsWith('{'))).toHaveLength(n)
    }
  })

  it('streams: writes chunks as rows come, before the source ends', async () => {
    const sink = collecting()
    let chunksBeforeEnd = -1
    const big = 'v'.repeat(1000)
    async function* slow(): AsyncGenerator<ExportRow[]> {
      for (let i = 0; i < 200; i++) yield [row(i, { value: big, valueEncoding: 'text' })]
      chunksBeforeEnd = sink.chunks.length
    }
    await writeExport(slow(), 'json', sink)
    // 200 rows of ~1.1 KB in 64 KiB chunks: several were written while rows were still coming.
    expect(chunksBeforeEnd).toBeGreaterThanOrEqual(3)
    expect(sink.chunks.every((c) => c.length < 70 * 1024)).toBe(true)
    expect((JSON.parse(sink.chunks.join('')) as unknown[]).length).toBe(200)
  })

  it('waits for the sink before reading on (backpressure)', async () => {
    let release: (() => void) | undefined
    let read = 0
    const sink: ExportSink = { write: () => new Promise<void>((resolve) => (release = resolve)) }
    async function* source(): AsyncGenerator<ExportRow[]> {
      for (let i = 0; i < 1000; i++) {
        read++
        yield [row(i, { value: 'x'.repeat(1000), valueEncoding: 'text' })]
      }
    }
    const done = writeExport(source(), 'ndjson', sink)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const whileBlocked = read
    expect(whileBlocked).toBeLessThan(100) // one chunk's worth, then it waits
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(read).toBe(whileBlocked)
    let finished = false
    void done.then(() => (finished = true))
    while (!finished) {
      const next = release
      release = undefined
      next?.()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await expect(done).resolves.toMatchObject({ rows: 1000 })
  })
})

describe('NDJSON', () => {
  it('writes one JSON object per line', async () => {
    const sink = collecting()
    const rows = [row(0), row(1, { value: 'a\nb', valueEncoding: 'text' })]
    await writeExport(batches(rows, 5), 'ndjson', sink)
    expect(sink.chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown)).toEqual(rows)
  })
})

it('names files safely', () => {
  expect(exportFilename('orders.v1', 'csv', new Date('2026-01-02T03:04:05.678Z'))).toBe('orders.v1-2026-01-02T030405Z.csv')
  expect(exportFilename('../a b"c', 'ndjson', new Date(0))).toBe('a_b_c-1970-01-01T000000Z.ndjson')
  expect(rowWriter('json').contentType).toContain('application/json')
})
