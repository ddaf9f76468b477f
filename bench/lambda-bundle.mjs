// The Lambda API bundle the bench measures is the one SST deploys: it is built by
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
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
  })
  return import(pathToFileURL(outfile).href)
}

/**
 * Bytes per top-level package, largest first (what to cut when the bundle grows).
 * @param {import('esbuild').Metafile} metafile of a build with one JavaScript output file
 * @returns {[name: string, bytes: number][]}
 */
export function sizeByPackage(metafile) {
  const output = Object.entries(metafile.outputs).find(([file]) => !file.endsWith('.map'))?.[1]
  if (!output) throw new Error('the build wrote no output file')
  /** @type {Map<string, number>} */
  const sizes = new Map()
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
    const name = match?.[1] ?? 'kafka-plus'
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput)
  }
  return [...sizes].sort((a, b) => b[1] - a[1])
}
