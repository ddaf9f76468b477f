// One bundle for bench/storage.mjs: the sampler with the Kafka and VictoriaLogs clients it uses,
// so classes (and `instanceof` checks on typed errors) are shared, as in the real functions.
export { KafkaClusters } from '../functions/core/kafka/index.ts'
export { VictoriaLogsClient } from '../functions/core/victorialogs/index.ts'
export { storeSample, takeSample } from '../functions/core/storage/sample.ts'
export type { TopicHistory } from '../functions/core/storage/history.ts'
