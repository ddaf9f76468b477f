// Everything the layers above reach of the wire layer, loaded as one module by ../load-wire.ts
// (through ../index.ts's wrappers and ../cluster.ts; nothing imports this statically).
export { wireOf } from './connection.ts'
export { listAllOffsets, listOffsets } from './offsets.ts'
export { fetchRecords, openFetchSession } from './fetch.ts'
export { recordTimestamps } from './record-timestamps.ts'
export { describeLogDirs } from './describe-log-dirs.ts'
export { describeTopicConfigs, incrementalAlterTopicConfigs } from './configs.ts'
export { createPartitions, createTopic, deleteRecords, deleteTopic } from './topics.ts'
export { alterCommittedOffsets, committedOffsets, describeGroupMembers, listGroups } from './groups.ts'
export { findGroupListing } from './group-lookup.ts'
