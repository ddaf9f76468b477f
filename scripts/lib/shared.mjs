// Several processes (npm start, test runs side by side) share one local stack: starting it is
// serialized by a lock file, and whoever started it is recorded with every process using it,
// so the last user out stops it and nobody stops it under someone else.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { homeDir } from './paths.mjs'
import { sleep, fail } from './proc.mjs'

const lockFile = join(homeDir, 'stack.lock')
const stateFile = join(homeDir, 'stack.state.json')

/** @param {number} pid */
const alive = (pid) => {
  try { process.kill(pid, 0); return true } catch { return false }
}

/**
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withStackLock(fn, timeoutMs = 300_000) {
  mkdirSync(homeDir, { recursive: true })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'))
      writeFileSync(lockFile, String(process.pid))
      break
    } catch {
      const holder = Number(existsSync(lockFile) ? readFileSync(lockFile, 'utf8') : 0)
      // A lock whose holder died (or that was never filled in) is stale.
      if (holder > 0 ? !alive(holder) : Date.now() - deadline + timeoutMs > 5_000) rmSync(lockFile, { force: true })
      if (Date.now() > deadline) fail(`the local stack lock ${lockFile} is held by process ${holder}`)
      await sleep(250)
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(lockFile, { force: true })
  }
}

/** @typedef {{ managed: { kafka: boolean, victoriaLogs: boolean, moto?: boolean, apicurio?: boolean }, users: number[] }} StackState */

/** @returns {StackState} */
export function readState() {
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8'))
    return { managed: state.managed ?? { kafka: false, victoriaLogs: false }, users: (state.users ?? []).filter(alive) }
  } catch {
    return { managed: { kafka: false, victoriaLogs: false }, users: [] }
  }
}

/** @param {StackState} state */
export function writeState(state) {
  writeFileSync(stateFile, JSON.stringify(state))
}
