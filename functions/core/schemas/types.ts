// What the schema features share: schema kinds, references, and the schema a record was written with.

export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON'

/** A Confluent schema reference: `name` is how the schema refers to it (Protobuf: the import path). */
export interface SchemaReference {
  name: string
  subject: string
  version: number
}

/** A schema as a registry returns it. */
export interface RegistrySchema {
  type: SchemaType
  text: string
  references: SchemaReference[]
}

/** A referenced schema, fetched: what the referring schema's text calls it, and its own text. */
export interface ResolvedReference {
  name: string
  type: SchemaType
  text: string
}

/**
 * Everything needed to decode with a schema: its text, its references (dependencies before the
 * schemas that need them), and what identifies it to a person.
 */
export interface ResolvedSchema {
  info: SchemaInfo
  text: string
  references: ResolvedReference[]
}

/** The schema a record was written with, as the API shows it beside the decoded key or value. */
import type { SchemaInfo } from '../../contract/messages.ts'
export type { SchemaInfo }

/** Confluent's names for the schema types; a schema without one is Avro. */
export function schemaTypeOf(value: unknown): SchemaType {
  if (value === undefined || value === null || value === '' || value === 'AVRO') return 'AVRO'
  if (value === 'PROTOBUF' || value === 'JSON') return value
  throw new Error(`unknown schema type '${String(value)}'`)
}
