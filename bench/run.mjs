#!/usr/bin/env node
// `npm run bench`: prints performance figures against the targets in the issues. The bench
// broker has a home and ports of its own, so its big cluster shape never lands in local mode.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// Before anything reads the paths module: static imports would run first.
process.env.KAFKA_PLUS_HOME ??= join(dirname(fileURLToPath(import.meta.url)), '..', '.kafka-plus', 'bench')
process.env.KAFKA_PLUS_KAFKA_PORT ??= '19092'
process.env.KAFKA_PLUS_VL_PORT ??= '19428'

const { ensureNodeModules } = await import('../scripts/lib/deps.mjs')
const { repoRoot } = await import('../scripts/lib/paths.mjs')
await ensureNodeModules()
const { ensureStack, stopStack, localKafka, localVictoriaLogs } = await import('../scripts/lib/stack.mjs')
const { bundleServer } = await import('../scripts/lib/build.mjs')
const { benchBundle, benchIdleRss, printFoundation } = await import('./foundation.mjs')
const { benchCluster, printCluster } = await import('./cluster.mjs')

const only = process.argv[2]
const log = (message) => process.stderr.write(`[bench] ${message}\n`)
const started = await ensureStack()
const env = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? localKafka,
  VICTORIALOGS_URL: process.env.VICTORIALOGS_URL ?? localVictoriaLogs,
  KAFKA_PLUS_TOKEN: 'bench-token-0123456789abcdef',
  KAFKA_PLUS_SAMPLE_INTERVAL_MS: '0',
}
try {
  if (!only || only === 'foundation') {
    const bundle = await benchBundle(repoRoot, env)
    const rss = await benchIdleRss(repoRoot, env, bundleServer)
    printFoundation({ bundle, rss })
  }
  if (!only || only === 'cluster') {
    const entry = await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')
    const { runLocalMode } = await import(pathToFileURL(entry).href)
    const startServer = () => runLocalMode({ env: { ...process.env, ...env, PORT: '0' } })
    printCluster(await benchCluster({ brokers: [env.KAFKA_BROKERS], startServer, log }))
  }
} finally {
  await stopStack(started)
}
