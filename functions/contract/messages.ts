// Browse and live tail (functions/core/messages/).
import type { Problem } from './problem.ts'

/** How a key, value or header was rendered: json/text are text, base64 is binary, null is absent. */
export type Encoding = 'json' | 'text' | 'base64' | 'null'

export interface MessageHeader {
  key: string
  value: string | null
  encoding: Encoding
}

export interface MessageItem {
  partition: number
  /** int64 as a decimal string. */
  offset: string
  /** RFC 3339. */
  timestamp: string
  key: string | null
  keyEncoding: Encoding
  keySize: number
  value: string | null
  valueEncoding: Encoding
  /** The value's real size in bytes, even when `value` was cut. */
  size: number
  /** The value was cut at the server's cap. */
  truncated: boolean
  headers: MessageHeader[]
  /** The schema the key / value was decoded with (registry-framed payloads only). */
  keySchema?: SchemaInfo
  valueSchema?: SchemaInfo
  /** Why a registry-framed key / value is shown raw (schema missing, registry down, bytes not matching). */
  keySchemaError?: string
  valueSchemaError?: string
}

export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON'

/** Which registry schema a payload was decoded with. */
export interface SchemaInfo {
  registry: 'confluent' | 'glue'
  type: SchemaType
  /** Confluent: the schema id in the record. */
  id?: number
  /** Glue: the schema version UUID in the record. */
  versionId?: string
  /** Confluent: a subject registered with this schema; Glue: the schema name. */
  subject?: string
  version?: number
  /** The record or message type the value was decoded as (Avro record name, Protobuf message full name). */
  name?: string
}

/**
 * GET /api/clusters/{c}/topics/{t}/messages?partition=&offset=&timestamp=&limit=
 *   &filter=&filterField=any|key|value|header&filterKind=text|regex|jsonPath&header=&cursor=
 */
export interface MessagePage {
  items: MessageItem[]
  /** Continues this read (the same direction, partitions and filter) as `cursor`; null when nothing is left. */
  nextCursor: string | null
  /** Records read to answer (beyond `items` when a filter dropped some). */
  scanned: number
  /** The server's scan bound stopped the read before the page was full; `nextCursor` continues it. */
  scanLimited: boolean
}

export type BrowseFilterField = 'any' | 'key' | 'value' | 'header'
export type BrowseFilterKind = 'text' | 'regex' | 'jsonPath'

/** Live tail `stats` event. */
export interface TailStats {
  scanned: number
  matched: number
  dropped: number
  scannedPerSec: number
  matchedPerSec: number
  droppedPerSec: number
}

/** Live tail `end` event: "timeout" is a planned reconnect; the others are final. */
export interface TailEnd {
  reason: 'timeout' | 'topic-deleted' | 'aborted'
  detail: string
  /** A planned end ("timeout"): which limit it stayed inside of (Lambda's duration, response size, bandwidth). */
  limit?: StreamLimit
}

export type StreamLimit = 'duration' | 'response-size' | 'bandwidth'

/** Live tail `error` event: the stream goes on and recovers by itself. */
export type TailError = Problem
