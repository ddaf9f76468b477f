// One bundle for bench/indexing.mjs: the local indexer, its plan store and the Kafka and
// VictoriaLogs clients, type-checked with the functions so a renamed export breaks `npm test`.
export { startLocalIndexer } from '../functions/core/indexing/local-indexer.ts'
export { FilePlanStore } from '../functions/core/indexing/plan-store.ts'
export { VictoriaLogsClient } from '../functions/core/victorialogs/index.ts'
export { KafkaCluster, fetchRecords, listOffsets } from '../functions/core/kafka/index.ts'
