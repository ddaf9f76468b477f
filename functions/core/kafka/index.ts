// The Kafka module's interface: everything the product does with Kafka goes through these
// functions and types. Offsets are decimal strings, times epoch milliseconds; no bigints, raw
// responses or Kafka error codes come out of here. The protocol work lives in ./wire/, the only
// code that touches the client library (eslint.config.js enforces both). The wire layer loads on
// the first call that needs it (load-wire.ts): every function below that reaches Kafka is async
// and goes through that load, so importing this module loads no Kafka client.
import type { ClusterConfig } from '../config.ts'
import type { KafkaCluster } from './cluster.ts'
import type { ProduceCompression } from './types.ts'
import type { FetchSession } from './wire/fetch.ts'
import type { GroupConsumer, GroupConsumerOptions } from './wire/consumer.ts'
import { loadGroupConsumer, loadProducer, loadWire, type WireModule } from './load-wire.ts'
export { preloadKafka } from './load-wire.ts'
export { KafkaCluster, withKafkaTimeout, type KafkaClusterOptions } from './cluster.ts'
export { KafkaClusters } from './clusters.ts'
export { PartitionTable, scopeOf } from './partition-table.ts'
export { findTopic, type BrokerInfo, type ClusterSnapshot, type PartitionInfo, type TopicInfo } from './snapshot.ts'
export type {
  BrokerFailure, BrokerLogDirs, CommittedOffset, FetchPosition, GroupListing, GroupMemberInfo, ListedOffset, LogDirUsage,
  NewTopic, OAuthTokenProvider, OffsetSpec, PartitionFetch, PartitionRef, PartitionSize, ProduceCompression, ProducedRecord, RawRecord,
  RecordTimestamp, RecordToProduce, TopicConfigEntry, TopicPartitions,
} from './types.ts'
export { configNameSchema, intBetween, topicConfigsSchema, topicNameSchema } from './validation.ts'

export type { AllOffsets } from './wire/offsets.ts'
export type { FetchOptions, FetchSession } from './wire/fetch.ts'
export type { RecordTimestampOptions, RecordTimestamps } from './wire/record-timestamps.ts'
export type { GroupConsumer, GroupConsumerOptions, NextBatchOptions } from './wire/consumer.ts'

type AsyncFunctionName = { [K in keyof WireModule]: WireModule[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof WireModule]

/** `name` of the wire layer, loading the layer on the first call. */
function viaWire<K extends AsyncFunctionName>(name: K): WireModule[K] {
  const call = async (...args: unknown[]): Promise<unknown> => {
    const fn = (await loadWire())[name] as (...a: unknown[]) => Promise<unknown>
    return fn(...args)
  }
  return call as WireModule[K]
}

export const listAllOffsets = viaWire('listAllOffsets')
export const listOffsets = viaWire('listOffsets')
export const fetchRecords = viaWire('fetchRecords')
export const recordTimestamps = viaWire('recordTimestamps')
export const describeLogDirs = viaWire('describeLogDirs')
export const describeTopicConfigs = viaWire('describeTopicConfigs')
export const incrementalAlterTopicConfigs = viaWire('incrementalAlterTopicConfigs')
export const createPartitions = viaWire('createPartitions')
export const createTopic = viaWire('createTopic')
export const deleteRecords = viaWire('deleteRecords')
export const deleteTopic = viaWire('deleteTopic')
export const alterCommittedOffsets = viaWire('alterCommittedOffsets')
export const committedOffsets = viaWire('committedOffsets')
export const describeGroupMembers = viaWire('describeGroupMembers')
export const listGroups = viaWire('listGroups')
export const findGroupListing = viaWire('findGroupListing')

/** A long-poll loop's own connections (wire/fetch.ts FetchSession); close it when the loop ends. */
export async function openFetchSession(cluster: KafkaCluster): Promise<FetchSession> {
  return (await loadWire()).openFetchSession(cluster)
}

/** Joins a consumer group (the local indexer); see wire/consumer.ts. */
export async function openGroupConsumer(cluster: ClusterConfig, options: GroupConsumerOptions): Promise<GroupConsumer> {
  return (await loadGroupConsumer()).GroupConsumer.open(cluster, options)
}

/** Writes records to one topic (the produce route); see wire/producer.ts. */
export const produceRecords: typeof import('./wire/producer.ts').produceRecords = async (...args) => (await loadProducer()).produceRecords(...args)

/** Produce's helpers that need the client: the compressions this runtime writes, and the Java client's key partitioner. */
export async function producePartitioning(): Promise<{ availableCompressions: ProduceCompression[]; partitionForKey: (key: Buffer, partitions: number) => number }> {
  const producer = await loadProducer()
  return { availableCompressions: producer.availableCompressions(), partitionForKey: producer.partitionForKey }
}
