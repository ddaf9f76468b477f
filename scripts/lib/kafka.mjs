// Apache Kafka as a single-node KRaft broker+controller, from Maven Central jars, run with `java`.
import { existsSync, mkdirSync, writeFileSync, openSync, rmSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cacheDir, homeDir, logDir, versions, kafkaPort, controllerPort } from './paths.mjs'
import { log, requireCommand, run, readPid, stopPid, waitFor, fail } from './proc.mjs'

const installDir = join(cacheDir, `kafka-${versions.kafka}`)
const libDir = join(installDir, 'libs')
const stateDir = join(homeDir, `kafka-${versions.kafka}`)
const dataDir = join(stateDir, 'data')
const pidFile = join(homeDir, 'kafka.pid')
export const kafkaLogFile = join(logDir, 'kafka.log')
const isKafka3 = versions.kafka.startsWith('3.')

function pom() {
  /** @type {(groupId: string, artifactId: string, version: string) => string} */
  const dep = (g, a, v) => `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`
  const log4j = 'org.apache.logging.log4j'
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kafka-plus</groupId><artifactId>local-kafka</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    ${dep('org.apache.kafka', 'kafka_2.13', versions.kafka)}
    ${dep(log4j, 'log4j-core', versions.log4j)}
    ${dep(log4j, 'log4j-slf4j-impl', versions.log4j)}
    ${isKafka3 ? dep(log4j, 'log4j-1.2-api', versions.log4j) : ''}
  </dependencies>
</project>
`
}

export async function installKafka() {
  const marker = join(installDir, '.complete')
  if (existsSync(marker)) return
  requireCommand('java', 'a Java runtime, version 17 or newer (e.g. `apt-get install openjdk-17-jre-headless`)')
  requireCommand('mvn', 'Apache Maven (e.g. `apt-get install maven`)')
  log(`installing Apache Kafka ${versions.kafka} from Maven Central into ${installDir} (once)`)
  mkdirSync(installDir, { recursive: true })
  rmSync(libDir, { recursive: true, force: true })
  writeFileSync(join(installDir, 'pom.xml'), pom())
  await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`, '-DincludeScope=runtime'], { cwd: installDir })
  if (!readdirSync(libDir).some((f) => f.startsWith('kafka_2.13'))) fail(`Kafka jars missing after the Maven download in ${libDir}`)
  writeFileSync(marker, new Date().toISOString())
}

function serverProperties() {
  /** @type {Record<string, string>} */
  const props = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${kafkaPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${kafkaPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    // A single broker cannot hold more replicas of the internal topics than one.
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    // Nobody joins late on a laptop; waiting 3 s per first rebalance only slows tests down.
    'group.initial.rebalance.delay.ms': '0',
  }
  // KIP-848 groups are on by default from 4.0; 3.9 needs them enabled to be seen at all.
  if (isKafka3) props['group.coordinator.rebalance.protocols'] = 'classic,consumer'
  return Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n'
}

function log4jProperties() {
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${kafkaLogFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = file',
    'logger.state.name = state.change.logger',
    'logger.state.level = WARN',
    '',
  ].join('\n')
}

/**
 * @param {string} mainClass
 * @param {string[]} args
 */
function javaArgs(mainClass, args) {
  return [
    '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(stateDir, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${logDir}`,
    '-cp', `${libDir}/*`, mainClass, ...args,
  ]
}

async function formatStorageOnce() {
  mkdirSync(stateDir, { recursive: true })
  mkdirSync(logDir, { recursive: true })
  writeFileSync(join(stateDir, 'server.properties'), serverProperties())
  writeFileSync(join(stateDir, 'log4j2.properties'), log4jProperties())
  if (existsSync(join(dataDir, 'meta.properties'))) return
  // A KRaft cluster id is 16 random bytes in URL-safe base64 without padding.
  const clusterId = randomBytes(16).toString('base64url')
  log(`formatting Kafka storage in ${dataDir}`)
  // `=` form: a random id may start with '-', which would read as an option.
  await run('java', javaArgs('kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, '-c', join(stateDir, 'server.properties')]))
}

export function kafkaPid() {
  return readPid(pidFile)
}

export async function startKafka() {
  await installKafka()
  await formatStorageOnce()
  log(`starting Kafka ${versions.kafka} on 127.0.0.1:${kafkaPort} (logs: ${logDir})`)
  const out = openSync(join(logDir, 'kafka.out'), 'a')
  const child = spawn('java', javaArgs('kafka.Kafka', [join(stateDir, 'server.properties')]), {
    detached: true, stdio: ['ignore', out, out],
  })
  child.unref()
  writeFileSync(pidFile, String(child.pid))
  await waitForKafka({ startedHere: true })
}

/**
 * Ready means a Metadata request answers with at least one broker, not merely an open port.
 * A broker started here is watched through its pid file; one reused from elsewhere (another clone
 * or KAFKA_PLUS_HOME, whose pid file is not ours) is only asked.
 * @param {{ bootstrap?: string, timeoutMs?: number, startedHere?: boolean }} [options]
 */
export async function waitForKafka({ bootstrap = `127.0.0.1:${kafkaPort}`, timeoutMs = 120_000, startedHere = false } = {}) {
  const { Admin } = await import('@platformatic/kafka')
  await waitFor(`Kafka at ${bootstrap}`, async () => {
    if (startedHere && !kafkaPid()) fail(`Kafka exited during start-up; see ${kafkaLogFile} and ${join(logDir, 'kafka.out')}`)
    const admin = new Admin({ clientId: 'kafka-plus-wait', bootstrapBrokers: [bootstrap], retries: 0, timeout: 2000, connectTimeout: 2000 })
    try {
      const metadata = await admin.metadata({ topics: [] })
      return metadata.brokers.size > 0
    } finally {
      await admin.close().catch(() => {})
    }
  }, { timeoutMs, intervalMs: 500, logFile: kafkaLogFile })
}

export async function stopKafka() {
  return stopPid(pidFile, 'Kafka', 60_000)
}
