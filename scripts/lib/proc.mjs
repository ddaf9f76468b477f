// Small process helpers shared by the stack scripts (no npm dependencies: they run before `npm ci`).
import { spawn, spawnSync } from 'node:child_process'
import { createConnection } from 'node:net'
import { existsSync, readFileSync, rmSync } from 'node:fs'

/** @param {string} message */
export function log(message) {
  process.stderr.write(`[kafka-plus] ${message}\n`)
}

/** A failure the user can act on (install this, free that port): printed as one line, without a stack. */
export class UserFacingError extends Error {}

/**
 * @param {string} message
 * @returns {never}
 */
export function fail(message) {
  throw new UserFacingError(message)
}

/**
 * What a script prints for a failure: one line for a UserFacingError, the whole error otherwise.
 * @param {unknown} error
 */
export function describeFailure(error) {
  return error instanceof UserFacingError ? `[kafka-plus] ${error.message}` : error
}

/** @param {string} command */
export function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

/**
 * @param {string} command
 * @param {string} hint what to install, for the message
 */
export function requireCommand(command, hint) {
  if (!hasCommand(command)) fail(`'${command}' is not installed: install ${hint} and try again.`)
}

/**
 * Runs a command to completion, inheriting nothing on stdout unless asked; throws with its output on failure.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {Promise<string>} what it wrote to stdout and stderr (where piped)
 */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let output = ''
    child.stdout?.on('data', (chunk) => { output += chunk })
    child.stderr?.on('data', (chunk) => { output += chunk })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output)
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`))
    })
  })
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ port, host })
    /** @param {boolean} open */
    const done = (open) => { socket.destroy(); resolvePromise(open) }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Polls `check` until it answers true; fails with the last error and the log's tail after `timeoutMs`.
 * Other errors are retried, but a UserFacingError from `check` (say, the process died) ends the wait at once.
 * @param {string} label
 * @param {() => Promise<boolean>} check
 * @param {{ timeoutMs?: number, intervalMs?: number, logFile?: string }} [options]
 */
export async function waitFor(label, check, { timeoutMs = 90_000, intervalMs = 300, logFile } = {}) {
  const deadline = Date.now() + timeoutMs
  /** @type {unknown} */
  let lastError
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    } catch (error) {
      if (error instanceof UserFacingError) throw error
      lastError = error
    }
    await sleep(intervalMs)
  }
  const tail = logFile && existsSync(logFile) ? `\n--- last lines of ${logFile} ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}` : ''
  fail(`${label} did not become ready within ${timeoutMs / 1000}s${lastError ? ` (${lastError instanceof Error ? lastError.message : String(lastError)})` : ''}${tail}`)
}

/**
 * The pid recorded in `pidFile` if that process is alive (a stale file is removed).
 * @param {string} pidFile
 */
export function readPid(pidFile) {
  if (!existsSync(pidFile)) return undefined
  const pid = Number(readFileSync(pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    rmSync(pidFile, { force: true })
    return undefined
  }
}

/**
 * SIGTERM, then SIGKILL after `timeoutMs`; false when nothing was running.
 * @param {string} pidFile
 * @param {string} label
 */
export async function stopPid(pidFile, label, timeoutMs = 30_000) {
  const pid = readPid(pidFile)
  if (!pid) return false
  log(`stopping ${label} (pid ${pid})`)
  try { process.kill(pid, 'SIGTERM') } catch { /* already gone */ }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try { process.kill(pid, 0) } catch { rmSync(pidFile, { force: true }); return true }
    await sleep(200)
  }
  try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ }
  rmSync(pidFile, { force: true })
  return true
}
