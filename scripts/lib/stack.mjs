// The local stack: a real Kafka, a real VictoriaLogs and a schema registry (Apicurio), started only
// where nothing is configured or running; moto's server (the local DynamoDB for the plan table) only where asked for.
import { apicurioPort, kafkaPort, motoPort, victoriaLogsPort } from './paths.mjs'
import { portOpen, log } from './proc.mjs'
import { installKafka, startKafka, stopKafka, waitForKafka, kafkaPid } from './kafka.mjs'
import { installVictoriaLogs, startVictoriaLogs, stopVictoriaLogs, waitForVictoriaLogs, victoriaLogsPid } from './victorialogs.mjs'
import { installMoto, startMoto, stopMoto, waitForMoto, motoPid, ensureMotoPlanTable } from './moto.mjs'
import { installApicurio, startApicurio, stopApicurio, waitForApicurio, apicurioPid, localApicurio } from './apicurio.mjs'
import { readState, withStackLock, writeState } from './shared.mjs'

export const localKafka = `127.0.0.1:${kafkaPort}`
export const localVictoriaLogs = `http://127.0.0.1:${victoriaLogsPort}`
export const localMoto = `http://127.0.0.1:${motoPort}`
export { localApicurio }
/** Its Confluent-compatible API: what SCHEMA_REGISTRY_URL names. */
export const localSchemaRegistry = `${localApicurio}/apis/ccompat/v7`

/** The local schema registry runs unless SCHEMA_REGISTRY_URL points elsewhere or SCHEMA_REGISTRY=off. */
export const registryWanted = () => !process.env.SCHEMA_REGISTRY_URL && process.env.SCHEMA_REGISTRY !== 'off'

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
  if (registryWanted()) tasks.push(installApicurio())
  await Promise.all(tasks)
}

/**
 * Brings up what is missing and returns what this call started, so the caller stops only that.
 * A service already listening (another `npm start`, a previous test run) is reused, not restarted.
 * @param {StackOptions} [options]
 */
export async function ensureStack(options = {}) {
  const started = { kafka: false, victoriaLogs: false, moto: false, apicurio: false }
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
  const registryTask = (async () => {
    if (!registryWanted()) return
    if (await portOpen(apicurioPort)) {
      log(`a schema registry already listening on ${localApicurio}, reusing it`)
      await waitForApicurio({ url: localApicurio })
      return
    }
    await startApicurio()
    started.apicurio = true
  })()
  const results = await Promise.allSettled([kafkaTask, logsTask, motoTask, registryTask])
  const failure = results.find((r) => r.status === 'rejected')
  if (failure) {
    await stopStack(started)
    throw failure.reason
  }
  return started
}

/** @param {{ kafka: boolean, victoriaLogs: boolean, moto?: boolean, apicurio?: boolean }} [which] */
export async function stopStack(which = { kafka: true, victoriaLogs: true, moto: true, apicurio: true }) {
  await Promise.all([
    which.kafka ? stopKafka() : Promise.resolve(false),
    which.victoriaLogs ? stopVictoriaLogs() : Promise.resolve(false),
    which.moto ? stopMoto() : Promise.resolve(false),
    which.apicurio ? stopApicurio() : Promise.resolve(false),
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
        apicurio: Boolean(state.managed.apicurio) || started.apicurio,
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
    writeState({ managed: { kafka: false, victoriaLogs: false, moto: false, apicurio: false }, users: [] })
  })
}

export function stackStatus() {
  return { kafka: kafkaPid() ?? null, victoriaLogs: victoriaLogsPid() ?? null, moto: motoPid() ?? null, apicurio: apicurioPid() ?? null }
}
