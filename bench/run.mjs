#!/usr/bin/env node
// `npm run bench`: prints performance figures against the targets in the issues.
import { ensureNodeModules } from '../scripts/lib/deps.mjs'
import { repoRoot } from '../scripts/lib/paths.mjs'

await ensureNodeModules()
const { ensureStack, stopStack, localKafka, localVictoriaLogs } = await import('../scripts/lib/stack.mjs')
const { bundleServer } = await import('../scripts/lib/build.mjs')
const { benchBundle, benchIdleRss, printFoundation } = await import('./foundation.mjs')

const started = await ensureStack()
const env = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? localKafka,
  VICTORIALOGS_URL: process.env.VICTORIALOGS_URL ?? localVictoriaLogs,
  KAFKA_PLUS_TOKEN: 'bench-token-0123456789abcdef',
}
try {
  const bundle = await benchBundle(repoRoot, env)
  const rss = await benchIdleRss(repoRoot, env, bundleServer)
  printFoundation({ bundle, rss })
} finally {
  await stopStack(started)
}
