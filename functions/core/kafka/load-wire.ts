// The wire layer (and the Kafka client under it) as one lazily loaded module: bundlers split a
// dynamic import into a chunk of its own, which a cold start does not parse. Module loading caches
// it, so every call after the first gets the loaded module at once.
import type * as Wire from './wire/index.ts'

export type WireModule = typeof Wire

export const loadWire = (): Promise<WireModule> => import('./wire/index.ts')

/** The group member (local mode's indexer) and the producer (the produce route): chunks of their own, which other calls never load. */
export const loadGroupConsumer = (): Promise<typeof import('./wire/consumer.ts')> => import('./wire/consumer.ts')
export const loadProducer = (): Promise<typeof import('./wire/producer.ts')> => import('./wire/producer.ts')

/**
 * Loads the Kafka client now: for functions whose every invocation talks to Kafka (the sampler),
 * so the load happens during initialisation rather than in the first invocation.
 */
export async function preloadKafka(): Promise<void> {
  await loadWire()
}
