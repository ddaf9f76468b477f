// The client library itself, for test fixtures only (functions/testing/): an independent client
// that sets up what the product merely reads (topics, records, group members) and the codec the
// test proxy rewrites Metadata with. Product code never imports this (eslint.config.js).
export { Admin, Reader, Writer, stringDeserializers, stringSerializers } from './client.ts'
export { Consumer } from './client-consumer.ts'
export { Producer } from './client-producer.ts'
