// Vitest global setup: a real local stack for integration tests (shared with other runs and
// npm start; the last user stops what they started) and a current build of the web app.
import { joinStack, leaveStack, localKafka, localMoto, localSchemaRegistry, localVictoriaLogs, registryWanted } from '../lib/stack.mjs'
import { buildWebIfNeeded } from '../lib/build.mjs'

// What setup() provides is declared (vitest's ProvidedContext) beside the tests that inject it;
// naming that module brings the declaration into this file's type-check.
/** @typedef {import('../../functions/testing/stack.ts')} InjectingModule */

/** @param {import('vitest/node').TestProject} project */
export async function setup({ provide }) {
  await Promise.all([joinStack({ moto: true }), buildWebIfNeeded()])
  provide('kafkaBrokers', process.env.KAFKA_BROKERS ?? localKafka)
  provide('victoriaLogsUrl', process.env.VICTORIALOGS_URL ?? localVictoriaLogs)
  // The local AWS API (moto) for the DynamoDB plan store's tests.
  provide('awsEndpointUrl', process.env.AWS_ENDPOINT_URL ?? localMoto)
  // Empty with SCHEMA_REGISTRY=off: the registry tests then say so instead of failing obscurely.
  provide('schemaRegistryUrl', process.env.SCHEMA_REGISTRY_URL ?? (registryWanted() ? localSchemaRegistry : ''))
}

export async function teardown() {
  await leaveStack()
}
