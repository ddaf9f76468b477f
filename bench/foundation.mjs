// Foundation figures: Lambda API bundle size, its cold import time, local server idle memory.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { loadLambdaBundler, sizeByPackage } from './lambda-bundle.mjs'

/** @type {(dir: string) => number} */
const dirSize = (dir) => readdirSync(dir, { withFileTypes: true })
  .reduce((sum, entry) => sum + (entry.isDirectory() ? dirSize(join(dir, entry.name)) : statSync(join(dir, entry.name)).size), 0)
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`
/** @param {number[]} values at least one */
const median = (values) => /** @type {number} */ ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)])

/**
 * Runs `code` as an ES module in a fresh Node process and returns the one figure it reports with
 * `report(value)`. The figure travels over the IPC channel, not stdout: whatever the code under
 * measure prints there (the local server's scheduler and indexer log to stdout) cannot garble it.
 * @param {string} code
 * @param {Record<string, string>} env
 * @returns {Promise<number>}
 */
function runNode(code, env) {
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
      if (status === 0 && typeof figure === 'number' && Number.isFinite(figure)) resolve(figure)
      else reject(new Error(`node exited ${status} reporting ${JSON.stringify(figure)}; its stdout ended with:\n${out}`))
    })
  })
}

// The Lambda runtime's streaming global, which streamHandle() reads at import time.
const lambdaGlobal = "globalThis.awslambda = { streamifyResponse: (f) => f, HttpResponseStream: { from: (s) => s } };"

/** @typedef {{ bytes: number, gzip: number, importMs: number, largest: [name: string, bytes: number][] }} BundleFigures */

/**
 * @param {string} repoRoot
 * @param {Record<string, string>} env
 * @returns {Promise<BundleFigures>}
 */
export async function benchBundle(repoRoot, env) {
  const { bundleLambda } = await loadLambdaBundler(repoRoot)
  const { dir, metafile } = await bundleLambda('functions/api/lambda.ts', { root: repoRoot, dir: join(repoRoot, 'dist', 'bench', 'api-lambda') })
  const outfile = join(dir, 'bundle.mjs')
  // What ships beside the bundle (stacks/bundle.ts `install`) counts too; the source map does not
  // (SST uploads it apart from the function's code).
  const bytes = statSync(outfile).size + dirSize(join(dir, 'node_modules'))
  const gzip = gzipSync(readFileSync(outfile)).length
  /** @type {number[]} */
  const times = []
  for (let i = 0; i < 7; i++) {
    const code = `${lambdaGlobal} const t = performance.now(); await import(${JSON.stringify(outfile)}); await report(performance.now() - t)`
    times.push(await runNode(code, env))
  }
  return { bytes, gzip, importMs: median(times), largest: sizeByPackage(metafile).slice(0, 6) }
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
  return runNode(code, { ...env, PORT: '0' })
}

/** @param {{ bundle: BundleFigures, rss: number }} figures */
export function printFoundation({ bundle, rss }) {
  /** @param {boolean} ok */
  const verdict = (ok) => (ok ? 'ok' : 'OVER TARGET')
  console.log('\nFoundation')
  console.log(`  Lambda API bundle (as deployed)${kb(bundle.bytes).padStart(9)}  (gzip ${kb(bundle.gzip)})   target ≤ 1024 KB   ${verdict(bundle.bytes <= 1024 * 1024)}`)
  console.log(`    largest parts: ${bundle.largest.map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')}`)
  console.log(`  Cold import of the bundle      ${`${bundle.importMs.toFixed(0)} ms`.padStart(9)}  (median of 7)   target ≤ 300 ms    ${verdict(bundle.importMs <= 300)}`)
  console.log(`  Local server RSS, idle         ${`${(rss / 1024 / 1024).toFixed(0)} MB`.padStart(9)}                  target ≤ 150 MB    ${verdict(rss <= 150 * 1024 * 1024)}`)
}
