// The API function bundled as Lambda runs it: one minified ESM file. CommonJS dependencies need
// a real `require`, which SST's Node bundler also provides with this banner.
import { join } from 'node:path'

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

/** Bytes per top-level package, largest first (what to cut when the bundle grows). */
export function sizeByPackage(metafile) {
  const output = Object.values(metafile.outputs)[0]
  const sizes = new Map()
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
    const name = match ? match[1] : 'kafka-plus'
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput)
  }
  return [...sizes].sort((a, b) => b[1] - a[1])
}
