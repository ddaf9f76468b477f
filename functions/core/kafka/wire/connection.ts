// One cluster's connection: a long-lived Admin client (reused across requests and warm Lambda
// invocations), the fetch lanes (connections of their own for Fetch, so admin calls never queue
// behind a tail's long-poll: fetch-lanes.ts), the client internals the hand-encoded APIs need,
// retry, the one timeout helper, and the error mapping every Kafka call goes through. The only
// module that reaches into the client's internals.
import {
  Admin, kGetApi, kGetBootstrapConnection, kGetConnection, kPerformWithRetry,
  type Callback, type Connection as BrokerConnection, type ConnectionOptions, type SASLOptions,
} from './client.ts'
import type { ClusterConfig } from '../../config.ts'
import { configError } from '../../errors.ts'
import { wireConnectionKey, withKafkaTimeout, type KafkaCluster, type KafkaClusterOptions } from '../cluster.ts'
import type { ClusterSnapshot } from '../snapshot.ts'
import type { OAuthTokenProvider } from '../types.ts'
import { mapKafkaError } from './errors.ts'
import { FetchLanes, type FetchLane } from './fetch-lanes.ts'
import { toSnapshot, type RawMetadata } from './metadata.ts'

export type { BrokerConnection, KafkaCluster, KafkaClusterOptions }
export { withKafkaTimeout }

export interface KafkaConnectionOptions extends ConnectionOptions {
  bootstrapBrokers: string[]
}

/** A cluster's configuration as @platformatic/kafka connection options (the Admin's and the indexer's Consumer's). */
export function connectionOptions(cluster: ClusterConfig, oauthTokenProvider?: OAuthTokenProvider): KafkaConnectionOptions {
  const options: KafkaConnectionOptions = { bootstrapBrokers: cluster.brokers, connectTimeout: 5_000, requestTimeout: 30_000 }
  const { tls, sasl } = cluster
  if (tls) {
    options.tls = tls === true ? {} : {
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: tls.rejectUnauthorized }),
      ...(tls.servername ? { servername: tls.servername } : {}),
    }
  }
  if (sasl) options.sasl = saslOptions(cluster, sasl, oauthTokenProvider)
  return options
}

function saslOptions(cluster: ClusterConfig, sasl: NonNullable<ClusterConfig['sasl']>, oauthTokenProvider?: OAuthTokenProvider): SASLOptions {
  if (sasl.mechanism === 'AWS_MSK_IAM') {
    if (!oauthTokenProvider) throw configError(`Cluster '${cluster.id}' uses MSK IAM, but this runtime has no AWS token signer.`)
    return { mechanism: 'OAUTHBEARER', token: oauthTokenProvider(cluster) }
  }
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password }
}

// The Admin's internal hooks are typed as protected symbols; this view is their one declaration.
interface AdminInternals {
  [kPerformWithRetry]<T>(id: string, operation: (callback: Callback<T>) => void, callback: Callback<T>, attempt?: number): void
  [kGetConnection](broker: { host: string; port: number }, callback: Callback<BrokerConnection>): void
  [kGetBootstrapConnection](callback: Callback<BrokerConnection>): void
  [kGetApi]<Api>(name: string, callback: Callback<Api>): void
}

const internalsOf = (admin: Admin) => admin as unknown as AdminInternals

type MetadataApi = (connection: BrokerConnection, topics: readonly string[] | null, autoCreate: boolean, authorizedOps: boolean, callback: Callback<RawMetadata>) => void

const isStaleMetadata = (error: unknown) =>
  error instanceof Error && /^Unknown partition \d+ for topic /.test(error.message)

/**
 * The client fails a whole Metadata answer when any topic in it has an error; when every error is
 * an unknown named topic, the answer itself is good (those topics carry their error code and
 * toSnapshot leaves them out).
 */
