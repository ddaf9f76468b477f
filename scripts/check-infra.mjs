#!/usr/bin/env node
// Type-checks sst.config.ts and stacks/ without AWS credentials.
// SST's component types are not in the npm package: `sst install` writes them to
// .sst/platform (from the CLI binary plus an npm install of the providers), so it is
// run first when they are missing or stale. It needs no AWS access and no Bun.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const configTypes = join(root, '.sst/platform/config.d.ts')
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

/**
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function run(args, env = {}) {
  const started = Date.now()
  const result = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) {
    console.error(`check-infra: \`npx ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`)
    process.exit(1)
  }
  return ((Date.now() - started) / 1000).toFixed(1)
}

function platformIsStale() {
  if (!existsSync(configTypes)) return true
  if (statSync(configTypes).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs) return true
  // Also refresh when the installed sst CLI differs from the one that wrote .sst/platform.
  const installed = JSON.parse(readFileSync(join(root, 'node_modules/sst/package.json'), 'utf8')).version
  const versionFile = join(root, '.sst/platform/version')
  return !existsSync(versionFile) || readFileSync(versionFile, 'utf8').trim() !== installed
}

let note = ''
if (platformIsStale()) {
  const seconds = run(['sst', 'install'], {
    SST_STAGE: 'dev',
    SST_SKIP_DEPENDENCY_CHECK: '1',
    SST_NO_BUN: '1',
    SST_TELEMETRY_DISABLED: '1',
  })
  note = `, sst install ${seconds}s`
}
const seconds = run(['tsc', '-p', 'stacks/tsconfig.json'])
console.log(`check-infra: sst.config.ts and stacks/ type-check OK (tsc ${seconds}s${note})`)
