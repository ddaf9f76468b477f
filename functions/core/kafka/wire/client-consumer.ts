// The client's consumer, for the one module that joins a group (consumer.ts): a chunk that
// only local mode's indexer loads. client.ts first: its option validators compile lazily, as
// the library's own Ajv instance is left doing (deferred-validators.ts).
import './client.ts'
export * from '../../../../node_modules/@platformatic/kafka/dist/clients/consumer/index.js'
