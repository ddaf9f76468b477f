// Apicurio Registry (a Confluent-compatible schema registry at /apis/ccompat/v7) from Maven Central:
// the ready-to-run Quarkus app, unpacked once into the install cache and run with a Java ≥ 21.
import { createHash } from 'node:crypto'
import { createWriteStream, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { apicurioManagementPort, apicurioPort, cacheDir, homeDir, logDir, versions } from './paths.mjs'
import { fail, log, readPid, requireCommand, run, stopPid, waitFor } from './proc.mjs'

const artifact = `apicurio-registry-app-${versions.apicurio}-all.tar.gz`
const artifactUrl = `https://repo1.maven.org/maven2/io/apicurio/apicurio-registry-app/${versions.apicurio}/${artifact}`
const installDir = join(cacheDir, `apicurio-registry-${versions.apicurio}`)
const marker = join(installDir, '.complete')
const pidFile = join(homeDir, 'apicurio.pid')
export const apicurioLogFile = join(logDir, 'apicurio.log')
export const localApicurio = `http://127.0.0.1:${apicurioPort}`
/** Confluent's default; the registry's own default is NONE. */
const globalCompatibility = 'BACKWARD'

/**
 * Downloads with a SHA-1 check against Maven Central's checksum file (the repository's own),
 * so a cut-off download is never unpacked as if it were whole.
 * @param {string} url
 * @param {string} file
 */
async function download(url, file) {
  const checksum = await fetch(`${url}.sha1`, { signal: AbortSignal.timeout(30_000) })
  if (!checksum.ok) fail(`Maven Central answered ${checksum.status} for ${url}.sha1`)
  const expected = (await checksum.text()).trim().split(/\s+/)[0]
  const response = await fetch(url, { signal: AbortSignal.timeout(15 * 60_000) })
  if (!response.ok || !response.body) fail(`Maven Central answered ${response.status} for ${url}`)
  const hash = createHash('sha1')
  const hashing = new Transform({ transform(chunk, _encoding, done) { hash.update(chunk); done(null, chunk) } })
  const partial = `${file}.partial`
  await pipeline(Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream<Uint8Array>} */ (response.body)), hashing, createWriteStream(partial))
  const actual = hash.digest('hex')
  if (actual !== expected) {
    rmSync(partial, { force: true })
    fail(`the download of ${url} is corrupt (SHA-1 ${actual}, Maven Central says ${expected})`)
  }
  renameSync(partial, file)
}

/** The unpacked app: the directory that holds quarkus-run.jar (the archive nests it one level down). */
function appDir() {
  if (existsSync(join(installDir, 'app', 'quarkus-run.jar'))) return join(installDir, 'app')
  for (const entry of readdirSync(join(installDir, 'app'), { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(installDir, 'app', entry.name, 'quarkus-run.jar'))) return join(installDir, 'app', entry.name)
  }
  return fail(`quarkus-run.jar not found in ${join(installDir, 'app')} after unpacking ${artifact}`)
}

export async function installApicurio() {
  if (existsSync(marker)) return
  requireCommand('tar', 'tar')
  log(`installing Apicurio Registry ${versions.apicurio} from Maven Central into ${installDir} (once, ~160 MB)`)
  const started = Date.now()
  rmSync(installDir, { recursive: true, force: true })
  mkdirSync(join(installDir, 'app'), { recursive: true })
  const archive = join(installDir, artifact)
  await download(artifactUrl, archive)
  await run('tar', ['-xzf', archive, '-C', join(installDir, 'app')])
  rmSync(archive, { force: true })
  appDir()
  writeFileSync(marker, new Date().toISOString())
  log(`Apicurio Registry installed in ${Math.round((Date.now() - started) / 1000)} s`)
}

/**
 * The major version a `java` binary reports (`java -version` prints e.g. `openjdk version "25.0.1"`
 * or, for Java 8, `"1.8.0_…"`), or undefined when it does not run.
 * @param {string} java
 */
