// The Kafka module's interface: everything the product does with Kafka goes through these
// functions and types. Offsets are decimal strings, times epoch milliseconds; no bigints, raw
// responses or Kafka error codes come out of here. The protocol work lives in ./wire/, the only
// code that touches the client library (eslint.config.js enforces both).
export { KafkaCluster, withKafkaTimeout, type KafkaClusterOptions } from './wire/connection.ts'
export { KafkaClusters } from './clusters.ts'
export { PartitionTable, scopeOf } from './partition-table.ts'
export { findTopic, type BrokerInfo, type ClusterSnapshot, type PartitionInfo, type TopicInfo } from './snapshot.ts'
export type {
  BrokerFailure, BrokerLogDirs, CommittedOffset, FetchPosition, GroupListing, GroupMemberInfo, ListedOffset, LogDirUsage,
  NewTopic, OAuthTokenProvider, OffsetSpec, PartitionFetch, PartitionRef, PartitionSize, ProduceCompression, ProducedRecord, RawRecord,
  RecordTimestamp, RecordToProduce, TopicConfigEntry, TopicPartitions,
} from './types.ts'
export { configNameSchema, intBetween, topicConfigsSchema, topicNameSchema } from './validation.ts'

export { listAllOffsets, listOffsets, type AllOffsets } from './wire/offsets.ts'
export { fetchRecords, openFetchSession, type FetchOptions, type FetchSession } from './wire/fetch.ts'
export { recordTimestamps, type RecordTimestampOptions, type RecordTimestamps } from './wire/record-timestamps.ts'
export { describeLogDirs } from './wire/describe-log-dirs.ts'
export { describeTopicConfigs, incrementalAlterTopicConfigs } from './wire/configs.ts'
export { createPartitions, createTopic, deleteRecords, deleteTopic } from './wire/topics.ts'
export { alterCommittedOffsets, committedOffsets, describeGroupMembers, listGroups } from './wire/groups.ts'
export { findGroupListing } from './wire/group-lookup.ts'
export { GroupConsumer, type GroupConsumerOptions, type NextBatchOptions } from './wire/consumer.ts'
export { availableCompressions, partitionForKey, produceCompressions, produceRecords } from './wire/producer.ts'
