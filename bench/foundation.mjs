// Foundation figures: Lambda API bundle size, its cold import time, local server idle memory.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { javaScriptOutputs, loadLambdaBundler, sizeByPackage } from './lambda-bundle.mjs'

/** @type {(dir: string) => number} */
const dirSize = (dir) => readdirSync(dir, { withFileTypes: true })
  .reduce((sum, entry) => sum + (entry.isDirectory() ? dirSize(join(dir, entry.name)) : statSync(join(dir, entry.name)).size), 0)
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`
/** @param {number[]} values at least one */
const median = (values) => /** @type {number} */ ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)])

/** @param {unknown} figure */
const isNumber = (figure) => typeof figure === 'number' && Number.isFinite(figure)

/**
 * Runs `code` as an ES module in a fresh Node process and returns the one figure it reports with
 * `report(value)`. The figure travels over the IPC channel, not stdout: whatever the code under
 * measure prints there (the local server's scheduler and indexer log to stdout) cannot garble it.
 * @param {string} code
 * @param {Record<string, string>} env
 * @param {(figure: unknown) => boolean} [valid] what a figure must look like (a finite number)
 * @returns {Promise<unknown>}
 */
function runNode(code, env, valid = isNumber) {
  const prelude = 'const report = (figure) => new Promise((resolve, reject) => process.send(figure, (error) => (error ? reject(error) : resolve())));'
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', `${prelude}\n${code}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
    let out = ''
    /** @type {unknown} */
    let figure
    child.stdout?.on('data', (d) => { out = (out + d).slice(-4000) })
    child.on('message', (message) => { figure = message })
    child.on('error', reject)
    child.on('close', (status) => {
      if (status === 0 && valid(figure)) resolve(figure)
      else reject(new Error(`node exited ${status} reporting ${JSON.stringify(figure)}; its stdout ended with:\n${out}`))
    })
  })
}

// The Lambda runtime's streaming global, which streamHandle() reads at import time.
const lambdaGlobal = "globalThis.awslambda = { streamifyResponse: (f) => f, HttpResponseStream: { from: (s) => s } };"

/** Every function SST deploys (stacks/api.ts, sampler.ts, indexer.ts, reconciler.ts), by its handler's file. */
export const lambdaFunctions = /** @type {const} */ ([
  ['API', 'functions/api/lambda.ts'],
  ['sampler', 'functions/sampler/lambda.ts'],
  ['indexer', 'functions/indexer/lambda.ts'],
  ['reconciler', 'functions/indexer/reconciler.ts'],
])

/**
 * @typedef {{ bytes: number, ms: number, cpuMs: number }} KafkaLoad the Kafka client's lazy load
 * @typedef {{
 *   name: string,
 *   coldBytes: number, coldGzip: number, installedBytes: number, installedLoadedBytes: number, deployedBytes: number,
 *   importMs: number, importCpuMs: number, largest: [name: string, bytes: number][],
 *   kafka: KafkaLoad | 'at init' | 'never',
 * }} BundleFigures
 */

// Records every module file a process loads (an ES module loader hook, on its own thread), so the
// bench counts what a cold start really loads, dynamic imports awaited at initialisation included.
// Files read as data (the Kafka client's WebAssembly, read with fs.readFileSync) are recorded by
// the child itself (loadedFiles below).
const loadLogHooks = `import { appendFileSync } from 'node:fs'
let log
export function initialize(data) { log = data.log }
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(log, url + '\\n')
  return next(url, context)
}`

/**
 * The files a cold import of `outfile` loads, and those a later import of `lazyChunk` adds.
 * @param {string} outfile
 * @param {string | undefined} lazyChunk
 * @param {Record<string, string>} env
 * @returns {Promise<{ cold: string[], lazy: string[] }>} absolute paths
 */
