#!/usr/bin/env node
// `npm test`: installs what is missing, then type-checks, lints, and runs every test (unit,
// integration on the real local stack, Lambda handlers, browser tests in Chromium).
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { ensureNodeModules, ensureChromium } from './lib/deps.mjs'
import { runOnLambdaNode } from './lib/node-runtime.mjs'
import { repoRoot } from './lib/paths.mjs'
import { describeFailure, log, UserFacingError } from './lib/proc.mjs'

/**
 * Runs one check with inherited output; rejects when it fails.
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<void>}
 */
function step(label, command, args) {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    log(`${label}: ${command} ${args.join(' ')}`)
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' })
    child.on('error', reject)
    child.on('close', (code) => {
      log(`${label}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`)
      if (code === 0) resolve()
      else reject(new UserFacingError(`${label} failed`))
    })
  })
}

const started = Date.now()
const report = join(repoRoot, 'dist', 'vitest-report.json')
let failed = false
try {
  await ensureNodeModules()
  // `npm ci` ran on the machine's Node; everything after runs on Lambda's major.
  await runOnLambdaNode()
  const { installStack } = await import('./lib/stack.mjs')
  const { buildWebIfNeeded } = await import('./lib/build.mjs')
  // Downloads and builds first, side by side: Kafka jars, VictoriaLogs, Chromium, the web bundle.
  await Promise.all([installStack({ moto: true }), ensureChromium(), buildWebIfNeeded()])
  await step('types (functions)', 'npx', ['tsc', '-p', 'tsconfig.json'])
  await step('types (web)', 'npx', ['tsc', '-p', 'web/tsconfig.json'])
  await step('types (infra)', 'node', ['scripts/check-infra.mjs'])
  await step('types (scripts)', 'npx', ['tsc', '-p', 'scripts/tsconfig.json'])
  await step('lint', 'npx', ['eslint', '--max-warnings=0', 'functions', 'web/src', 'web/e2e', 'stacks', 'sst.config.ts', 'scripts', 'bench'])
  rmSync(report, { force: true })
  await step('tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
} catch (error) {
  failed = true
  console.error(describeFailure(error))
}
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'))
  log(`npm test took ${((Date.now() - started) / 1000).toFixed(0)}s`)
  // The plain closing line CI reads.
  console.log(`${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`)
}
process.exit(failed ? 1 : 0)
