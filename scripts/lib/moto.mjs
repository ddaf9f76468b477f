// moto's server (PyPI `moto[server]`, pinned) as a local AWS API for DynamoDB, the plan table's
// home on AWS. Installed into a Python venv in the install cache; nothing global is touched.
import { existsSync, mkdirSync, writeFileSync, openSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { cacheDir, homeDir, logDir, motoPort, versions } from './paths.mjs'
import { log, requireCommand, run, readPid, stopPid, waitFor, fail } from './proc.mjs'

const installDir = join(cacheDir, `moto-${versions.moto}`)
const marker = join(installDir, '.complete')
export const motoServerBinary = join(installDir, 'bin', 'moto_server')
const pidFile = join(homeDir, 'moto.pid')
export const motoLogFile = join(logDir, 'moto.log')

export async function installMoto() {
  if (existsSync(marker)) return
  requireCommand('python3', 'Python 3.9 or newer with venv (e.g. `apt-get install python3-venv`)')
  log(`installing moto[server] ${versions.moto} from PyPI into a venv in ${installDir} (once, about a minute)`)
  // A half-made venv from an interrupted install would fail in odd ways: start afresh.
  rmSync(installDir, { recursive: true, force: true })
  try {
    await run('python3', ['-m', 'venv', installDir])
  } catch (error) {
    fail(`python3 could not create a venv (on Debian: \`apt-get install python3-venv\`): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
  }
  await run(join(installDir, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', `moto[server]==${versions.moto}`])
  if (!existsSync(motoServerBinary)) fail(`moto_server missing after the pip install in ${installDir}`)
  writeFileSync(marker, new Date().toISOString())
}

export function motoPid() {
  return readPid(pidFile)
}

export async function startMoto() {
  await installMoto()
  mkdirSync(logDir, { recursive: true })
  log(`starting moto ${versions.moto} (local AWS API) on 127.0.0.1:${motoPort}`)
  const out = openSync(motoLogFile, 'a')
  const child = spawn(motoServerBinary, ['-H', '127.0.0.1', '-p', String(motoPort)], { detached: true, stdio: ['ignore', out, out] })
  child.unref()
  writeFileSync(pidFile, String(child.pid))
  await waitForMoto({ startedHere: true })
}

/**
 * Ready means moto's own API answers (not merely an open port, which could be anything else).
 * @param {{ url?: string, timeoutMs?: number, startedHere?: boolean }} [options]
 */
export async function waitForMoto({ url = `http://127.0.0.1:${motoPort}`, timeoutMs = 60_000, startedHere = false } = {}) {
  await waitFor(`moto at ${url}`, async () => {
    if (startedHere && !motoPid()) fail(`moto exited during start-up; see ${motoLogFile}`)
    const response = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(1000) })
    return response.ok
  }, { timeoutMs, logFile: motoLogFile })
}

export async function stopMoto() {
  return stopPid(pidFile, 'moto')
}

/**
 * Creates local mode's plan table in moto if it is missing (on AWS the stack declares it), with the
 * key schema of functions/aws/dynamo-plan-store.ts. Plain HTTP to DynamoDB's JSON API: moto takes the
 * region from the credential scope, so it is the one the server's SDK will use.
 * @param {string} url
 * @param {string} table
 */
export async function ensureMotoPlanTable(url, table) {
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  /** @param {string} action @param {unknown} body */
  const call = (action, body) => fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${action}`,
      authorization: `AWS4-HMAC-SHA256 Credential=local/20250101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=local`,
    },
    body: JSON.stringify(body),
  })
  if ((await call('DescribeTable', { TableName: table })).ok) return
  const created = await call('CreateTable', {
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'cluster', AttributeType: 'S' }, { AttributeName: 'topic', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'cluster', KeyType: 'HASH' }, { AttributeName: 'topic', KeyType: 'RANGE' }],
  })
  if (!created.ok) fail(`moto refused to create the plan table '${table}': ${await created.text()}`)
  log(`created the plan table '${table}' in moto (${region})`)
}