async function loadedFiles(outfile, lazyChunk, env) {
  const log = join(tmpdir(), `kafka-plus-loaded-${process.pid}-${Date.now()}.txt`)
  writeFileSync(log, '')
  const code = `${lambdaGlobal} const { register, syncBuiltinESMExports } = await import('node:module');
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(loadLogHooks)}), { data: { log: ${JSON.stringify(log)} } });
    const fs = (await import('node:fs')).default;
    const readFileSync = fs.readFileSync;
    fs.readFileSync = function (path, ...rest) {
      if (path instanceof URL || typeof path === 'string') fs.appendFileSync(${JSON.stringify(log)}, new URL(path, 'file:///').href + '\\n');
      return readFileSync.call(this, path, ...rest);
    };
    syncBuiltinESMExports();
    await import(${JSON.stringify(outfile)});
    const cold = readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').filter(Boolean).length;
    ${lazyChunk ? `await import(${JSON.stringify(lazyChunk)});` : ''}
    await report(cold)`
  try {
    const coldCount = /** @type {number} */ (await runNode(code, env))
    const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((url) => fileURLToPath(url))
    return { cold: [...new Set(urls.slice(0, coldCount))], lazy: [...new Set(urls.slice(coldCount))] }
  } finally {
    rmSync(log, { force: true })
  }
}

/**
 * Each function as SST deploys it (code split, the AWS SDK in chunks of its own), measured as a cold
 * start meets it: what it loads before its handler runs (bundle.mjs, the chunks it imports, those
 * it awaits at initialisation, and the files of installed packages it reads), and the time
 * to import that in a fresh Node process (wall and CPU, median of 7). `deployedBytes` adds the
 * chunks only a call loads. Where the Kafka client (core/kafka/load-wire.ts) is not loaded at
 * initialisation, the first call that needs it loads it: that load is measured too.
 * @param {string} repoRoot
 * @param {Record<string, string>} env
 * @returns {Promise<BundleFigures[]>}
 */
export async function benchBundle(repoRoot, env) {
  const { bundleLambda } = await loadLambdaBundler(repoRoot)
  /** @type {BundleFigures[]} */
  const figures = []
  for (const [name, entry] of lambdaFunctions) {
    const { dir, metafile } = await bundleLambda(entry, { root: repoRoot, dir: join(repoRoot, 'dist', 'bench', `lambda-${name.toLowerCase()}`) })
    const installedDir = join(dir, 'node_modules')
    // The function's own files and installed packages' files alike count once loaded (modules, and
    // the WebAssembly read beside them); what is deployed but never read (READMEs, typings, a
    // package's other builds) does not. Source maps never count (SST uploads them apart).
    /** @param {string[]} files absolute paths */
    const bytesOfFiles = (files) => files.filter((file) => file.startsWith(dir + sep)).reduce((sum, file) => sum + statSync(file).size, 0)
    const kafkaChunk = Object.entries(metafile.outputs).find(([, output]) => Object.keys(output.inputs).some((input) => input.endsWith('functions/core/kafka/wire/index.ts')))?.[0]
    const outfile = join(dir, 'bundle.mjs')
    const kafkaPath = kafkaChunk ? resolve(kafkaChunk) : undefined
    const { cold, lazy } = await loadedFiles(outfile, kafkaPath, env)
    const kafkaAtInit = kafkaPath !== undefined && cold.includes(kafkaPath)
    const coldBytes = bytesOfFiles(cold)
    const coldJs = cold.filter((file) => file.startsWith(dir + sep) && !file.startsWith(installedDir + sep) && /\.m?js$/.test(file))
    const coldGzip = coldJs.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0)
    const installedBytes = dirSize(installedDir)
    const installedLoadedBytes = bytesOfFiles(cold.filter((file) => file.startsWith(installedDir + sep)))
    const deployedBytes = javaScriptOutputs(metafile).reduce((sum, file) => sum + statSync(resolve(file)).size, 0) + installedBytes
    const measureKafka = kafkaPath !== undefined && !kafkaAtInit
    /** @type {number[][]} */
    const runs = []
    for (let i = 0; i < 7; i++) {
      const code = `${lambdaGlobal} let c = process.cpuUsage(); let t = performance.now(); await import(${JSON.stringify(outfile)});
        const wall = performance.now() - t; const used = process.cpuUsage(c);
        const figures = [wall, (used.user + used.system) / 1000];
        ${measureKafka ? `c = process.cpuUsage(); t = performance.now(); await import(${JSON.stringify(kafkaPath)});
        const kafkaWall = performance.now() - t; const kafkaUsed = process.cpuUsage(c); figures.push(kafkaWall, (kafkaUsed.user + kafkaUsed.system) / 1000);` : ''}
        await report(figures)`
      runs.push(/** @type {number[]} */ (await runNode(code, env, (figure) => Array.isArray(figure) && figure.length === (measureKafka ? 4 : 2) && figure.every(isNumber))))
    }
    /** @param {number} column */
    const medianOf = (column) => median(runs.map((run) => /** @type {number} */ (run[column])))
    const coldOutputs = Object.keys(metafile.outputs).filter((file) => cold.includes(resolve(file)))
    figures.push({
      name, coldBytes, coldGzip, installedBytes, installedLoadedBytes, deployedBytes, importMs: medianOf(0), importCpuMs: medianOf(1),
      largest: sizeByPackage(metafile, coldOutputs).slice(0, 5),
      kafka: kafkaAtInit ? 'at init' : measureKafka ? { bytes: bytesOfFiles(lazy), ms: medianOf(2), cpuMs: medianOf(3) } : 'never',
    })
  }
  return figures
}

