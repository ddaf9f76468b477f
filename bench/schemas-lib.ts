// One bundle for bench/schemas.mjs: the local indexer with the registry decoder it is given, the
// plan store and VictoriaLogs client, type-checked with the functions.
export { startLocalIndexer } from '../functions/core/indexing/local-indexer.ts'
export { FilePlanStore } from '../functions/core/indexing/plan-store.ts'
export { VictoriaLogsClient } from '../functions/core/victorialogs/index.ts'
export { SchemaRegistries } from '../functions/core/schemas/registries.ts'
