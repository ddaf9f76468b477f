// The configured clusters by id; the one door through which the rest of the product reaches Kafka.
import type { ClusterConfig } from '../config.ts'
import { clusterNotFound } from '../errors.ts'
import { KafkaCluster, type KafkaClusterOptions } from './cluster.ts'

export class KafkaClusters {
  readonly #clusters = new Map<string, KafkaCluster>()

  constructor(configs: readonly ClusterConfig[], options: KafkaClusterOptions = {}) {
    for (const config of configs) this.#clusters.set(config.id, new KafkaCluster(config, options))
  }

  list(): KafkaCluster[] {
    return [...this.#clusters.values()]
  }

  get(id: string): KafkaCluster {
    const cluster = this.#clusters.get(id)
    if (!cluster) throw clusterNotFound(id)
    return cluster
  }

  async close(): Promise<void> {
    await Promise.all(this.list().map((c) => c.close()))
  }
}
