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


/** One field of GET …/search/facets, ranked (see `Facets.fields`). */
export interface FacetField {
  name: string
  /** The most frequent values, most frequent first. */
  values: { value: string; hits: number }[]
  /** Share of the matching messages that have this field, 0–1 (absent when it could not be counted). */
  coverage?: number
  /** More distinct values exist than are listed (a high-cardinality field). */
  more?: boolean
}

/** GET …/search/facets: fields ranked most useful first (key and topic, then few values with good coverage). */
export interface Facets {
  fields: FacetField[]
  /** Messages matching the query in the window (absent when it could not be counted). */
  total?: number
}

/** GET …/search/coverage: what a search of this cluster can find, from the indexing plan. */
export interface SearchCoverage {
  /** Topics in the plan being indexed, by name. */
  indexed: { topic: string; sampleRate: number; keepRules: number; updatedAt: string }[]
  /** Topics in the plan with indexing paused: what was indexed before stays searchable. */
  paused: string[]
  /** Kafka topics (not internal) outside the plan: never searchable; scan them in Kafka instead. */
  notIndexed: string[]
  /** How many topics `notIndexed` would list without its cap. */
  notIndexedTotal: number
}

/** GET …/search/follow: `key`, or `field` and `value`, plus the window and a cap. */
export interface FollowInput {
  key?: string
  field?: string
  value?: string
  start?: string
  end?: string
  limit?: string
}

/** One indexed record on a follow timeline. */
export interface FollowRecord {
  time: string
  topic: string
  partition: number
  offset: string
  key?: string
  /** The start of the indexed value (its first 300 characters). */
  preview: string
}

/** GET …/search/follow: every indexed record with that field value, across topics, oldest first. */
export interface FollowTimeline {
  field: string
  value: string
  start: string
  end: string
  limit: number
  /** More records matched than `limit`: the newest `limit` are listed. */
  truncated: boolean
  records: FollowRecord[]
  /** Records per topic on the timeline, most first. */
  topics: { topic: string; records: number }[]
}
