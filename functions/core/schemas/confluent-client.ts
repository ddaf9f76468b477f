// A client of the Confluent Schema Registry REST API (Confluent, Apicurio's /apis/ccompat/v7,
// Karapace, Redpanda): one keep-alive pool per client, timeouts on every request, and one mapping
// of failures to AppError. The registry's address and answers stay in the errors' causes.
import { keepAlivePool, type KeepAlivePool, type PoolResponse } from '../http/pool.ts'
import { schemaNotFound, schemaRegistryError, schemaRegistryUnavailable, subjectNotFound } from '../errors.ts'
import { schemaTypeOf, type RegistrySchema, type SchemaReference } from './types.ts'

export type RegistryAuth = { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string }

export interface ConfluentClientOptions {
  auth?: RegistryAuth
  /** Per request: until the answer's headers, and between body chunks (default 10 s). */
  timeoutMs?: number
  connections?: number
  /** Names the registry in error messages (e.g. "the schema registry of cluster 'local'"). */
  label?: string
}

export interface SubjectVersion extends RegistrySchema {
  subject: string
  version: number
  id: number
}

interface RawSchema {
  schema?: unknown
  schemaType?: unknown
  references?: unknown
}

const isTransportFailure = (error: unknown) => {
  if (error instanceof AggregateError) return true
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)
}

function references(value: unknown): SchemaReference[] {
  if (!Array.isArray(value)) return []
  return value.map((r: { name?: unknown; subject?: unknown; version?: unknown }) => ({ name: String(r.name), subject: String(r.subject), version: Number(r.version) }))
}

function toSchema(raw: RawSchema): RegistrySchema {
  if (typeof raw.schema !== 'string') throw new Error('the registry answered without a schema')
  return { type: schemaTypeOf(raw.schemaType), text: raw.schema, references: references(raw.references) }
}

export class ConfluentRegistryClient {
  /** For errors' causes (the server log) only. */
  readonly #url: string
  readonly #basePath: string
  readonly #pool: KeepAlivePool
  readonly #headers: Record<string, string>
  readonly #timeoutMs: number
  readonly #label: string
  /** Requests sent, by kind: an operational figure, and how tests see that schemas are cached. */
  readonly requests = { total: 0 }

  constructor(baseUrl: string, options: ConfluentClientOptions = {}) {
    const url = new URL(baseUrl)
    this.#url = url.href.replace(/\/+$/, '')
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#pool = keepAlivePool(url.origin, { connections: options.connections ?? 8 })
    this.#timeoutMs = options.timeoutMs ?? 10_000
    this.#label = options.label ?? 'the schema registry'
    this.#headers = { accept: 'application/vnd.schemaregistry.v1+json, application/json' }
    const auth = options.auth
    if (auth?.kind === 'basic') this.#headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
    if (auth?.kind === 'bearer') this.#headers.authorization = `Bearer ${auth.token}`
  }

  async #get<T>(path: string, notFound: (code: number) => Error): Promise<T> {
    this.requests.total++
    let response: PoolResponse
    try {
      response = await this.#pool.request({
        path: `${this.#basePath}${path}`, method: 'GET', headers: this.#headers,
        headersTimeout: this.#timeoutMs, bodyTimeout: this.#timeoutMs,
      })
    } catch (error: unknown) {
      throw this.#failure(error)
    }
    if (response.statusCode >= 400) {
      const text = (await response.body.text().catch(() => '')).slice(0, 2_000)
      const cause = new Error(`schema registry at ${this.#url}${path}: ${response.statusCode} ${text}`)
      if (response.statusCode === 404) {
        let code = 0
        try { code = Number((JSON.parse(text) as { error_code?: unknown }).error_code ?? 0) } catch { /* not JSON */ }
        throw Object.assign(notFound(code), { cause })
      }
      if (response.statusCode === 401 || response.statusCode === 403) {
        throw schemaRegistryError(`${this.#label} refused the configured credentials (${response.statusCode}).`, response.statusCode, cause)
      }
      throw schemaRegistryError(`${this.#label} answered ${response.statusCode}.`, response.statusCode, cause)
    }
    try {
      return await response.body.json() as T
    } catch (error: unknown) {
      throw this.#failure(error)
    }
  }

  #failure(error: unknown): Error {
    const cause = new Error(`schema registry at ${this.#url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    if (isTransportFailure(error)) return schemaRegistryUnavailable(`${this.#label} could not be reached.`, cause)
    if (error instanceof SyntaxError) return schemaRegistryError(`${this.#label} answered with something that is not JSON.`, 502, cause)
    return error instanceof Error ? error : cause
  }

  async schemaById(id: number): Promise<RegistrySchema> {
    return toSchema(await this.#get<RawSchema>(`/schemas/ids/${id}`, () => schemaNotFound(`with id ${id}`)))
  }

  /** The subjects and versions registered with this schema id. */
  async subjectVersionsOfId(id: number): Promise<{ subject: string; version: number }[]> {
    const list = await this.#get<{ subject?: unknown; version?: unknown }[]>(`/schemas/ids/${id}/versions`, () => schemaNotFound(`with id ${id}`))
    return list.map((v) => ({ subject: String(v.subject), version: Number(v.version) }))
  }

  subjects(): Promise<string[]> {
    return this.#get<string[]>('/subjects', () => schemaNotFound('list'))
  }

  versions(subject: string): Promise<number[]> {
    return this.#get<number[]>(`/subjects/${encodeURIComponent(subject)}/versions`, () => subjectNotFound(subject))
  }

  async subjectVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion> {
    const raw = await this.#get<RawSchema & { subject?: unknown; version?: unknown; id?: unknown }>(
      `/subjects/${encodeURIComponent(subject)}/versions/${version}`,
      (code) => (code === 40402 ? schemaNotFound(`version ${version} of subject '${subject}'`) : subjectNotFound(subject)),
    )
    return { ...toSchema(raw), subject: String(raw.subject ?? subject), version: Number(raw.version), id: Number(raw.id) }
  }

  /** The subject's compatibility level, or the global one (subject omitted, or without its own). */
  async compatibility(subject?: string): Promise<string> {
    const path = subject === undefined ? '/config' : `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`
    const answer = await this.#get<{ compatibilityLevel?: unknown; compatibility?: unknown }>(path, () => (subject === undefined ? schemaNotFound('configuration') : subjectNotFound(subject)))
    return String(answer.compatibilityLevel ?? answer.compatibility ?? 'NONE')
  }

  /** Liveness: the cheapest call every Confluent-compatible registry answers. */
  async ping(): Promise<void> {
    await this.#get<unknown>('/config', () => schemaNotFound('configuration'))
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}

