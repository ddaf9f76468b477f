// The API function bundled as Lambda runs it: one minified ESM file. CommonJS dependencies need
// a real `require`, which SST's Node bundler also provides with this banner.
import { join } from 'node:path'

/**
 * @param {string} repoRoot
 * @param {string} entry relative to the repository root
 * @param {string} outfile
 * @returns {import('esbuild').BuildOptions & { metafile: true }}
 */
export const lambdaBundleOptions = (repoRoot, entry, outfile) => ({
  entryPoints: [join(repoRoot, entry)],
  outfile,
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  metafile: true,
  logLevel: 'warning',
  // Installed beside the bundle, not bundled: it reads native.wasm from beside its own file
  // (stacks/bundle.ts tells SST the same).
  external: ['@platformatic/wasm-utils'],
  banner: { js: "import { createRequire as __kpCreateRequire } from 'node:module'; const require = __kpCreateRequire(import.meta.url);" },
})

/**
 * Bytes per top-level package, largest first (what to cut when the bundle grows).
 * @param {import('esbuild').Metafile} metafile of a build with one output file
 * @returns {[name: string, bytes: number][]}
 */
export function sizeByPackage(metafile) {
  const [output] = Object.values(metafile.outputs)
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
