// One configured cluster as the product sees it. It holds no connection until a Kafka call needs
// one: the wire layer, and with it the client library (about half of a function's code), loads on
// the first such call (load-wire.ts), so a function or request that never talks to Kafka never
// loads it (the API's sign-in, search and audit routes; the indexer Lambda).
import type { ClusterConfig } from '../config.ts'
import { kafkaUnavailable } from '../errors.ts'
import type { ClusterSnapshot } from './snapshot.ts'
import type { OAuthTokenProvider } from './types.ts'
import { loadWire } from './load-wire.ts'

export interface KafkaClusterOptions {
  oauthTokenProvider?: OAuthTokenProvider
  clientId?: string
}

/** The wire layer's connection for a cluster, kept on it under this key (wire/connection.ts makes it). */
export const wireConnectionKey = Symbol('kafka-plus.wire-connection')

/** One bound for a Kafka call that may never answer (a dead broker): KAFKA_UNAVAILABLE after `ms`. */
export function withKafkaTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(kafkaUnavailable(message)), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** One configured cluster: its id and configuration, metadata, a health probe. */
export class KafkaCluster {
  readonly config: ClusterConfig
  readonly options: KafkaClusterOptions
  /** Set by the wire layer on the first call; nothing above it reads this. */
  [wireConnectionKey]: { close(): Promise<void> } | undefined

  constructor(config: ClusterConfig, options: KafkaClusterOptions = {}) {
    this.config = config
    this.options = options
  }

  get id(): string {
    return this.config.id
  }

  /**
   * Brokers, topics and partitions, in one Metadata request: the whole cluster, or only `topics`
   * (those that exist) where a page shows only them.
   */
  async metadata(topics?: readonly string[]): Promise<ClusterSnapshot> {
    return (await loadWire()).wireOf(this).metadata(topics)
  }

  /** Whether the cluster offers a protocol API at all, so a refusal can be told apart from a failure. */
  async supportsApi(name: string): Promise<boolean> {
    return (await loadWire()).wireOf(this).supportsApi(name)
  }

  /** Health probe: answers within `timeoutMs` or reports the cluster unreachable. */
  async ping(timeoutMs = 3_000): Promise<void> {
    return (await loadWire()).wireOf(this).ping(timeoutMs)
  }

  async close(): Promise<void> {
    const connection = this[wireConnectionKey]
    this[wireConnectionKey] = undefined
    await connection?.close()
  }
}
