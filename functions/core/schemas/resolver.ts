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

export class ConfluentResolver implements SchemaResolver {
  readonly kind = 'confluent'
  readonly #client: ConfluentRegistryClient

  constructor(client: ConfluentRegistryClient) {
    this.#client = client
  }

  async resolve(id: number | string): Promise<ResolvedSchema> {
    const schemaId = Number(id)
    const [schema, owners] = await Promise.all([
      this.#client.schemaById(schemaId),
      // Only for naming the schema; a registry without this endpoint still decodes.
      this.#client.subjectVersionsOfId(schemaId).catch(() => []),
    ])
    const owner = owners[0]
    return {
      info: { registry: 'confluent', type: schema.type, id: schemaId, ...(owner ? { subject: owner.subject, version: owner.version } : {}) },
      text: schema.text,
      references: await this.#references(schema.references, 0, new Set()),
    }
  }

  async #references(references: SchemaReference[], depth: number, seen: Set<string>): Promise<ResolvedReference[]> {
    if (references.length === 0) return []
    if (depth >= maxReferenceDepth) throw new Error(`schema references nest deeper than ${maxReferenceDepth}`)
    const resolved: ResolvedReference[] = []
    for (const reference of references) {
      if (seen.has(reference.name)) continue
      seen.add(reference.name)
      const version = await this.#client.subjectVersion(reference.subject, reference.version)
      resolved.push(...await this.#references(version.references, depth + 1, seen))
      resolved.push({ name: reference.name, type: version.type, text: version.text })
    }
    return resolved
  }
}

export class GlueResolver implements SchemaResolver {
  readonly kind = 'glue'
  readonly #api: GlueSchemaApi

  constructor(api: GlueSchemaApi) {
    this.#api = api
  }

  async resolve(id: number | string): Promise<ResolvedSchema> {
    const version = await this.#api.getSchemaVersion(String(id))
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
  }
}