function unknownTopicsOnly(error: unknown): RawMetadata | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, errors, response } = error as { code?: unknown; errors?: unknown; response?: unknown }
  if (code !== 'PLT_KFK_RESPONSE' || !Array.isArray(errors) || errors.length === 0 || typeof response !== 'object' || response === null) return undefined
  const onlyUnknown = errors.every((e: unknown) => typeof e === 'object' && e !== null && (e as { apiId?: unknown }).apiId === 'UNKNOWN_TOPIC_OR_PARTITION' &&
    /^\/topics\/\d+$/.test(String((e as { path?: unknown }).path ?? '')))
  return onlyUnknown ? (response as RawMetadata) : undefined
}

const hasCode = (error: unknown, code: string) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code

/** A request to one broker: `send` encodes it and calls back with the parsed answer (or an error). */
export type BrokerRequest<T> = (connection: BrokerConnection, callback: Callback<T>) => void

/** What the wire modules do with a cluster's client; reached through wireOf(), never from above the wire layer. */
export class WireConnection {
  readonly #config: ClusterConfig
  readonly #options: KafkaClusterOptions
  #admin: Admin | undefined
  readonly lanes: FetchLanes
  /** Other clients the wire modules keep per connection (the producer), closed with it. */
  readonly #owned = new Map<string, { closed: boolean; close(): Promise<void> }>()

  constructor(config: ClusterConfig, options: KafkaClusterOptions) {
    this.#config = config
    this.#options = options
    this.lanes = new FetchLanes(`${options.clientId ?? 'kafka-plus'}-fetch`, () => connectionOptions(config, options.oauthTokenProvider))
  }

  get clusterId(): string {
    return this.#config.id
  }

