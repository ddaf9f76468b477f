// AWS Glue Schema Registry as the schema features see it: the few calls they make. The adapter
// that makes them with @aws-sdk/client-glue (and the function's IAM role) is
// functions/aws/glue-schemas.ts; core never imports the AWS SDK.
import type { SchemaType } from './types.ts'

export interface GlueSchemaVersion {
  schemaVersionId: string
  dataFormat: SchemaType
  definition: string
  /** From the schema ARN (arn:aws:glue:<region>:<account>:schema/<registry>/<schema>). */
  schemaName?: string
  registryName?: string
  versionNumber?: number
}

export interface GlueSchemaSummary {
  schemaName: string
  dataFormat?: SchemaType
  compatibility?: string
}

export interface GlueSchemaApi {
  /** GetSchemaVersion by the UUID a record carries. */
  getSchemaVersion(schemaVersionId: string): Promise<GlueSchemaVersion>
  /** GetSchemaVersion by schema name and version number (or the latest). */
  getSchemaVersionByNumber(schemaName: string, version: number | 'latest'): Promise<GlueSchemaVersion>
  /** ListSchemas of the configured registry. */
  listSchemas(): Promise<GlueSchemaSummary[]>
  /** ListSchemaVersions: the version numbers of a schema. */
  listSchemaVersions(schemaName: string): Promise<number[]>
  /** GetSchema: its data format and compatibility. */
  getSchema(schemaName: string): Promise<GlueSchemaSummary>
  close?(): void
}

export interface GlueRegistrySettings {
  region: string
  registryName: string
}

/** Builds the Glue API for a cluster's registry settings (the AWS adapter, or a fake in tests). */
export type GlueApiFactory = (settings: GlueRegistrySettings) => GlueSchemaApi

/** Glue's name for a registry nobody named. */
export const defaultGlueRegistry = 'default-registry'

/** Glue's data formats are the same three, spelled as Confluent spells them. */
export function glueDataFormat(value: unknown): SchemaType {
  if (value === 'AVRO' || value === 'JSON' || value === 'PROTOBUF') return value
  throw new Error(`unknown Glue data format '${String(value)}'`)
}
