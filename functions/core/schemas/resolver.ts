// From the id a record carries to everything needed to decode it: the schema, its references
// (fetched recursively, dependencies first) and what names it (subject, version).
import type { ConfluentRegistryClient } from './confluent-client.ts'
import type { GlueSchemaApi } from './glue.ts'
import type { ResolvedReference, ResolvedSchema, SchemaReference } from './types.ts'

export interface SchemaResolver {
  readonly kind: 'confluent' | 'glue'
  /** Confluent: the numeric schema id; Glue: the schema version UUID. */
  resolve(id: number | string): Promise<ResolvedSchema>
}

/** Deeper reference chains than this are a loop or a mistake. */
const maxReferenceDepth = 16

/** Resolves Confluent schema ids against a Confluent-compatible registry (Apicurio's ccompat API included). */
export function confluentResolver(client: ConfluentRegistryClient): SchemaResolver {
  async function references(list: SchemaReference[], depth: number, seen: Set<string>): Promise<ResolvedReference[]> {
    if (list.length === 0) return []
    if (depth >= maxReferenceDepth) throw new Error(`schema references nest deeper than ${maxReferenceDepth}`)
    const resolved: ResolvedReference[] = []
    for (const reference of list) {
      if (seen.has(reference.name)) continue
      seen.add(reference.name)
      const version = await client.subjectVersion(reference.subject, reference.version)
      resolved.push(...await references(version.references, depth + 1, seen))
      resolved.push({ name: reference.name, type: version.type, text: version.text })
    }
    return resolved
  }

  return {
    kind: 'confluent',
    async resolve(id) {
      const schemaId = Number(id)
      const [schema, owners] = await Promise.all([
        client.schemaById(schemaId),
        // Only for naming the schema; a registry without this endpoint still decodes.
        client.subjectVersionsOfId(schemaId).catch(() => []),
      ])
      const owner = owners[0]
      return {
        info: { registry: 'confluent', type: schema.type, id: schemaId, ...(owner ? { subject: owner.subject, version: owner.version } : {}) },
        text: schema.text,
        references: await references(schema.references, 0, new Set()),
      }
    },
  }
}

/** Resolves Glue schema version ids against the AWS Glue Schema Registry. */
export function glueResolver(api: GlueSchemaApi): SchemaResolver {
  return {
    kind: 'glue',
    async resolve(id) {
      const version = await api.getSchemaVersion(String(id))
      return {
        info: {
          registry: 'glue', type: version.dataFormat, versionId: version.schemaVersionId,
          ...(version.schemaName ? { subject: version.schemaName } : {}),
          ...(version.versionNumber === undefined ? {} : { version: version.versionNumber }),
        },
        text: version.definition,
        // Glue schemas carry no references (its Protobuf support has no imports).
        references: [],
      }
    },
  }
}
