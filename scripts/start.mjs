#!/usr/bin/env node
// `npm start`: local mode. Installs what is missing, brings up the local stack (unless
// KAFKA_BROKERS / VICTORIALOGS_URL / SCHEMA_REGISTRY_URL point elsewhere, or SCHEMA_REGISTRY=off),
// builds the UI if needed, serves UI + API.
import { pathToFileURL } from 'node:url'
import { ensureNodeModules } from './lib/deps.mjs'
import { runOnLambdaNode } from './lib/node-runtime.mjs'
import { describeFailure, log } from './lib/proc.mjs'

let leaveStack = async () => {}
/** @type {import('./lib/build.mjs').LocalApp | undefined} */
let app

/** @param {number} code */
async function shutdown(code) {
  log('shutting down')
  try {
    await app?.close()
    await leaveStack()
  } finally {
    process.exit(code)
  }
}

try {
  await ensureNodeModules()
  // Local mode runs the functions' code on Lambda's Node major.
  await runOnLambdaNode()
  const stack = await import('./lib/stack.mjs')
  const build = await import('./lib/build.mjs')
  process.once('SIGINT', () => void shutdown(0))
  process.once('SIGTERM', () => void shutdown(0))
  await Promise.all([stack.joinStack({ moto: stack.motoWantedByLocalMode() }), build.buildWebIfNeeded()])
  leaveStack = stack.leaveStack
  // The local cluster decodes through the local registry (config reads SCHEMA_REGISTRY_URL).
  if (stack.registryWanted()) process.env.SCHEMA_REGISTRY_URL = stack.localSchemaRegistry
  const entry = await build.bundleServer('functions/local/main.ts', 'dist/local/main.mjs')
  /** @type {import('./lib/build.mjs').LocalModeModule} */
  const { runLocalMode } = await import(pathToFileURL(entry).href)
  app = await runLocalMode({ webRoot: build.webRoot })
  console.log(`\n  Kafka Plus is running at ${app.url}`)
  console.log(`  Access token${app.tokenWasGenerated ? ' (generated for this run; set KAFKA_PLUS_TOKEN to fix one)' : ''}: ${app.token}`)
  console.log('  Press Ctrl-C to stop.\n')
} catch (error) {
  console.error(describeFailure(error))
  await shutdown(1)
}
