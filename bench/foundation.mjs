// Foundation figures: Lambda API bundle size, its cold import time, local server idle memory.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, resolve } from 'node:path'
import { coldLoadedOutputs, javaScriptOutputs, loadLambdaBundler, sizeByPackage } from './lambda-bundle.mjs'

/** @type {(dir: string) => number} */
const dirSize = (dir) => readdirSync(dir, { withFileTypes: true })
  .reduce((sum, entry) => sum + (entry.isDirectory() ? dirSize(join(dir, entry.name)) : statSync(join(dir, entry.name)).size), 0)
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`
/** @param {number[]} values at least one */
const median = (values) => /** @type {number} */ ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)])

/** @param {unknown} figure */
const isNumber = (figure) => typeof figure === 'number' && Number.isFinite(figure)
/** @param {unknown} figure */
const isPair = (figure) => Array.isArray(figure) && figure.length === 2 && figure.every(isNumber)

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
 * @typedef {{
 *   name: string,
 *   coldBytes: number, coldGzip: number, installedBytes: number, deployedBytes: number,
 *   importMs: number, importCpuMs: number, largest: [name: string, bytes: number][],
 * }} BundleFigures
 */

/**
 * Each function as SST deploys it (code split, the AWS SDK in chunks of its own), measured as a cold
 * start meets it: the JavaScript it loads before its handler runs (bundle.mjs, the chunks that
 * imports statically, and the packages installed beside it), and the time to import that in a
 * fresh Node process (wall and CPU, median of 7). `deployedBytes` adds the chunks only a call loads.
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
    /** @param {string} file as the metafile names it (relative to the working directory) */
    const bytesOf = (file) => statSync(resolve(file)).size
    const cold = coldLoadedOutputs(metafile)
    // What ships beside the bundle (stacks/bundle.ts `install`) counts too; source maps do not
    // (SST uploads them apart from the function's code).
    const installedBytes = dirSize(join(dir, 'node_modules'))
    const coldBytes = cold.reduce((sum, file) => sum + bytesOf(file), 0) + installedBytes
    const coldGzip = cold.reduce((sum, file) => sum + gzipSync(readFileSync(resolve(file))).length, 0)
    const deployedBytes = javaScriptOutputs(metafile).reduce((sum, file) => sum + bytesOf(file), 0) + installedBytes
    /** @type {number[]} */
    const times = []
    /** @type {number[]} */
    const cpu = []
    const outfile = join(dir, 'bundle.mjs')
    for (let i = 0; i < 7; i++) {
      const code = `${lambdaGlobal} const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(outfile)});
        const wall = performance.now() - t; const used = process.cpuUsage(c); await report([wall, (used.user + used.system) / 1000])`
      const [wall, cpuMs] = /** @type {[number, number]} */ (await runNode(code, env, isPair))
      times.push(wall)
      cpu.push(cpuMs)
    }
    figures.push({ name, coldBytes, coldGzip, installedBytes, deployedBytes, importMs: median(times), importCpuMs: median(cpu), largest: sizeByPackage(metafile, cold).slice(0, 5) })
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
  console.log(`  Lambda functions as deployed (code split; "loaded" = what a cold start loads: bundle.mjs, its static chunks, installed packages)`)
  console.log(`  function     loaded (gzip JS)      deployed   cold import (CPU)    target ≤ ${loadedKb} KB, ≤ ${importMs} ms`)
  for (const b of bundles) {
    const ok = b.coldBytes <= loadedKb * 1024 && b.importMs <= importMs
    console.log(`  ${b.name.padEnd(11)}${kb(b.coldBytes).padStart(8)} (${kb(b.coldGzip).padStart(6)})${kb(b.deployedBytes).padStart(12)}${`${b.importMs.toFixed(0)} ms`.padStart(10)} (${`${b.importCpuMs.toFixed(0)} ms`.padStart(6)})    ${verdict(ok)}${ok ? '' : `: ${[b.coldBytes > loadedKb * 1024 ? `+${kb(b.coldBytes - loadedKb * 1024)}` : '', b.importMs > importMs ? `+${(b.importMs - importMs).toFixed(0)} ms` : ''].filter(Boolean).join(', ')}`}`)
    console.log(`    largest loaded parts: ${b.largest.map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')}; installed beside it ${kb(b.installedBytes)}`)
  }
  console.log(`  Local server RSS, idle         ${`${(rss / 1024 / 1024).toFixed(0)} MB`.padStart(9)}                  target ≤ ${idleRssMb} MB    ${verdict(rss <= idleRssMb * 1024 * 1024)}`)
}
