// One bundle for bench/scale.mjs: the sampler and the Kafka module it uses, type-checked with the
// functions so a renamed export breaks the type check.
export { KafkaClusters, describeLogDirs } from '../functions/core/kafka/index.ts'
export { takeSample } from '../functions/core/storage/sample.ts'
