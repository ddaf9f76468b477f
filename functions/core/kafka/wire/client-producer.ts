// The client's producer, for the one module that produces (producer.ts): a chunk that only
// the produce route loads. client.ts first: its option validators compile lazily, as the
// library's own Ajv instance is left doing (deferred-validators.ts).
import './client.ts'
export * from '../../../../node_modules/@platformatic/kafka/dist/clients/producer/index.js'
