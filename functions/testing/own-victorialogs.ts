// A VictoriaLogs of a test's own (the pinned binary the stack scripts build), on a free port with
// its own data directory, that the test may SIGKILL and restart on the same data: the shared one
// stays untouched for every other test.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, openSync, rmSync, closeSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The binary path as scripts/lib/victorialogs.mjs knows it (built there once, cached). */
async function binaryPath(): Promise<string> {
  const module = resolve(import.meta.dirname, '../../scripts/lib/victorialogs.mjs')
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e',
    `const m = await import(${JSON.stringify(module)}); await m.installVictoriaLogs(); console.log(m.victoriaLogsBinary)`])
  return stdout.trim().split('\n').at(-1) as string
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

export interface OwnVictoriaLogs {
  url: string
  dataDir: string
  /** (Re)starts the process on the same port and data directory; resolves once /health answers. */
  start(): Promise<void>
  /** SIGKILL: no flush, what was only in memory is gone. */
  kill(): Promise<void>
  /** Stops it and removes its data. */
  close(): Promise<void>
}

export async function ownVictoriaLogs(options: { flags?: string[] } = {}): Promise<OwnVictoriaLogs> {
  const [binary, port] = await Promise.all([binaryPath(), freePort()])
  const dataDir = mkdtempSync(join(tmpdir(), 'kp-own-vl-'))
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | undefined

  async function kill(): Promise<void> {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise((done) => running.once('exit', done))
    running.kill('SIGKILL')
    await exited
  }

  async function start(): Promise<void> {
    if (child) throw new Error('already running')
    const log = openSync(join(dataDir, 'victorialogs.log'), 'a')
    child = spawn(binary, [`-storageDataPath=${join(dataDir, 'data')}`, `-httpListenAddr=127.0.0.1:${port}`, ...(options.flags ?? [])], { stdio: ['ignore', log, log] })
    closeSync(log)
    const deadline = Date.now() + 30_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`VictoriaLogs exited at start; see ${join(dataDir, 'victorialogs.log')}`)
      const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false)
      if (healthy) return
      if (Date.now() > deadline) throw new Error(`VictoriaLogs at ${url} did not become healthy`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  await start()
  return {
    url,
    dataDir,
    start,
    kill,
    async close() {
      await kill()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
