#!/usr/bin/env node
// `npm run bench`: prints performance figures against the targets in the issues. The bench
// broker has a home and ports of its own, so its big cluster shape never lands in local mode.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// Before anything reads the paths module: static imports would run first.
const benchHome = process.env.KAFKA_PLUS_HOME ??= join(dirname(fileURLToPath(import.meta.url)), '..', '.kafka-plus', 'bench')
process.env.KAFKA_PLUS_KAFKA_PORT ??= '19092'
process.env.KAFKA_PLUS_VL_PORT ??= '19428'

const { ensureNodeModules } = await import('../scripts/lib/deps.mjs')
const { repoRoot } = await import('../scripts/lib/paths.mjs')
await ensureNodeModules()
// The figures are those of Lambda's Node major, whatever the machine's Node is.
await (await import('../scripts/lib/node-runtime.mjs')).runOnLambdaNode()
const { joinStack, leaveStack, localKafka, localVictoriaLogs } = await import('../scripts/lib/stack.mjs')
const { bundleServer } = await import('../scripts/lib/build.mjs')
const { benchBundle, benchIdleRss, printFoundation } = await import('./foundation.mjs')
const { benchCluster, printCluster } = await import('./cluster.mjs')
const { benchTail, benchTailAdmin, benchTailMemory, printTail, printTailAdmin, printTailMemory } = await import('./tail.mjs')
const { benchIndexing, printIndexing } = await import('./indexing.mjs')
const { benchStorage, printStorage, historyCluster } = await import('./storage.mjs')
const { benchExport, printExport } = await import('./export.mjs')
const { settle } = await import('./machine.mjs')

const only = process.argv[2]
// Everything printed is kept too (dist/bench/last-run.txt, or last-run-<part>.txt for one part):
// `npm run bench:readme` puts a whole run's output into the README's performance section.
{
  const { createWriteStream, mkdirSync } = await import('node:fs')
  mkdirSync(join(repoRoot, 'dist', 'bench'), { recursive: true })
  const output = createWriteStream(join(repoRoot, 'dist', 'bench', only ? `last-run-${only}.txt` : 'last-run.txt'))
  const print = console.log.bind(console)
  console.log = (...args) => {
    print(...args)
    output.write(`${args.map(String).join(' ')}\n`)
  }
}
{
  const { cpus, loadavg } = await import('node:os')
  const { execFileSync } = await import('node:child_process')
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
  } catch {
    // not a git checkout: the figures stand without it
  }
  console.log(`Kafka Plus bench${only ? ` (${only})` : ''}: ${new Date().toISOString().slice(0, 16)}Z, commit ${commit}, Node ${process.version}, ${cpus().length} cores, load at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
}
/** @param {string} message */
const log = (message) => process.stderr.write(`[bench] ${message}\n`)

/** Local mode, bundled and loaded in this process. */
async function localMode() {
  const entry = await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')
  /** @type {import('../scripts/lib/build.mjs').LocalModeModule} */
  const module = await import(pathToFileURL(entry).href)
  return module
}

// Shared with any other bench run at the same time (the last one out stops the bench stack).
await joinStack()
const env = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? localKafka,
  VICTORIALOGS_URL: process.env.VICTORIALOGS_URL ?? localVictoriaLogs,
  KAFKA_PLUS_TOKEN: 'bench-token-0123456789abcdef-0123456789',
  KAFKA_PLUS_SAMPLE_INTERVAL_MS: '0',
}
try {
  if (!only || only === 'foundation') {
    // The stack has just started: its JVMs' start-up would be timed with the cold imports.
    await settle(log, 'functions cold import')
    const bundles = await benchBundle(repoRoot, env)
    const rss = await benchIdleRss(repoRoot, env, bundleServer)
    printFoundation({ bundles, rss })
  }
  if (!only || only === 'cluster') {
    const { runLocalMode } = await localMode()
    const startServer = () => runLocalMode({ env: { ...process.env, ...env, PORT: '0' } })
    printCluster(await benchCluster({ brokers: [env.KAFKA_BROKERS], startServer, log }))
  }
  // `tail` runs every live-tail part; `tail-scan`, `tail-admin` and `tail-memory` one each.
  if (!only || only.startsWith('tail')) {
    const serverEntry = await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')
    const options = { brokers: [env.KAFKA_BROKERS], env, serverEntry, log }
    if (!only || only === 'tail' || only === 'tail-scan') printTail(await benchTail(options))
    if (!only || only === 'tail' || only === 'tail-admin') printTailAdmin(await benchTailAdmin(options))
    if (!only || only === 'tail' || only === 'tail-memory') printTailMemory(await benchTailMemory(options))
  }
  if (!only || only === 'indexing') {
    const { runLocalMode } = await localMode()
    // The local indexer stays off: the bench runs its own, measured in this process.
    /** @param {Record<string, string>} extra */
    const startServer = (extra = {}) => runLocalMode({ env: { ...process.env, ...env, PORT: '0', KAFKA_PLUS_INDEXER: 'off', KAFKA_PLUS_VECTOR_DIR: join(benchHome, 'vector'), ...extra } })
    printIndexing(await benchIndexing({ repoRoot, brokers: [env.KAFKA_BROKERS], victoriaLogsUrl: env.VICTORIALOGS_URL, startServer, log }))
  }
  if (!only || only === 'storage') {
    const libEntry = pathToFileURL(await bundleServer('bench/storage-lib.ts', 'dist/bench/storage-lib.mjs')).href
    const { runLocalMode } = await localMode()
    // The bench broker as "local", and the generated 30-day history as a cluster id of its own.
    const clusters = JSON.stringify([{ id: 'local', brokers: [env.KAFKA_BROKERS] }, { id: historyCluster, brokers: [env.KAFKA_BROKERS] }])
    const startServer = () => runLocalMode({ env: { ...process.env, ...env, PORT: '0', KAFKA_PLUS_CLUSTERS: clusters, KAFKA_PLUS_INDEXER: 'off', KAFKA_PLUS_VECTOR_DIR: join(benchHome, 'vector') } })
    printStorage(await benchStorage({ brokers: [env.KAFKA_BROKERS], victoriaLogsUrl: env.VICTORIALOGS_URL, libEntry, startServer, log }))
  }
  if (!only || only === 'export') {
    const serverEntry = await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')
    printExport(await benchExport({ brokers: [env.KAFKA_BROKERS], env, serverEntry, log }))
  }
  if (!only || only === 'schemas') await (await import('./schemas.mjs')).runSchemas({ env, bundleServer, log })
  // The scale cluster first: the UI part scrolls its topic list, so a first run builds it here.
  if (!only || only.startsWith('scale')) await (await import('./scale.mjs')).runScale({ benchHome, env, bundleServer, log, prepareOnly: only === 'scale-prepare' })
  if (!only || only === 'ui') await (await import('./ui.mjs')).runUi({ benchHome, env, bundleServer, log })
} finally {
  await leaveStack()
}
