// Vitest global setup: a real local stack for integration tests (stopped afterwards only if
// started here) and a current build of the web app for the browser tests.
import { ensureStack, stopStack, localKafka, localVictoriaLogs } from '../lib/stack.mjs'
import { buildWebIfNeeded } from '../lib/build.mjs'

let started

export async function setup({ provide }) {
  ;[started] = await Promise.all([ensureStack(), buildWebIfNeeded()])
  provide('kafkaBrokers', process.env.KAFKA_BROKERS ?? localKafka)
  provide('victoriaLogsUrl', process.env.VICTORIALOGS_URL ?? localVictoriaLogs)
}

export async function teardown() {
  if (started) await stopStack(started)
}
