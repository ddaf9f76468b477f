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
}

/** GET /api/clusters/{c}/topics/{t}/messages?partition=&offset=&timestamp=&limit= */
export interface MessagePage {
  items: MessageItem[]
}

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
}

/** Live tail `error` event: the stream goes on and recovers by itself. */
export type TailError = Problem
