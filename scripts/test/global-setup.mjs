// Vitest global setup: a real local stack for integration tests, stopped afterwards only if started here.
import { ensureStack, stopStack, localKafka, localVictoriaLogs } from '../lib/stack.mjs'

let started

export async function setup({ provide }) {
  started = await ensureStack()
  provide('kafkaBrokers', process.env.KAFKA_BROKERS ?? localKafka)
  provide('victoriaLogsUrl', process.env.VICTORIALOGS_URL ?? localVictoriaLogs)
}

export async function teardown() {
  if (started) await stopStack(started)
}
