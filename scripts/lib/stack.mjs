// The local stack: a real Kafka and a real VictoriaLogs, started only where nothing is configured or running.
import { kafkaPort, victoriaLogsPort } from './paths.mjs'
import { portOpen, log } from './proc.mjs'
import { installKafka, startKafka, stopKafka, waitForKafka, kafkaPid } from './kafka.mjs'
import { installVictoriaLogs, startVictoriaLogs, stopVictoriaLogs, waitForVictoriaLogs, victoriaLogsPid } from './victorialogs.mjs'
import { readState, withStackLock, writeState } from './shared.mjs'

export const localKafka = `127.0.0.1:${kafkaPort}`
export const localVictoriaLogs = `http://127.0.0.1:${victoriaLogsPort}`

export async function installStack() {
  const tasks = []
  if (!process.env.KAFKA_BROKERS) tasks.push(installKafka())
  if (!process.env.VICTORIALOGS_URL) tasks.push(installVictoriaLogs())
  await Promise.all(tasks)
}

/**
 * Brings up what is missing and returns what this call started, so the caller stops only that.
 * A service already listening (another `npm start`, a previous test run) is reused, not restarted.
 */
export async function ensureStack() {
  const started = { kafka: false, victoriaLogs: false }
  await installStack()
  const kafkaTask = (async () => {
    if (process.env.KAFKA_BROKERS) return
    if (await portOpen(kafkaPort)) {
      log(`Kafka already listening on ${localKafka}, reusing it`)
      await waitForKafka({ bootstrap: localKafka })
      return
    }
    await startKafka()
    started.kafka = true
  })()
  const logsTask = (async () => {
    if (process.env.VICTORIALOGS_URL) return
    if (await portOpen(victoriaLogsPort)) {
      log(`VictoriaLogs already listening on ${localVictoriaLogs}, reusing it`)
      await waitForVictoriaLogs({ url: localVictoriaLogs })
      return
    }
    await startVictoriaLogs()
    started.victoriaLogs = true
  })()
  const results = await Promise.allSettled([kafkaTask, logsTask])
  const failure = results.find((r) => r.status === 'rejected')
  if (failure) {
    await stopStack(started)
    throw failure.reason
  }
  return started
}

export async function stopStack(which = { kafka: true, victoriaLogs: true }) {
  await Promise.all([
    which.kafka ? stopKafka() : Promise.resolve(false),
    which.victoriaLogs ? stopVictoriaLogs() : Promise.resolve(false),
  ])
}

/**
 * For processes that share the stack (npm start, test runs): starts what is missing under a lock
 * and registers this process as a user. Pair with leaveStack().
 */
export async function joinStack() {
  await installStack()
  return withStackLock(async () => {
    const state = readState()
    const started = await ensureStack()
    writeState({
      managed: { kafka: state.managed.kafka || started.kafka, victoriaLogs: state.managed.victoriaLogs || started.victoriaLogs },
      users: [...state.users, process.pid],
    })
  })
}

/** Unregisters this process; the last user out stops what the shared users started. */
export async function leaveStack() {
  await withStackLock(async () => {
    const state = readState()
    const users = state.users.filter((pid) => pid !== process.pid)
    if (users.length > 0) {
      writeState({ ...state, users })
      return
    }
    await stopStack(state.managed)
    writeState({ managed: { kafka: false, victoriaLogs: false }, users: [] })
  })
}

export function stackStatus() {
  return { kafka: kafkaPid() ?? null, victoriaLogs: victoriaLogsPid() ?? null }
}
