// Per cluster: schema-framed keys and values → decoded values, with the schema that decoded them,
// or the reason they could not be. Two steps, so the hot loops stay synchronous: prepare() fetches
// and compiles what a batch of records needs (each schema once, then cached by id), decode() then
// works from the cache. A registry outage degrades to raw with a reason; it never throws.
import { inflateSync } from 'node:zlib'
import { AppError } from '../errors.ts'
import type { RawRecord } from '../kafka/index.ts'
import { compileSchema, type CompiledSchema } from './compile.ts'
import { toJsonText } from './json.ts'
import type { NeedleProbe } from './text-probe.ts'
import type { SchemaResolver } from './resolver.ts'
import type { SchemaInfo } from './types.ts'
import { detectFraming, type Framing } from './wire.ts'

export type PayloadDecoding =
  | { ok: true; info: SchemaInfo; value: unknown; json: string }
  | { ok: false; reason: string; info?: Partial<SchemaInfo> }

export interface SchemaDecoderOptions {
  /** How long a failed lookup is remembered before it is tried again. */
  unavailableRetryMs?: number
  notFoundRetryMs?: number
  /** Schemas fetched at once by one prepare(). */
  concurrency?: number
  /**
   * New schema ids one prepare() looks up at most; the rest wait for later batches. Binary that
   * merely starts with 0x00 would otherwise send a lookup per record.
   */
  maxLookupsPerBatch?: number
  /** Decompressed Glue payloads larger than this are refused (a zip bomb must not take the process). */
  maxInflatedBytes?: number
  now?: () => number
}

interface Entry {
  compiled?: CompiledSchema
  failure?: { reason: string; retryAt: number }
  loading?: Promise<void>
}

const keyOf = (framing: Framing) => (framing.kind === 'confluent' ? `c:${framing.schemaId}` : `g:${framing.schemaVersionId}`)
const idOf = (framing: Framing) => (framing.kind === 'confluent' ? framing.schemaId : framing.schemaVersionId)
const describe = (framing: Framing) => (framing.kind === 'confluent' ? `schema id ${framing.schemaId}` : `schema version ${framing.schemaVersionId}`)
const identity = (framing: Framing): Partial<SchemaInfo> =>
  (framing.kind === 'confluent' ? { registry: 'confluent', id: framing.schemaId } : { registry: 'glue', versionId: framing.schemaVersionId })
const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * A payload decoded: its JSON now, its value when asked (from what decoded it). A class: an
 * object literal's getter is built per object, which the tail paid for every record.
 */
class DecodedPayload {
  readonly ok = true as const
  readonly info: SchemaInfo
  readonly json: string
  readonly #decoded: { readonly value: unknown }

  constructor(info: SchemaInfo, json: string, decoded: { readonly value: unknown }) {
    this.info = info
    this.json = json
    this.#decoded = decoded
  }

  get value(): unknown {
    return this.#decoded.value
  }
}

/** Topics seen per schema, at most this many schemas (for the schema browser's "used by"). */
const maxTrackedSchemas = 10_000

export class SchemaDecoder {
  readonly #resolver: SchemaResolver
  readonly #entries = new Map<string, Entry>()
  readonly #options: Required<Omit<SchemaDecoderOptions, 'now'>> & { now: () => number }
  readonly #topicsBySchema = new Map<string, Set<string>>()
  #lastId: number | string | undefined
  #lastKey = ''
  #notedKey = ''
  #notedTopic = ''

