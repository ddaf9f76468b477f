// VictoriaLogs built from source with Go (CGO off, so no C toolchain is needed), pinned and cached.
import { existsSync, mkdirSync, writeFileSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { cacheDir, homeDir, logDir, versions, victoriaLogsPort } from './paths.mjs'
import { log, requireCommand, run, readPid, stopPid, waitFor, fail } from './proc.mjs'

const pkg = 'github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs'
const installDir = join(cacheDir, `victorialogs-${versions.victoriaLogs}`)
export const victoriaLogsBinary = join(installDir, 'bin', 'victoria-logs')
const pidFile = join(homeDir, 'victorialogs.pid')
export const victoriaLogsLogFile = join(logDir, 'victorialogs.log')

export async function installVictoriaLogs() {
  if (existsSync(victoriaLogsBinary)) return
  requireCommand('go', 'Go 1.24 or newer (https://go.dev/doc/install, or `apt-get install golang`)')
  log(`building VictoriaLogs ${versions.victoriaLogs} with Go into ${installDir} (once, about a minute)`)
  // `go install pkg@version` would be the one-liner, but it also asks the module proxy for the
  // module's version list (to check deprecation), which some proxies refuse. Building from a
  // throw-away module pins the same version without that request.
  const buildDir = join(installDir, 'build')
  mkdirSync(buildDir, { recursive: true })
  writeFileSync(join(buildDir, 'go.mod'), 'module kafkaplus/victorialogs-build\n\ngo 1.24\n')
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' }
  await run('go', ['get', `${pkg}@${versions.victoriaLogs}`], { cwd: buildDir, env })
  await run('go', ['build', '-trimpath', '-o', victoriaLogsBinary, pkg], { cwd: buildDir, env })
}

export function victoriaLogsPid() {
  return readPid(pidFile)
}

export async function startVictoriaLogs() {
  await installVictoriaLogs()
  mkdirSync(logDir, { recursive: true })
  const dataDir = join(homeDir, 'victorialogs')
  log(`starting VictoriaLogs ${versions.victoriaLogs} on 127.0.0.1:${victoriaLogsPort}`)
  const out = openSync(victoriaLogsLogFile, 'a')
  const child = spawn(victoriaLogsBinary, [
    `-storageDataPath=${dataDir}`,
    `-httpListenAddr=127.0.0.1:${victoriaLogsPort}`,
    // Storage history and audit records must outlive the 7-day default to draw month-long curves.
    '-retentionPeriod=400d',
  ], { detached: true, stdio: ['ignore', out, out] })
  child.unref()
  writeFileSync(pidFile, String(child.pid))
  await waitForVictoriaLogs({ startedHere: true })
}

/**
 * Ready means /health answers; a process started here is watched through its pid file (as for Kafka).
 * @param {{ url?: string, timeoutMs?: number, startedHere?: boolean }} [options]
 */
export async function waitForVictoriaLogs({ url = `http://127.0.0.1:${victoriaLogsPort}`, timeoutMs = 60_000, startedHere = false } = {}) {
  await waitFor(`VictoriaLogs at ${url}`, async () => {
    if (startedHere && !victoriaLogsPid()) fail(`VictoriaLogs exited during start-up; see ${victoriaLogsLogFile}`)
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
    return response.ok
  }, { timeoutMs, logFile: victoriaLogsLogFile })
}

export async function stopVictoriaLogs() {
  return stopPid(pidFile, 'VictoriaLogs')
}
