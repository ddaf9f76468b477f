// Vitest global setup: a real local stack for integration tests (shared with other runs and
// npm start; the last user stops what they started) and a current build of the web app.
import { joinStack, leaveStack, localKafka, localVictoriaLogs } from '../lib/stack.mjs'
import { buildWebIfNeeded } from '../lib/build.mjs'

export async function setup({ provide }) {
  await Promise.all([joinStack(), buildWebIfNeeded()])
  provide('kafkaBrokers', process.env.KAFKA_BROKERS ?? localKafka)
  provide('victoriaLogsUrl', process.env.VICTORIALOGS_URL ?? localVictoriaLogs)
}

export async function teardown() {
  await leaveStack()
}
