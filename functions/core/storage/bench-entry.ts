// One bundle for bench/storage.mjs: the sampler with the Kafka and VictoriaLogs clients it uses,
// so classes (and `instanceof` checks on typed errors) are shared, as in the real functions.
export { KafkaClusters } from '../kafka/index.ts'
export { VictoriaLogsClient } from '../victorialogs/index.ts'
export { storageStreamFields, storeSample, takeSample } from './sample.ts'
