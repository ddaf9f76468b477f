// History search over the indexed messages (functions/core/search/).

/** GET …/search, …/search/hits and …/search/facets take these query parameters. */
export interface SearchInput {
  /** LogsQL; the server scopes it to this cluster's messages. */
  query?: string
  /** RFC 3339 or epoch ms. */
  start?: string
  end?: string
  /** …/search only: at most this many rows. */
  limit?: string
  /** …/search/hits only: bucket size (e.g. 5m, or ms). */
  step?: string
  /** …/search/facets only: values per field (1–20). */
  values?: string
}

/**
 * One line of GET …/search (application/x-ndjson): an indexed message as VictoriaLogs returns it,
 * every field a string (functions/core/indexing/document.ts writes them).
 */
export interface SearchRow {
  _time: string
  _msg: string
  topic?: string
  partition?: string
  offset?: string
  key?: string
  keyEncoding?: string
  valueEncoding?: string
  valueBytes?: string
  sampleRate?: string
  truncated?: string
  /** Extracted JSON fields, and `headers.<name>`. */
  [field: string]: string | undefined
}

/** GET …/search/hits */
export interface Histogram {
  start: string
  end: string
  stepMs: number
  buckets: { time: string; hits: number }[]
  total: number
}

/** GET …/search/facets */
export interface Facets {
  fields: { name: string; values: { value: string; hits: number }[] }[]
}
