// Builds what local mode serves: the web app (Vite) when its sources changed, and the server bundle.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './paths.mjs'
import { log, run } from './proc.mjs'

/**
 * @param {string} path
 * @returns {number} the newest modification time under `path`, 0 if it does not exist
 */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs)
}

/** @typedef {typeof import('../../functions/local/main.ts')} LocalModeModule what a bundle of functions/local/main.ts exports */
/** @typedef {Awaited<ReturnType<LocalModeModule['runLocalMode']>>} LocalApp local mode, running */

export const webRoot = join(repoRoot, 'web', 'dist')

export async function buildWebIfNeeded({ force = false } = {}) {
  const built = join(webRoot, 'index.html')
  const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => newestMtime(join(repoRoot, 'web', p)))
  if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return
  log('building the web app (vite build)')
  await run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot })
}

/**
 * Bundles a TypeScript entry for Node (dependencies stay in node_modules).
 * For functions/local/main.ts, import the bundle as a `LocalModeModule`.
 * @param {string} entry relative to the repository root
 * @param {string} outfile relative to the repository root
 * @returns {Promise<string>} the bundle's absolute path
 */
export async function bundleServer(entry, outfile) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [join(repoRoot, entry)],
    outfile: join(repoRoot, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  return join(repoRoot, outfile)
}
