// One cluster's connection: a long-lived Admin client (reused across requests and warm Lambda
// invocations) and the error mapping every Kafka call goes through.
import {
  Admin, kGetApi, kGetBootstrapConnection, kPerformWithRetry,
  type Callback, type Connection,
} from '@platformatic/kafka'
import type { ClusterConfig } from '../config.ts'
import { kafkaUnavailable } from '../errors.ts'
import { connectionOptions, type OAuthTokenProvider } from './connection.ts'
import { mapKafkaError } from './errors.ts'

export interface KafkaClusterOptions {
  oauthTokenProvider?: OAuthTokenProvider
  clientId?: string
}

/** The Metadata response fields used here (the library does not export its response type). */
export interface MetadataResponse {
  controllerId: number
  clusterId: string | null
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[]
  topics: {
    errorCode: number
    name: string | null
    topicId: string
    isInternal: boolean
    partitions: {
      errorCode: number
      partitionIndex: number
      leaderId: number
      leaderEpoch: number
      replicaNodes: number[]
      isrNodes: number[]
      offlineReplicas: number[]
    }[]
  }[]
}

type MetadataApi = (connection: Connection, topics: string[] | null, autoCreate: boolean, authorizedOps: boolean, callback: Callback<MetadataResponse>) => void

// The Admin's internal hooks are typed as protected symbols; this view keeps their use in one place.
interface AdminInternals {
  [kPerformWithRetry]<T>(id: string, operation: (callback: Callback<T>) => void, callback: Callback<T>): void
  [kGetBootstrapConnection](callback: Callback<Connection>): void
  [kGetApi](name: string, callback: Callback<MetadataApi>): void
}

const isStaleMetadata = (error: unknown) =>
  error instanceof Error && /^Unknown partition \d+ for topic /.test(error.message)

export class KafkaCluster {
  readonly config: ClusterConfig
  readonly #options: KafkaClusterOptions
  #admin: Admin | undefined

  constructor(config: ClusterConfig, options: KafkaClusterOptions = {}) {
    this.config = config
    this.#options = options
  }

  get id(): string {
    return this.config.id
  }

  admin(): Admin {
    if (!this.#admin || this.#admin.closed) {
      this.#admin = new Admin({
        clientId: this.#options.clientId ?? 'kafka-plus',
        ...connectionOptions(this.config, this.#options.oauthTokenProvider),
        retries: 2,
        retryDelay: 250,
        timeout: 15_000,
        metadataMaxAge: 5_000,
      })
    }
    return this.#admin
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
      if (!isStaleMetadata(error)) throw mapKafkaError(error, operation, this.id)
    }
    this.admin().clearMetadata()
    try {
      return await fn(this.admin())
    } catch (error: unknown) {
      throw mapKafkaError(error, operation, this.id)
    }
  }

  /** After this process changed topics, its cached metadata is known to be stale. */
  forgetMetadata(): void {
    this.#admin?.clearMetadata()
  }

  /**
   * One Metadata request for every topic, with the internal flag and per-partition detail that
   * Admin.listTopics() drops; one round trip however many topics the cluster has.
   */
  fullMetadata(): Promise<MetadataResponse> {
    return this.call('Reading cluster metadata', (admin) => new Promise<MetadataResponse>((resolve, reject) => {
      const internals = admin as unknown as AdminInternals
      const callback: Callback<MetadataResponse> = (error, result) => (error ? reject(error) : resolve(result as MetadataResponse))
      internals[kPerformWithRetry]<MetadataResponse>('kafka-plus:metadata', (retryCallback) => {
        internals[kGetBootstrapConnection]((connectionError, connection) => {
          if (connectionError) return retryCallback(connectionError)
          internals[kGetApi]('Metadata', (apiError, api) => {
            if (apiError || !api) return retryCallback(apiError ?? new Error('Metadata API unavailable'))
            api(connection as Connection, null, false, false, retryCallback)
          })
        })
      }, callback)
    }))
  }

  /** Health probe: answers within `timeoutMs` or reports the cluster unreachable. */
  async ping(timeoutMs = 3_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(kafkaUnavailable(`Kafka cluster '${this.id}' did not answer within ${timeoutMs} ms.`)), timeoutMs)
    })
    try {
      await Promise.race([this.call('Health check', (admin) => admin.metadata({ topics: [], forceUpdate: true })), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async close(): Promise<void> {
    const admin = this.#admin
    this.#admin = undefined
    if (admin && !admin.closed) await admin.close()
  }
}
