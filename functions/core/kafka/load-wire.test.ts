import { join } from 'node:path'
import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../testing/lambda-bundle.ts'

/** The inputs a bundle loads through static imports only, from `entry` (the closure a cold import parses). */
function staticInputs(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set([entry])
  for (const file of seen) {
    for (const { path, kind } of metafile.inputs[file]?.imports ?? []) {
      if (kind === 'import-statement' && metafile.inputs[path]) seen.add(path)
    }
  }
  return seen
}

async function inputsOf(entry: string) {
  const { metafile } = await build({
    entryPoints: [join(repoRoot, entry)], absWorkingDir: repoRoot, bundle: true, write: false, metafile: true,
    platform: 'node', format: 'esm', splitting: true, outdir: join(repoRoot, 'dist', 'load-wire-test'), logLevel: 'silent',
    external: ['@platformatic/wasm-utils', '@platformatic/dynamic-buffer'],
  })
  const all = Object.keys(metafile.inputs)
  return { all, loadedStatically: [...staticInputs(metafile, entry)] }
}

const kafkaClient = (inputs: string[]) => inputs.filter((input) => input.includes('node_modules/@platformatic/kafka/'))

describe('the Kafka client loads where a call needs it', () => {
  it('is bundled, but not statically imported, by the API, the indexer and the reconciler', async () => {
    for (const entry of ['functions/api/lambda.ts', 'functions/indexer/lambda.ts', 'functions/indexer/reconciler.ts']) {
      const { all, loadedStatically } = await inputsOf(entry)
      expect(kafkaClient(all).length, entry).toBeGreaterThan(50)
      expect(kafkaClient(loadedStatically), entry).toEqual([])
    }
  })

  it('leaves out the client package\'s schema registries (avsc, ajv-draft-04), which the product never uses', async () => {
    const { all } = await inputsOf('functions/sampler/lambda.ts')
    expect(kafkaClient(all).length).toBeGreaterThan(50)
    expect(all.filter((input) => /node_modules\/(avsc|ajv-draft-04)\/|@platformatic\/kafka\/dist\/registries\/confluent/.test(input))).toEqual([])
  })
})
