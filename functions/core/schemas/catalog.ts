// What the schema browser reads from a registry, the same for both kinds: subjects (Glue: schema
// names), their versions, a version's text, compatibility levels.
import { schemaNotFound } from '../errors.ts'
import type { ConfluentRegistryClient } from './confluent-client.ts'
import type { GlueSchemaApi } from './glue.ts'
import type { SchemaReference, SchemaType } from './types.ts'

export interface SchemaVersionDetail {
  subject: string
  version: number
  /** Confluent: the schema id. */
  id?: number
  /** Glue: the schema version UUID. */
  versionId?: string
  type: SchemaType
  schema: string
  references: SchemaReference[]
}

export interface SchemaCatalog {
  subjects(): Promise<string[]>
  versions(subject: string): Promise<number[]>
  version(subject: string, version: number | 'latest'): Promise<SchemaVersionDetail>
  /** The subject's level, or the registry's global one (subject omitted). */
  compatibility(subject?: string): Promise<string>
  /** A subject and version registered with a schema id (Glue: a schema version UUID), as indexed records name it. */
  owner(id: string): Promise<{ subject: string; version: number }>
}

export function confluentCatalog(client: ConfluentRegistryClient): SchemaCatalog {
  return {
    subjects: async () => (await client.subjects()).sort(),
    versions: async (subject) => (await client.versions(subject)).sort((a, b) => a - b),
    async version(subject, version) {
      const found = await client.subjectVersion(subject, version)
      return { subject: found.subject, version: found.version, id: found.id, type: found.type, schema: found.text, references: found.references }
    },
    compatibility: (subject) => client.compatibility(subject),
    async owner(id) {
      if (!/^\d{1,10}$/.test(id)) throw schemaNotFound(`with id '${id}'`)
      const owner = (await client.subjectVersionsOfId(Number(id)))[0]
      if (!owner) throw schemaNotFound(`with id ${id} under any subject`)
      return owner
    },
  }
}

export function glueCatalog(api: GlueSchemaApi): SchemaCatalog {
  return {
    subjects: async () => (await api.listSchemas()).map((s) => s.schemaName).sort(),
    versions: async (subject) => (await api.listSchemaVersions(subject)).sort((a, b) => a - b),
    async version(subject, version) {
      const found = await api.getSchemaVersionByNumber(subject, version)
      return {
        subject, version: found.versionNumber ?? (version === 'latest' ? 0 : version), versionId: found.schemaVersionId,
        type: found.dataFormat, schema: found.definition, references: [],
      }
    },
    // Glue keeps compatibility per schema; a registry has no level of its own.
    compatibility: async (subject) => (subject === undefined ? 'NONE' : (await api.getSchema(subject)).compatibility ?? 'NONE'),
    async owner(id) {
      const found = await api.getSchemaVersion(id)
      if (!found.schemaName || found.versionNumber === undefined) throw schemaNotFound(`version '${id}' with a name and number`)
      return { subject: found.schemaName, version: found.versionNumber }
    },
  }
}
