// Where things live: installs are cached outside the clone, data stays under KAFKA_PLUS_HOME.
import { homedir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export const versions = {
  kafka: process.env.KAFKA_VERSION ?? '4.1.1',
  // The Go module proxy reachable here serves this release of VictoriaLogs.
  victoriaLogs: process.env.VICTORIALOGS_VERSION ?? 'v1.33.1',
  log4j: '2.24.3',
  // moto's server: the local stand-in for DynamoDB (the plan table) in tests.
  moto: '5.2.5',
  // The schema registry for local mode and tests (Confluent-compatible API).
  apicurio: '3.3.3',
}

export const cacheDir = resolve(process.env.KAFKA_PLUS_CACHE ?? join(homedir(), '.cache', 'kafka-plus'))
export const homeDir = resolve(repoRoot, process.env.KAFKA_PLUS_HOME ?? '.kafka-plus')
export const logDir = join(homeDir, 'logs')

export const kafkaPort = Number(process.env.KAFKA_PLUS_KAFKA_PORT ?? 9092)
export const controllerPort = kafkaPort + 1
export const victoriaLogsPort = Number(process.env.KAFKA_PLUS_VL_PORT ?? 9428)
export const motoPort = Number(process.env.KAFKA_PLUS_MOTO_PORT ?? 5005)
export const apicurioPort = Number(process.env.KAFKA_PLUS_APICURIO_PORT ?? 8081)
// Quarkus' management interface (health, metrics), kept off the default 0.0.0.0:9000.
export const apicurioManagementPort = Number(process.env.KAFKA_PLUS_APICURIO_MANAGEMENT_PORT ?? 9001)
