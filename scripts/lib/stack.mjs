// The local stack: a real Kafka and a real VictoriaLogs, started only where nothing is configured or running;
// moto's server (the local DynamoDB for the plan table) only where asked for.
import { kafkaPort, motoPort, victoriaLogsPort } from './paths.mjs'
import { portOpen, log } from './proc.mjs'
import { installKafka, startKafka, stopKafka, waitForKafka, kafkaPid } from './kafka.mjs'
import { installVictoriaLogs, startVictoriaLogs, stopVictoriaLogs, waitForVictoriaLogs, victoriaLogsPid } from './victorialogs.mjs'
import { installMoto, startMoto, stopMoto, waitForMoto, motoPid, ensureMotoPlanTable } from './moto.mjs'
import { readState, withStackLock, writeState } from './shared.mjs'

export const localKafka = `127.0.0.1:${kafkaPort}`
export const localVictoriaLogs = `http://127.0.0.1:${victoriaLogsPort}`
export const localMoto = `http://127.0.0.1:${motoPort}`

/**
 * @typedef {{ moto?: boolean }} StackOptions
 * moto: tests always want it (unless AWS_ENDPOINT_URL points elsewhere); `npm start` only when the
 * plan table is configured at the local moto address (see motoWantedByLocalMode).
 */

/** @param {StackOptions} options */
const motoWanted = ({ moto = false }) => moto && (!process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL === localMoto)

/** Local mode keeps its plan in DynamoDB only when told to; moto stands in for it at this address. */
export const motoWantedByLocalMode = () => Boolean(process.env.KAFKA_PLUS_PLAN_TABLE) && process.env.AWS_ENDPOINT_URL === localMoto

/** @param {StackOptions} [options] */
export async function installStack(options = {}) {
  const tasks = []
  if (!process.env.KAFKA_BROKERS) tasks.push(installKafka())
  if (!process.env.VICTORIALOGS_URL) tasks.push(installVictoriaLogs())
  if (motoWanted(options)) tasks.push(installMoto())
  await Promise.all(tasks)
}

/**
 * Brings up what is missing and returns what this call started, so the caller stops only that.
 * A service already listening (another `npm start`, a previous test run) is reused, not restarted.
 * @param {StackOptions} [options]
 */
export async function ensureStack(options = {}) {
  const started = { kafka: false, victoriaLogs: false, moto: false }
  await installStack(options)
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
  const motoTask = (async () => {
    if (!motoWanted(options)) return
    if (await portOpen(motoPort)) {
      log(`moto already listening on ${localMoto}, reusing it`)
      await waitForMoto({ url: localMoto })
    } else {
      await startMoto()
      started.moto = true
    }
    if (!motoWantedByLocalMode()) return
    // Local mode's plan table (tests create their own, under unique names). moto takes any
    // credentials, but the server's AWS SDK wants some, and a region.
    process.env.AWS_REGION ??= 'us-east-1'
    process.env.AWS_ACCESS_KEY_ID ??= 'local'
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local'
    await ensureMotoPlanTable(localMoto, process.env.KAFKA_PLUS_PLAN_TABLE ?? '')
  })()
  const results = await Promise.allSettled([kafkaTask, logsTask, motoTask])
  const failure = results.find((r) => r.status === 'rejected')
  if (failure) {
    await stopStack(started)
    throw failure.reason
  }
  return started
}

/** @param {{ kafka: boolean, victoriaLogs: boolean, moto?: boolean }} [which] */
export async function stopStack(which = { kafka: true, victoriaLogs: true, moto: true }) {
  await Promise.all([
    which.kafka ? stopKafka() : Promise.resolve(false),
    which.victoriaLogs ? stopVictoriaLogs() : Promise.resolve(false),
    which.moto ? stopMoto() : Promise.resolve(false),
  ])
}

/**
 * For processes that share the stack (npm start, test runs): starts what is missing under a lock
 * and registers this process as a user. Pair with leaveStack().
 * @param {StackOptions} [options]
 */
export async function joinStack(options = {}) {
  await installStack(options)
  return withStackLock(async () => {
    const state = readState()
    const started = await ensureStack(options)
    writeState({
      managed: {
        kafka: state.managed.kafka || started.kafka,
        victoriaLogs: state.managed.victoriaLogs || started.victoriaLogs,
        moto: Boolean(state.managed.moto) || started.moto,
      },
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
    writeState({ managed: { kafka: false, victoriaLogs: false, moto: false }, users: [] })
  })
}

export function stackStatus() {
  return { kafka: kafkaPid() ?? null, victoriaLogs: victoriaLogsPid() ?? null, moto: motoPid() ?? null }
}
