// The scale bench's own Kafka: three KRaft nodes (node 1 broker+controller, nodes 2 and 3
// brokers), each a `java` process with its own data directory under the bench home. Three, not
// one: a broker keeps one file handle open per log segment, and this kind of machine caps a
// process at 20,000 handles (hard limit, not raisable without CAP_SYS_RESOURCE), so one broker
// cannot hold 40,000 partitions; three hold ~13,400 each, as a real cluster of that size would.
// The data stays between runs (the shape is created once); the processes run only while a bench
// that started them runs.
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cacheDir, versions } from '../scripts/lib/paths.mjs'
import { installKafka } from '../scripts/lib/kafka.mjs'
import { portOpen, readPid, run, stopPid, waitFor } from '../scripts/lib/proc.mjs'

export const scaleNodes = [1, 2, 3]
const libDir = join(cacheDir, `kafka-${versions.kafka}`, 'libs')

/**
 * @param {{ home: string, basePort: number }} options basePort: the controller; node n's broker listens on basePort + n
 */
export function scaleCluster({ home, basePort }) {
  const controller = `1@127.0.0.1:${basePort}`
  /** @param {number} node */
  const port = (node) => basePort + node
  /** @param {number} node */
  const nodeDir = (node) => join(home, `node-${node}`)
  /** @param {number} node */
  const pidFile = (node) => join(nodeDir(node), 'kafka.pid')
  const bootstrap = scaleNodes.map((n) => `127.0.0.1:${port(n)}`)

  /** @param {number} node */
  function properties(node) {
    /** @type {Record<string, string>} */
    const props = {
      'process.roles': node === 1 ? 'broker,controller' : 'broker',
      'node.id': String(node),
      'controller.quorum.voters': controller,
      listeners: node === 1 ? `PLAINTEXT://127.0.0.1:${port(node)},CONTROLLER://127.0.0.1:${basePort}` : `PLAINTEXT://127.0.0.1:${port(node)}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${port(node)}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'log.dirs': join(nodeDir(node), 'data'),
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'share.coordinator.state.topic.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      // Thousands of partitions per broker: load them with both cores at start-up.
      'num.recovery.threads.per.data.dir': '2',
    }
    return Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n'
  }

  /** @param {number} node @param {string} main @param {string[]} args */
  const javaArgs = (node, main, args) => [
    '-Xms256m', node === 1 ? '-Xmx2g' : '-Xmx1536m', '-XX:+UseG1GC', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(nodeDir(node), 'log4j2.properties')}`, `-Dkafka.logs.dir=${nodeDir(node)}`,
    '-cp', `${libDir}/*`, main, ...args,
  ]

  /** @param {number} node */
  const logFile = (node) => join(nodeDir(node), 'kafka.log')

  async function format() {
    const idFile = join(home, 'cluster-id')
    if (!existsSync(idFile)) {
      mkdirSync(home, { recursive: true })
      writeFileSync(idFile, randomBytes(16).toString('base64url'))
    }
    const clusterId = (await import('node:fs')).readFileSync(idFile, 'utf8').trim()
    for (const node of scaleNodes) {
      mkdirSync(nodeDir(node), { recursive: true })
      writeFileSync(join(nodeDir(node), 'server.properties'), properties(node))
      writeFileSync(join(nodeDir(node), 'log4j2.properties'), [
        'status = warn', 'appender.file.type = File', 'appender.file.name = file', `appender.file.fileName = ${logFile(node)}`,
        'appender.file.layout.type = PatternLayout', 'appender.file.layout.pattern = [%d] %p %m (%c)%n',
        'rootLogger.level = WARN', 'rootLogger.appenderRef.file.ref = file', '',
      ].join('\n'))
      if (existsSync(join(nodeDir(node), 'data', 'meta.properties'))) continue
      await run('java', javaArgs(node, 'kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, '-c', join(nodeDir(node), 'server.properties')]))
    }
  }

  return {
    bootstrap,
    /** Starts the nodes not yet running; returns the nodes it started (stop only those). */
    async start(/** @type {(message: string) => void} */ log) {
      await installKafka()
      await format()
      /** @type {number[]} */
      const started = []
      for (const node of scaleNodes) {
        if (readPid(pidFile(node)) || await portOpen(port(node))) continue
        const out = openSync(join(nodeDir(node), 'kafka.out'), 'a')
        // At the bench's own priority (run it with `nice` on a shared machine): a broker niced below
        // the bench that measures it would measure the machine's other load, not the product.
        const child = spawn('java', javaArgs(node, 'kafka.Kafka', [join(nodeDir(node), 'server.properties')]), { detached: true, stdio: ['ignore', out, out] })
        child.unref()
        writeFileSync(pidFile(node), String(child.pid))
        started.push(node)
        log(`started scale broker ${node} on 127.0.0.1:${port(node)} (pid ${child.pid})`)
      }
      const { Admin } = await import('@platformatic/kafka')
      await waitFor('the scale cluster (3 brokers)', async () => {
        const admin = new Admin({ clientId: 'scale-wait', bootstrapBrokers: bootstrap, retries: 0, timeout: 5000, connectTimeout: 2000 })
        try {
          const metadata = await admin.metadata({ topics: [] })
          return metadata.brokers.size === scaleNodes.length
        } finally {
          await admin.close().catch(() => {})
        }
      }, { timeoutMs: 600_000, intervalMs: 2000, logFile: logFile(1) })
      return started
    },
    /** @param {number[]} nodes */
    async stop(nodes) {
      // Brokers first, the controller last: a broker shuts down cleanly only while the controller answers.
      await Promise.all(nodes.filter((n) => n !== 1).map((n) => stopPid(pidFile(n), `scale broker ${n}`, 180_000)))
      if (nodes.includes(1)) await stopPid(pidFile(1), 'scale broker 1', 180_000)
    },
  }
}
