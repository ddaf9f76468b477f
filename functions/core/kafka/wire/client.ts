// The wire layer's import of @platformatic/kafka (with client-consumer.ts and client-producer.ts), loaded with its option validators deferred
// (deferred-validators.ts must be imported first: modules load in the order they are imported).
//
// The package's index also re-exports its schema registries, whose module imports avsc and
// ajv-draft-04 at load (about 110 KB that every function would parse and never run: the product
// decodes schemas itself, in core/schemas). Its package.json exports only ".", so the parts used
// are imported by file, every part but registries/ (bench/lambda-bundle.mjs checks that avsc stays
// out of the functions' cold start). The version is pinned by package-lock.json; a layout change
// in an upgrade fails type-checking here.
import { compileEagerly } from './deferred-validators.ts'
import { ajv } from '../../../../node_modules/@platformatic/kafka/dist/utils.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/diagnostic.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/errors.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/events.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/utils.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/network/index.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/protocol/index.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/apis/index.js'
// Its consumer and producer clients load in chunks of their own (client-consumer.ts,
// client-producer.ts): the admin calls most functions make need neither.
export * from '../../../../node_modules/@platformatic/kafka/dist/clients/serde.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/clients/base/index.js'
export * from '../../../../node_modules/@platformatic/kafka/dist/clients/admin/index.js'

compileEagerly(ajv)