/**
 * @param {string} repoRoot
 * @param {Record<string, string>} env
 * @param {typeof import('../scripts/lib/build.mjs').bundleServer} bundleServer
 * @returns {Promise<number>} bytes
 */
export async function benchIdleRss(repoRoot, env, bundleServer) {
  const entry = await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')
  const code = `const { runLocalMode } = await import(${JSON.stringify(entry)});
    const app = await runLocalMode({ webRoot: ${JSON.stringify(join(repoRoot, 'web', 'dist'))} });
    const base = app.url + '/api';
    // A little real use first (health, login, a topic page), then idle.
    await fetch(base + '/health');
    const login = await fetch(base + '/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: app.token }) });
    const cookie = login.headers.get('set-cookie').split(';')[0];
    await fetch(base + '/clusters/local/topics?limit=100', { headers: { cookie } });
    await new Promise((r) => setTimeout(r, 15000));
    const status = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
    await report(Number(/VmRSS:\\s+(\\d+)/.exec(status)[1]) * 1024);
    await app.close();`
  return /** @type {Promise<number>} */ (runNode(code, { ...env, PORT: '0' }))
}

/** Targets of issue 14 for every function, and of the foundation for local mode. */
export const foundationTargets = { loadedKb: 800, importMs: 150, idleRssMb: 150 }

/** @param {{ bundles: BundleFigures[], rss: number }} figures */
export function printFoundation({ bundles, rss }) {
  /** @param {boolean} ok */
  const verdict = (ok) => (ok ? 'ok' : 'OVER TARGET')
  const { loadedKb, importMs, idleRssMb } = foundationTargets
  console.log('\nFoundation')
  console.log(`  Lambda functions as deployed (code split; "loaded" = what a cold start loads before the handler runs: bundle.mjs, its chunks, installed packages)`)
  console.log(`  function     loaded (gzip JS)      deployed   cold import (CPU)    target ≤ ${loadedKb} KB, ≤ ${importMs} ms`)
  for (const b of bundles) {
    const ok = b.coldBytes <= loadedKb * 1024 && b.importMs <= importMs
    console.log(`  ${b.name.padEnd(11)}${kb(b.coldBytes).padStart(8)} (${kb(b.coldGzip).padStart(6)})${kb(b.deployedBytes).padStart(12)}${`${b.importMs.toFixed(0)} ms`.padStart(10)} (${`${b.importCpuMs.toFixed(0)} ms`.padStart(6)})    ${verdict(ok)}${ok ? '' : `: ${[b.coldBytes > loadedKb * 1024 ? `+${kb(b.coldBytes - loadedKb * 1024)}` : '', b.importMs > importMs ? `+${(b.importMs - importMs).toFixed(0)} ms` : ''].filter(Boolean).join(', ')}`}`)
    console.log(`    largest loaded parts: ${b.largest.map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')}; installed beside it ${kb(b.installedBytes)}, ${kb(b.installedLoadedBytes)} of it loaded`)
    const { kafka } = b
    console.log(`    Kafka client: ${kafka === 'at init' ? 'loaded at initialisation (every invocation uses it)' : kafka === 'never' ? 'not in this function' : `loaded by the first call that needs it: +${kb(kafka.bytes)}, ${kafka.ms.toFixed(0)} ms (CPU ${kafka.cpuMs.toFixed(0)} ms)`}`)
  }
  console.log(`  Local server RSS, idle         ${`${(rss / 1024 / 1024).toFixed(0)} MB`.padStart(9)}                  target ≤ ${idleRssMb} MB    ${verdict(rss <= idleRssMb * 1024 * 1024)}`)
}