export function javaMajorVersion(java) {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' })
  if (result.status !== 0) return undefined
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`)
  if (!match) return undefined
  const major = Number(match[1])
  return major === 1 ? Number(match[2]) : major
}

/**
 * A Java ≥ 21 for Apicurio: APICURIO_JAVA, then JAVA_HOME, then `java` on the PATH, then every JDK
 * under /usr/lib/jvm (Debian installs several side by side; Kafka is happy with the default 17).
 * @returns {string}
 */
export function findJava21() {
  const jvmRoot = '/usr/lib/jvm'
  const candidates = [
    process.env.APICURIO_JAVA,
    process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : undefined,
    'java',
    ...(existsSync(jvmRoot) ? readdirSync(jvmRoot).sort().reverse().map((d) => join(jvmRoot, d, 'bin', 'java')) : []),
  ].filter((c) => c !== undefined)
  for (const java of candidates) {
    if (java !== 'java' && !existsSync(java)) continue
    if ((javaMajorVersion(java) ?? 0) >= 21) return java
  }
  return fail(`Apicurio Registry needs Java 21 or newer and none was found (tried ${candidates.join(', ')}): install one (e.g. Temurin 21+ under /usr/lib/jvm), point APICURIO_JAVA at its bin/java, or set SCHEMA_REGISTRY=off.`)
}

/** Quarkus settings as system properties; everything is local to 127.0.0.1. */
function properties() {
  const dataDir = join(homeDir, 'apicurio')
  return {
    'quarkus.http.host': '127.0.0.1',
    'quarkus.http.port': String(apicurioPort),
    // The management interface (health, metrics) would otherwise listen on 0.0.0.0:9000.
    'quarkus.management.host': '127.0.0.1',
    'quarkus.management.port': String(apicurioManagementPort),
    // Persistent storage in an H2 file under the local home, so schemas survive restarts.
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'h2',
    'apicurio.datasource.url': `jdbc:h2:file:${join(dataDir, 'db')}`,
    'apicurio.datasource.username': 'sa',
    'apicurio.datasource.password': 'sa',
    'apicurio.datasource.jdbc.initial-size': '1',
    'apicurio.datasource.jdbc.min-size': '1',
    'apicurio.datasource.jdbc.max-size': '4',
    // Confluent's default global compatibility (the registry's own default is NONE).
    'apicurio.rules.global.compatibility': globalCompatibility,
    // Subjects may be deleted through the Confluent API (tests clean up after themselves).
    'apicurio.rest.deletion.artifact.enabled': 'true',
    'apicurio.rest.deletion.artifact-version.enabled': 'true',
    'apicurio.rest.deletion.group.enabled': 'true',
    // A line per request would fill the log during tests.
    'quarkus.http.access-log.enabled': 'false',
  }
}

export function apicurioPid() {
  return readPid(pidFile)
}

export async function startApicurio() {
  await installApicurio()
  const java = findJava21()
  mkdirSync(logDir, { recursive: true })
  mkdirSync(join(homeDir, 'apicurio'), { recursive: true })
  log(`starting Apicurio Registry ${versions.apicurio} on ${localApicurio} (Confluent API at /apis/ccompat/v7)`)
  const out = openSync(apicurioLogFile, 'a')
  const args = [
    '-Xms64m', '-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true',
    ...Object.entries(properties()).map(([k, v]) => `-D${k}=${v}`),
    '-jar', 'quarkus-run.jar',
  ]
  const child = spawn(java, args, { cwd: appDir(), detached: true, stdio: ['ignore', out, out] })
  child.unref()
  writeFileSync(pidFile, String(child.pid))
  await waitForApicurio({ startedHere: true })
  await ensureGlobalCompatibility(localApicurio)
}

/**
 * Ready means the Confluent API answers, not merely an open port. Started here: watched through
 * its pid file; reused: only asked (as for Kafka).
 * @param {{ url?: string, timeoutMs?: number, startedHere?: boolean }} [options]
 */
export async function waitForApicurio({ url = localApicurio, timeoutMs = 120_000, startedHere = false } = {}) {
  await waitFor(`Apicurio Registry at ${url}`, async () => {
    if (startedHere && !apicurioPid()) fail(`Apicurio Registry exited during start-up; see ${apicurioLogFile}`)
    const response = await fetch(`${url}/apis/ccompat/v7/subjects`, { signal: AbortSignal.timeout(2000) })
    return response.ok
  }, { timeoutMs, intervalMs: 500, logFile: apicurioLogFile })
}

/**
 * The start-up property sets the default global rule; a registry reused from elsewhere, or one
 * whose rule was changed through the API, is brought back to it through the Confluent API.
 * @param {string} url
 */
export async function ensureGlobalCompatibility(url) {
  const configUrl = `${url}/apis/ccompat/v7/config`
  const current = await fetch(configUrl, { signal: AbortSignal.timeout(10_000) })
  if (current.ok && /** @type {{ compatibilityLevel?: string }} */ (await current.json()).compatibilityLevel === globalCompatibility) return
  const response = await fetch(configUrl, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: globalCompatibility }),
    signal: AbortSignal.timeout(10_000),
  })
  if (!response.ok) fail(`Apicurio Registry refused the global compatibility ${globalCompatibility}: ${response.status} ${await response.text()}`)
}

export async function stopApicurio() {
  return stopPid(pidFile, 'Apicurio Registry', 30_000)
}
