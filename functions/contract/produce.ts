// Produce (functions/core/messages/produce.ts): records written to a topic through the API.
import type { SchemaInfo } from './messages.ts'

/**
 * A key or value to write: UTF-8 text, JSON (written as its text), base64 bytes, or JSON encoded
 * with a registry schema (a subject's version, `latest` when left out; for Protobuf optionally
 * the message type, else the schema's first) in Confluent's wire format.
 */
export type ProducePayload =
  | { format: 'text'; data: string }
  | { format: 'json'; data: unknown }
  | { format: 'base64'; data: string }
  | { format: 'schema'; data: unknown; subject: string; version?: number | 'latest'; messageType?: string }

export interface ProduceRecordInput {
  /** Left out or null: no key (then the records of a request share one partition, chosen at random). */
  key?: ProducePayload | null
  /** Left out or null: a null value (a tombstone on compacted topics). */
  value?: ProducePayload | null
  /** Text headers; a name may repeat. */
  headers?: { key: string; value: string }[]
  /** Left out: by the key (the Java client's murmur2 partitioner), or one random partition for keyless records. */
  partition?: number
}

export type ProduceCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'

/** POST /api/clusters/{c}/topics/{t}/messages */
export interface ProduceRequest {
  records: ProduceRecordInput[]
  compression?: ProduceCompression
}

export interface ProducedMessage {
  partition: number
  /** int64 as a decimal string. */
  offset: string
  /** Key and value bytes as written (headers not counted). */
  keySize: number
  size: number
  keySchema?: SchemaInfo
  valueSchema?: SchemaInfo
}

export interface ProduceResult {
  topic: string
  records: ProducedMessage[]
}