  admin(): Admin {
    if (!this.#admin || this.#admin.closed) {
      this.#admin = new Admin({
        clientId: this.#options.clientId ?? 'kafka-plus',
        ...connectionOptions(this.#config, this.#options.oauthTokenProvider),
        retries: 2,
        retryDelay: 250,
        timeout: 15_000,
        metadataMaxAge: 5_000,
      })
    }
    return this.#admin
  }

  /**
   * A long-lived client of another kind under `name`, made on first use (again once closed) with
   * this cluster's connection options, and closed with the connection.
   */
  owned<T extends { closed: boolean; close(): Promise<void> }>(name: string, create: (options: KafkaConnectionOptions & { clientId: string }) => T): T {
    const existing = this.#owned.get(name) as T | undefined
    if (existing && !existing.closed) return existing
    const client = create({ clientId: this.#options.clientId ?? 'kafka-plus', ...connectionOptions(this.#config, this.#options.oauthTokenProvider) })
    this.#owned.set(name, client)
    return client
  }

  /**
   * Runs one Kafka operation and maps whatever it throws to a typed error. The client caches
   * metadata; when a topic changed elsewhere (more partitions, re-created) the cached copy makes
   * the call fail, so it is refreshed and the call tried once more.
   */
  async call<T>(operation: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      return await fn(this.admin())
    } catch (error: unknown) {
      if (!isStaleMetadata(error)) throw mapKafkaError(error, operation, this.clusterId)
    }
    this.admin().clearMetadata()
    try {
      return await fn(this.admin())
    } catch (error: unknown) {
      throw mapKafkaError(error, operation, this.clusterId)
    }
  }

  /** Errors as the client reports them: the caller maps them (per broker, say). */
  mapError(error: unknown, operation: string) {
    return mapKafkaError(error, operation, this.clusterId)
  }

  /** After this process changed topics, its cached metadata is known to be stale. */
  forgetMetadata(): void {
    this.#admin?.clearMetadata()
  }

  /**
   * One Metadata request, with the internal flag and per-partition detail that Admin.listTopics()
   * drops: for every topic (one round trip however many the cluster has), or only for `topics`,
   * so a page about one topic costs what that topic costs, not what the cluster does. A named
   * topic that does not exist is simply absent from the snapshot (no retries for it).
   */
  metadata(topics?: readonly string[]): Promise<ClusterSnapshot> {
    const names = topics ? [...new Set(topics)] : null
    return this.call('Reading cluster metadata', (admin) => new Promise<ClusterSnapshot>((resolve, reject) => {
      const internals = internalsOf(admin)
      internals[kPerformWithRetry]<RawMetadata>('kafka-plus:metadata', (retryCallback) => {
        internals[kGetBootstrapConnection]((connectionError, connection) => {
          if (connectionError) return retryCallback(connectionError)
          internals[kGetApi]<MetadataApi>('Metadata', (apiError, api) => {
            if (apiError || !api) return retryCallback(apiError ?? new Error('Metadata API unavailable'))
            api(connection as BrokerConnection, names, false, false, (error, response) => {
              const partial = names ? unknownTopicsOnly(error) : undefined
              return partial ? retryCallback(null, partial) : retryCallback(error, response)
            })
          })
        })
      }, (error, result) => (error ? reject(error) : resolve(toSnapshot(result as RawMetadata))))
    }))
  }

  /**
   * Sends one request to one broker over the client's pooled connection. With `retryId` the
   * client retries it as it does its own requests (retriable errors, `retries` times).
   * Errors come back unmapped.
   */
  send<T>(broker: { host: string; port: number }, request: BrokerRequest<T>, retryId?: string): Promise<T> {
    const internals = internalsOf(this.admin())
    return new Promise<T>((resolve, reject) => {
      internals[kGetConnection](broker, (connectionError, connection) => {
        if (connectionError || !connection) return reject(connectionError ?? new Error('no connection'))
        const done: Callback<T> = (error, response) => (error ? reject(error) : resolve(response as T))
        if (retryId === undefined) return request(connection, done)
        internals[kPerformWithRetry]<T>(retryId, (retry) => request(connection, retry), done, 0)
      })
    })
  }

  /**
   * Like send(), over a fetch lane's connection instead of the Admin's (which only lends its
   * negotiated APIs and retry policy). The connection is taken on each attempt, so a retry after
   * a broken connection reconnects.
   */
  sendOn<T>(lane: FetchLane, broker: { host: string; port: number }, request: BrokerRequest<T>, retryId: string): Promise<T> {
    const internals = internalsOf(this.admin())
    return new Promise<T>((resolve, reject) => {
      internals[kPerformWithRetry]<T>(retryId, (retry) => {
        lane.connection(broker, (connectionError, connection) => {
          if (connectionError || !connection) return retry(connectionError ?? new Error('no connection'))
          request(connection, retry)
        })
      }, (error, response) => (error ? reject(error) : resolve(response as T)), 0)
    })
  }

  /** The client's own implementation of `name`, in the newest version both sides speak. */
  negotiatedApi<Api>(name: string, callback: Callback<Api>): void {
    internalsOf(this.admin())[kGetApi]<Api>(name, (error, api) => (error || !api ? callback(error ?? new Error(`${name} unavailable`)) : callback(null, api)))
  }

  /** True when the cluster offers the API, false when it does not; other errors propagate. */
  async supportsApi(name: string): Promise<boolean> {
    await this.metadata() // connects and learns the API versions, with the usual error mapping
    return new Promise((resolve, reject) => {
      internalsOf(this.admin())[kGetApi]<unknown>(name, (error) => {
        if (!error) return resolve(true)
        if (hasCode(error, 'PLT_KFK_UNSUPPORTED_API')) return resolve(false)
        reject(error)
      })
    })
  }

  async ping(timeoutMs: number): Promise<void> {
    await withKafkaTimeout(this.call('Health check', (admin) => admin.metadata({ topics: [], forceUpdate: true })), timeoutMs,
      `Kafka cluster '${this.clusterId}' did not answer within ${timeoutMs} ms.`)
  }

  async close(): Promise<void> {
    const admin = this.#admin
    this.#admin = undefined
    const owned = [...this.#owned.values()]
    this.#owned.clear()
    await Promise.all([this.lanes.close(), admin && !admin.closed ? admin.close() : undefined, ...owned.map((c) => (c.closed ? undefined : c.close()))])
  }
}

/** The wire layer's access to a cluster's connection, made on its first call (the product above sees only KafkaCluster). */
export function wireOf(cluster: KafkaCluster): WireConnection {
  const existing = cluster[wireConnectionKey]
  if (existing instanceof WireConnection) return existing
  const connection = new WireConnection(cluster.config, cluster.options)
  cluster[wireConnectionKey] = connection
  return connection
}
