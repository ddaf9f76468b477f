// The schema registries of the configured clusters, one per cluster that has one, built on first
// use and shared by browse, tail, the indexer and the schema browser (one connection pool and
// one schema cache per registry).
import type { ClusterConfig, SchemaRegistryConfig } from '../config.ts'
import { schemaRegistryNotConfigured, schemaRegistryUnavailable } from '../errors.ts'
import { plainDecoder, registryDecoder, type MessageDecoder } from '../messages/decode.ts'
import { confluentCatalog, glueCatalog, type SchemaCatalog } from './catalog.ts'
import { ConfluentRegistryClient } from './confluent-client.ts'
import { SchemaDecoder, type SchemaDecoderOptions } from './decoder.ts'
import { SchemaEncoder } from './encode.ts'
import { defaultGlueRegistry, type GlueApiFactory, type GlueSchemaApi } from './glue.ts'
import type { SubjectNameStrategy } from './naming.ts'
import { confluentResolver, glueResolver } from './resolver.ts'

export interface ClusterSchemaRegistry {
  cluster: string
  kind: 'confluent' | 'glue'
  subjectNameStrategy: SubjectNameStrategy
  /** Schema-framed payloads → decoded values (cached by schema id). */
  decoder: SchemaDecoder
  /** The same, as browse and tail use it. */
  messages: MessageDecoder
  catalog: SchemaCatalog
  /** JSON → framed bytes for produce, compiled once per schema. */
  encoder: SchemaEncoder
  /** Requests sent to a Confluent-compatible registry (how tests and the bench count lookups). */
  requests(): number
  ping(): Promise<void>
  close(): Promise<void>
}

export interface SchemaRegistriesOptions {
  /** How Glue registries are reached (the AWS adapter); without it they answer unavailable. */
  glue?: GlueApiFactory
  decoder?: SchemaDecoderOptions
}

/** A Glue registry where no AWS client was given: every call says so (decoding degrades to raw). */
function glueUnavailable(): GlueSchemaApi {
  const fail = () => Promise.reject(schemaRegistryUnavailable('The AWS Glue client is not available in this runtime.'))
  return { getSchemaVersion: fail, getSchemaVersionByNumber: fail, listSchemas: fail, listSchemaVersions: fail, getSchema: fail }
}

function build(cluster: string, config: SchemaRegistryConfig, options: SchemaRegistriesOptions): ClusterSchemaRegistry {
  const subjectNameStrategy = config.subjectNameStrategy ?? 'topic'
  if (config.kind === 'confluent') {
    const client = new ConfluentRegistryClient(config.url, { ...(config.auth ? { auth: config.auth } : {}), label: `The schema registry of cluster '${cluster}'` })
    const resolver = confluentResolver(client)
    const decoder = new SchemaDecoder(resolver, options.decoder)
    const catalog = confluentCatalog(client)
    return {
      cluster, kind: 'confluent', subjectNameStrategy, decoder, messages: registryDecoder(decoder), catalog,
      encoder: new SchemaEncoder(catalog, resolver),
      requests: () => client.requests.total,
      ping: () => client.ping(),
      close: () => client.close(),
    }
  }
  const api = options.glue ? options.glue({ region: config.region, registryName: config.registryName ?? defaultGlueRegistry }) : glueUnavailable()
  const resolver = glueResolver(api)
  const decoder = new SchemaDecoder(resolver, options.decoder)
  const catalog = glueCatalog(api)
  return {
    cluster, kind: 'glue', subjectNameStrategy, decoder, messages: registryDecoder(decoder), catalog,
    encoder: new SchemaEncoder(catalog, resolver),
    requests: () => 0,
    ping: async () => { await api.listSchemas() },
    close: () => { api.close?.(); return Promise.resolve() },
  }
}

export class SchemaRegistries {
  readonly #configs = new Map<string, SchemaRegistryConfig>()
  readonly #built = new Map<string, ClusterSchemaRegistry>()
  readonly #options: SchemaRegistriesOptions

  constructor(clusters: readonly ClusterConfig[], options: SchemaRegistriesOptions = {}) {
    for (const cluster of clusters) if (cluster.schemaRegistry) this.#configs.set(cluster.id, cluster.schemaRegistry)
    this.#options = options
  }

  /** Cluster ids that have a registry. */
  get clusters(): string[] {
    return [...this.#configs.keys()]
  }

  get(cluster: string): ClusterSchemaRegistry | undefined {
    const existing = this.#built.get(cluster)
    if (existing) return existing
    const config = this.#configs.get(cluster)
    if (!config) return undefined
    const registry = build(cluster, config, this.#options)
    this.#built.set(cluster, registry)
    return registry
  }

  require(cluster: string): ClusterSchemaRegistry {
    const registry = this.get(cluster)
    if (!registry) throw schemaRegistryNotConfigured(cluster)
    return registry
  }

  /** How browse and tail decode this cluster's records. */
  messageDecoder(cluster: string): MessageDecoder {
    return this.get(cluster)?.messages ?? plainDecoder
  }

  /** How the indexer decodes them (undefined: no registry, index as today). */
  recordDecoder(cluster: string): SchemaDecoder | undefined {
    return this.get(cluster)?.decoder
  }

  async close(): Promise<void> {
    await Promise.all([...this.#built.values()].map((r) => r.close()))
    this.#built.clear()
  }
}
