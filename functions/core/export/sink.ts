// An export writes its text into a sink, in chunks of about 64 KiB; the sink decides how bytes
// leave (an HTTP response at the edge, a buffer in tests). write() resolves once the sink can
// take more, so a slow reader slows the reading from Kafka or VictoriaLogs instead of filling memory.
import { rowWriter, type ExportFormat, type ExportRow } from './format.ts'

export interface ExportSink {
  write(chunk: string): Promise<void>
}

export interface ExportTotals {
  rows: number
  /** UTF-8 bytes written. */
  bytes: number
}

const chunkChars = 64 * 1024

/** Writes every row of `rows` (one batch at a time) in `format`; stops early when `signal` aborts. */
export async function writeExport(rows: AsyncIterable<readonly ExportRow[]>, format: ExportFormat, sink: ExportSink, signal?: AbortSignal): Promise<ExportTotals> {
  const writer = rowWriter(format)
  const totals: ExportTotals = { rows: 0, bytes: 0 }
  let pending = writer.head()
  const flush = async () => {
    if (!pending) return
    totals.bytes += Buffer.byteLength(pending)
    const chunk = pending
    pending = ''
    await sink.write(chunk)
  }
  for await (const batch of rows) {
    for (const row of batch) {
      pending += writer.row(row, totals.rows === 0)
      totals.rows++
      if (pending.length >= chunkChars) {
        await flush()
        signal?.throwIfAborted()
      }
    }
    signal?.throwIfAborted()
  }
  pending += writer.tail()
  await flush()
  return totals
}
