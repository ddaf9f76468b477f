// Exports of browse results and search results (functions/core/export/); the web writes the live
// tail's buffer in the same shapes itself.
import type { Encoding, MessageHeader, SchemaInfo } from './messages.ts'

/** ndjson: one JSON row per line; json: one array (one row per line inside it); csv: RFC 4180. */
export type ExportFormat = 'ndjson' | 'json' | 'csv'

/** decoded: as browse shows it (JSON, text, base64 for binary; registry payloads decoded); raw: every key, value and header as base64 of its bytes. */
export type ExportMode = 'decoded' | 'raw'

/**
 * One exported record. CSV columns: topic, partition, offset, timestamp, key, value, headers (the
 * `headers` array as JSON), keyEncoding, valueEncoding.
 */
export interface ExportRow {
  topic: string
  partition: number
  /** int64 as a decimal string. */
  offset: string
  /** RFC 3339. */
  timestamp: string
  key: string | null
  keyEncoding: Encoding
  value: string | null
  valueEncoding: Encoding
  headers: MessageHeader[]
  keySchema?: SchemaInfo
  valueSchema?: SchemaInfo
  keySchemaError?: string
  valueSchemaError?: string
  /** Search exports: the index holds only the first part of this value (the export has what was indexed). */
  truncated?: boolean
}

/**
 * GET /api/clusters/{c}/topics/{t}/export?format=&mode=&partition=&offset=&timestamp=&limit=&filter=&filterField=&filterKind=&header=
 * Browse's start (latest, an offset or a time; one or all partitions); `limit` records per
 * partition, like browse; at most `maxRows` in all. Rows come per partition in offset order.
 */
export interface BrowseExportInput {
  format?: ExportFormat
  mode?: ExportMode
  partition?: string
  offset?: string
  timestamp?: string
  limit?: string
  /** Browse's filter (same parameters as browse): only matching records are exported and count toward `limit`. */
  filter?: string
  filterField?: 'any' | 'key' | 'value' | 'header'
  filterKind?: 'text' | 'regex' | 'jsonPath'
  header?: string
}

/** GET /api/clusters/{c}/search/export?format=&mode=&query=&start=&end=&limit= (newest first, like search). */
export interface SearchExportInput {
  format?: ExportFormat
  mode?: ExportMode
  query?: string
  start?: string
  end?: string
  limit?: string
}
