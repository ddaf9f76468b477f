// Builds what local mode serves: the web app (Vite) when its sources changed, and the server bundle.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './paths.mjs'
import { log, run } from './proc.mjs'

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs)
}

export const webRoot = join(repoRoot, 'web', 'dist')

export async function buildWebIfNeeded({ force = false } = {}) {
  const built = join(webRoot, 'index.html')
  const sources = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => newestMtime(join(repoRoot, 'web', p)))
  if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return
  log('building the web app (vite build)')
  await run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot })
}

/** Bundles a TypeScript entry for Node (dependencies stay in node_modules). */
export async function bundleServer(entry, outfile) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [join(repoRoot, entry)],
    outfile: join(repoRoot, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  return join(repoRoot, outfile)
}
