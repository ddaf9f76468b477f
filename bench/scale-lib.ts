// One bundle for bench/scale.mjs: the sampler and the Kafka module it uses, type-checked with the
// functions so a renamed export breaks the type check.
export { KafkaClusters, describeLogDirs } from '../functions/core/kafka/index.ts'
export { takeSample } from '../functions/core/storage/sample.ts'
export { describeTopicConfigs } from '../functions/core/kafka/index.ts'
export { listGroups, committedOffsets, describeGroupMembers, listOffsets } from '../functions/core/kafka/index.ts'
export { clusterOverview } from '../functions/core/cluster/overview.ts'
export { listGroupSummaries } from '../functions/core/groups/list.ts'
export { listTopics } from '../functions/core/topics/list.ts'
export { numericTopicConfig } from '../functions/core/topics/configs.ts'
