// The Lambda bundles the bench measures are the ones SST deploys: they are built by
// functions/testing/lambda-bundle.ts, the one definition of SST's build options and installs that
// the bundled Lambda tests use too (compiled here for plain Node, like bench/indexing-lib.ts).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** @typedef {typeof import('../functions/testing/lambda-bundle.ts')} LambdaBundler */

/**
 * @param {string} repoRoot
 * @returns {Promise<LambdaBundler>}
 */
export async function loadLambdaBundler(repoRoot) {
  const { build } = await import('esbuild')
  const outfile = join(repoRoot, 'dist', 'bench', 'lambda-bundler.mjs')
  await build({
    entryPoints: [join(repoRoot, 'functions', 'testing', 'lambda-bundle.ts')],
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'warning',
  })
  return import(pathToFileURL(outfile).href)
}

/** Every JavaScript output of the build (what the zip holds besides source maps and installed packages). */
export const javaScriptOutputs = (/** @type {import('esbuild').Metafile} */ metafile) =>
  Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs') || file.endsWith('.js'))

/**
 * Bytes per top-level package in `outputs`, largest first (what to cut when a bundle grows).
 * @param {import('esbuild').Metafile} metafile
 * @param {string[]} outputs output paths from the metafile
 * @returns {[name: string, bytes: number][]}
 */
export function sizeByPackage(metafile, outputs) {
  /** @type {Map<string, number>} */
  const sizes = new Map()
  for (const file of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)
      const name = match?.[1] ?? 'kafka-plus'
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput)
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1])
}