  constructor(resolver: SchemaResolver, options: SchemaDecoderOptions = {}) {
    this.#resolver = resolver
    this.#options = {
      unavailableRetryMs: options.unavailableRetryMs ?? 10_000,
      notFoundRetryMs: options.notFoundRetryMs ?? 60_000,
      concurrency: options.concurrency ?? 8,
      maxLookupsPerBatch: options.maxLookupsPerBatch ?? 32,
      maxInflatedBytes: options.maxInflatedBytes ?? 16 * 1024 * 1024,
      now: options.now ?? Date.now,
    }
  }

  get kind(): 'confluent' | 'glue' {
    return this.#resolver.kind
  }

  /** Loads every schema the records' keys and values need and do not have yet. Never throws. */
  async prepare(records: Iterable<RawRecord>): Promise<void> {
    const wanted = new Map<string, Framing>()
    const pending: Promise<void>[] = []
    for (const record of records) {
      for (const bytes of [record.key, record.value]) {
        // Only the first byte decides whether a payload can be framed at all: cheap for the rest.
        if (bytes === null || (bytes[0] !== 0x00 && bytes[0] !== 0x03)) continue
        const framing = detectFraming(bytes)
        if (!framing || framing.kind !== this.kind) continue
        const key = this.#keyOf(framing)
        const entry = this.#entries.get(key)
        if (entry?.loading) pending.push(entry.loading)
        else if ((!entry || (entry.failure && entry.failure.retryAt <= this.#options.now())) && wanted.size < this.#options.maxLookupsPerBatch) wanted.set(key, framing)
      }
    }
    const queue = [...wanted]
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.#load(next[0], next[1])
    }
    await Promise.all([...pending, ...Array.from({ length: Math.min(this.#options.concurrency, queue.length) }, worker)])
  }

  #load(key: string, framing: Framing): Promise<void> {
    const entry: Entry = this.#entries.get(key) ?? {}
    this.#entries.set(key, entry)
    entry.loading = (async () => {
      try {
        entry.compiled = await compileSchema(await this.#resolver.resolve(idOf(framing)))
        delete entry.failure
      } catch (error: unknown) {
        const now = this.#options.now()
        if (error instanceof AppError && error.code === 'SCHEMA_NOT_FOUND') {
          entry.failure = { reason: `${describe(framing)} is not in the schema registry`, retryAt: now + this.#options.notFoundRetryMs }
        } else if (error instanceof AppError) {
          entry.failure = { reason: `${describe(framing)} could not be fetched: ${error.message}`, retryAt: now + this.#options.unavailableRetryMs }
        } else {
          // The schema itself does not parse: it will not parse any better later.
          entry.failure = { reason: `${describe(framing)} could not be used: ${message(error)}`, retryAt: Number.POSITIVE_INFINITY }
        }
      } finally {
        delete entry.loading
      }
    })()
    return entry.loading
  }

  /**
   * undefined: the payload is not schema-framed (decode it as today). Otherwise the decoded value
   * and its schema, or why it could not be decoded. Synchronous: uses what prepare() loaded.
   */
  decode(bytes: Buffer | null, topic?: string): PayloadDecoding | undefined {
    if (bytes === null || (bytes[0] !== 0x00 && bytes[0] !== 0x03)) return undefined
    const framing = detectFraming(bytes)
    if (!framing) return undefined
    if (framing.kind !== this.kind) {
      return { ok: false, reason: `the bytes look ${framing.kind === 'glue' ? 'AWS Glue' : 'Confluent'}-framed, but this cluster's registry is ${this.kind === 'glue' ? 'AWS Glue' : 'Confluent-compatible'}`, info: identity(framing) }
    }
    const key = this.#keyOf(framing)
    const entry = this.#entries.get(key)
    if (!entry?.compiled) {
      return { ok: false, reason: entry?.failure?.reason ?? `${describe(framing)} is not loaded yet`, info: identity(framing) }
    }
    if (topic !== undefined) this.#noteTopic(key, topic)
    const compiled = entry.compiled
    try {
      let data = framing.data
      if (framing.kind === 'glue' && framing.compression === 'zlib') data = inflateSync(data, { maxOutputLength: this.#options.maxInflatedBytes })
      const decoded = compiled.decode(data, framing.kind)
      const info = decoded.name && decoded.name !== compiled.info.name ? { ...compiled.info, name: decoded.name } : compiled.info
      // `value` stays lazy: the Avro fast path gives the text without making the value.
      return new DecodedPayload(info, decoded.json ?? toJsonText(decoded.value), decoded)
    } catch (error: unknown) {
      return { ok: false, reason: `the bytes do not decode with ${describe(framing)} (${compiled.info.type}): ${message(error)}`, info: compiled.info }
    }
  }

  /**
   * Whether the payload may decode to JSON containing the probe's needle: false only when its
   * Avro bytes say it cannot (text-probe.ts), so the caller need not decode it to know.
   */
  mayContain(bytes: Buffer, probe: NeedleProbe, topic?: string): boolean {
    if (bytes[0] !== 0x00 && bytes[0] !== 0x03) return true
    const framing = detectFraming(bytes)
    if (!framing || framing.kind !== this.kind || (framing.kind === 'glue' && framing.compression === 'zlib')) return true
    const key = this.#keyOf(framing)
    const text = this.#entries.get(key)?.compiled?.text
    if (text === undefined) return true
    // Seen with this schema, as decode() notes it (the schema browser's "used by").
    if (topic !== undefined) this.#noteTopic(key, topic)
    // The whole payload, header included: a record that then fails to decode is filtered on its raw bytes.
    return probe.mayBeIn(bytes, text)
  }

  /**
   * The entry key, the same string while the schema id repeats (it mostly does, record after
   * record): a new string per record would be hashed again at every lookup.
   */
  #keyOf(framing: Framing): string {
    const id = idOf(framing)
    if (id !== this.#lastId) {
      this.#lastId = id
      this.#lastKey = keyOf(framing)
    }
    return this.#lastKey
  }

  /** Notes the topic once per run of records with the same schema and topic (most are). */
  #noteTopic(key: string, topic: string): void {
    if (key === this.#notedKey && topic === this.#notedTopic) return
    this.#notedKey = key
    this.#notedTopic = topic
    let topics = this.#topicsBySchema.get(key)
    if (!topics) {
      if (this.#topicsBySchema.size >= maxTrackedSchemas) return
      this.#topicsBySchema.set(key, topics = new Set())
    }
    if (topics.size < 1_000) topics.add(topic)
  }

  /** Topics whose records this process decoded with the schema (Confluent id or Glue UUID). */
  topicsSeenWith(id: number | string): string[] {
    const key = typeof id === 'number' ? `c:${id}` : `g:${id}`
    return [...(this.#topicsBySchema.get(key) ?? [])].sort()
  }
}
