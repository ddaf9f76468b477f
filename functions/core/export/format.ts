// The three export formats as text, row by row, so a writer never holds more than one row: NDJSON
// (a row per line), a JSON array written as it goes (a row per line between its brackets), and
// CSV (RFC 4180: CRLF rows, fields quoted when they hold a comma, quote, CR or LF).
import type { ExportFormat, ExportRow } from '../../contract/export.ts'
export type { ExportFormat, ExportRow }

export interface RowWriter {
  readonly contentType: string
  readonly extension: string
  /** Text before the first row. */
  head(): string
  /** One row's text; `first` is the export's first row. */
  row(row: ExportRow, first: boolean): string
  /** Text after the last row. */
  tail(): string
}

export const csvColumns = ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers', 'keyEncoding', 'valueEncoding'] as const

/** One CSV field: quoted (quotes doubled) only when it needs to be; null is an empty field. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(row: ExportRow): string {
  return [
    row.topic, row.partition, row.offset, row.timestamp, row.key, row.value,
    JSON.stringify(row.headers), row.keyEncoding, row.valueEncoding,
  ].map(csvField).join(',') + '\r\n'
}

export function rowWriter(format: ExportFormat): RowWriter {
  switch (format) {
    case 'ndjson':
      return { contentType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson', head: () => '', row: (row) => `${JSON.stringify(row)}\n`, tail: () => '' }
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8', extension: 'json', head: () => '[',
        row: (row, first) => `${first ? '\n' : ',\n'}${JSON.stringify(row)}`,
        tail: () => '\n]\n',
      }
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', extension: 'csv', head: () => `${csvColumns.join(',')}\r\n`, row: csvRow, tail: () => '' }
  }
}

/** A download name: `<what>-<UTC time>.<ext>`, only characters safe in any file system and header. */
export function exportFilename(what: string, format: ExportFormat, at = new Date()): string {
  const safe = what.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'export'
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '')
  return `${safe}-${stamp}.${rowWriter(format).extension}`
}
