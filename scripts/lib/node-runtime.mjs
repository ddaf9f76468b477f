// The functions run on Lambda's Node 22 (stacks/functions.ts: nodejs22.x). Tests, the bench, local
// mode and the stack scripts run on the same major: on an older machine Node they re-exec themselves
// under a Node 22 the project installs from the npm registry (the `node-<os>-<cpu>` packages the
// `node` package installs), pinned by version and integrity and cached beside Kafka and VictoriaLogs.
// No npm dependencies: this runs before `npm ci` has.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { cacheDir } from './paths.mjs'
import { fail, log, requireCommand, run } from './proc.mjs'

/** Lambda's runtime major, and the release installed where the machine's Node is older. */
export const lambdaNode = {
  major: 22,
  version: '22.23.3',
  /** `npm view node-<platform>@<version> dist.integrity`, per platform published for that version. */
  integrity: {
    'linux-x64': 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
    'linux-arm64': 'sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA==',
    'darwin-x64': 'sha512-V6W/fNXsKFF0DMrBrpLNp9meU45Qbe6tQ3HlzrpdiPWW+zlbmTGou1LE8aGHOghVWXJFexvi7RDCQVQi1I1t8w==',
  },
}

/** @param {string} [version] e.g. process.versions.node */
export const nodeMajor = (version = process.versions.node) => Number(version.split('.')[0])

const platform = `${process.platform}-${process.arch}`
const installDir = join(cacheDir, `node-${lambdaNode.version}-${platform}`)
export const lambdaNodeBinary = join(installDir, 'bin', 'node')

/** @param {string} file */
const sha512 = (file) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`

/**
 * Installs the pinned Node into the cache once (about 50 MB from the registry) and returns its binary.
 * `npm pack` fetches through npm's own registry, proxy and cache settings without running any
 * install script; the tarball's digest is checked against the pinned one before anything is unpacked.
 */
export async function installLambdaNode() {
  if (existsSync(lambdaNodeBinary)) return lambdaNodeBinary
  const integrity = /** @type {Record<string, string | undefined>} */ (lambdaNode.integrity)[platform]
  if (!integrity) fail(`no Node ${lambdaNode.version} package is pinned for ${platform}: install Node ${lambdaNode.major} (≥ 22.22) yourself and run again.`)
  requireCommand('tar', 'tar')
  const spec = `node-${platform}@${lambdaNode.version}`
  log(`installing Node ${lambdaNode.version} (Lambda's runtime major) from the npm registry (${spec}) into ${installDir} (once)`)
  mkdirSync(cacheDir, { recursive: true })
  // Unpacked beside the final place and renamed into it: a concurrent install (test and bench
  // started together) or an interrupted one never leaves a half-written binary behind.
  const work = mkdtempSync(join(cacheDir, `.node-${lambdaNode.version}-`))
  try {
    await run('npm', ['pack', spec, '--pack-destination', work, '--silent'], { cwd: work })
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))
    if (!tarball) fail(`npm pack ${spec} wrote no tarball`)
    const actual = sha512(join(work, tarball))
    if (actual !== integrity) fail(`${spec} does not match its pinned integrity (got ${actual}, expected ${integrity})`)
    const unpacked = join(work, 'node')
    mkdirSync(unpacked)
    await run('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1', 'package/bin/node', 'package/LICENSE'])
    const version = (await run(join(unpacked, 'bin', 'node'), ['--version'])).trim()
    if (version !== `v${lambdaNode.version}`) fail(`${spec} reports ${version}`)
    try {
      renameSync(unpacked, installDir)
    } catch (error) {
      if (!existsSync(lambdaNodeBinary)) throw error
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return lambdaNodeBinary
}

/**
 * Makes the calling script run on Lambda's Node major: returns at once when it already does;
 * otherwise installs the pinned Node, runs the same script with the same arguments under it (its
 * directory first on PATH, so `npx`, `node` and every child the script starts use it too), and
 * exits with that run's status. Call it before the script does anything else.
 */
export async function runOnLambdaNode() {
  if (nodeMajor() >= lambdaNode.major) return
  const binary = await installLambdaNode()
  const script = process.argv[1]
  if (!script) fail('runOnLambdaNode() needs a script to run again')
  const env = { ...process.env, PATH: `${join(installDir, 'bin')}${delimiter}${process.env.PATH ?? ''}` }
  const child = spawn(binary, [...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit', env })
  // Ctrl-C reaches the child directly (the terminal signals the whole process group): the parent
  // only waits for it to finish its own shutdown. A signal sent to the parent alone is passed on.
  process.on('SIGINT', () => {})
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal))
  /** @type {number} */
  const status = await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)))
  })
  process.exit(status)
}
