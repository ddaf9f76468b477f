// Lambda entries bundled exactly as SST bundles Node functions, then run as Lambda runs them: in a
// fresh Node process with a Lambda-like environment, SST's linked resources in an encrypted
// resource file beside the bundle, and real-shaped events (functions/testing/lambda-runtime.ts,
// functions/testing/function-url.ts).
//
// SST's build is Go code in the CLI binary: pkg/runtime/node/build.go (SST v4.17.0, the same in
// the installed 4.17.1, whose binary carries the same banner), with the settings our functions
// give it (stacks/functions.ts: runtime nodejs22.x, arm64, `nodejs` from stacks/bundle.ts):
//   Platform node, Bundle, Format ESM, Outfile <out>/bundle.mjs, Metafile,
//   External ["sharp", "pg-native", ...nodejs.install], KeepNames true, Sourcemap linked,
//   with `nodejs.splitting`: Splitting, Outdir <out>, OutExtension .js → .mjs, EntryNames "bundle",
//   Target targetMap["nodejs22.x"] = ES2023, MainFields ["module", "main"], no Conditions,
//   Banner: createRequire `require`, `__filename` and `__dirname` (the lines below), then
//   nodejs.banner ("") after a newline; MinifyWhitespace/Syntax/Identifiers when `nodejs.minify`
//   is set (a plain bool that SST's Function component never defaults, despite its docs).
// Then, for `nodejs.install`, SST writes package.json {"dependencies": install} beside the bundle
// and runs `npm install --force --platform=linux --os=linux --arch=arm64 --cpu=arm64` there.
// Here the same packages are copied from node_modules instead (no network), after checking they
// are the versions package-lock.json pins (stacks/bundle.ts) and need nothing else.
// Differences that remain: esbuild 0.28 here against the 0.27 SST embeds, and SST's
// "sst-version-check" plugin (it only checks bare `import "sst"`, unused). Node is Lambda's major
// here too (scripts/lib/node-runtime.mjs).
// bench/lambda-bundle.mjs bundles the same way through this module.
import { spawn, type ChildProcess } from 'node:child_process'
import { createCipheriv, randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type BuildOptions, type Metafile } from 'esbuild'
import { nodejsBundleFrom } from '../../stacks/bundle.ts'
import { linkedEnvironment } from '../aws/resources.ts'
import { parseResponseStream, type StreamedResponse } from './function-url.ts'
import type { InvokeMessage, LambdaError, RuntimeMessage } from './lambda-runtime.ts'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** pkg/runtime/node/build.go's targetMap, for the runtimes SST offers. */
const targetOfRuntime = { 'nodejs20.x': 'es2023', 'nodejs22.x': 'es2023', 'nodejs24.x': 'es2024' } as const
export type NodeRuntime = keyof typeof targetOfRuntime

/** What stacks/functions.ts gives every function. */
export const functionRuntime: NodeRuntime = 'nodejs22.x'
export const functionArchitecture = 'arm64'

/** Always external in SST's build (and installed when imported). */
const forceExternal = ['sharp', 'pg-native']

/** SST's banner for ESM bundles: CommonJS dependencies get `require`, `__filename`, `__dirname`. */
const sstBanner = [
  "import { createRequire as topLevelCreateRequire } from 'module';",
  'const require = topLevelCreateRequire(import.meta.url);',
  'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
  'const __filename = topLevelFileUrlToPath(import.meta.url)',
  'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
  '', // nodejs.banner, unset
].join('\n')

export type NodejsSettings = ReturnType<typeof nodejsBundleFrom>

/** The `nodejs` settings of every function (stacks/bundle.ts): the packages installed beside the bundle, minify. */
export function nodejsSettings(root = repoRoot): NodejsSettings {
  return nodejsBundleFrom(readFileSync(join(root, 'package-lock.json'), 'utf8'))
}

/**
 * SST's esbuild options for a Node function (see the top of this file), writing `<outDir>/bundle.mjs`.
 * @param entry the handler's file, relative to `root` (SST finds `functions/api/lambda.handler` as functions/api/lambda.ts)
 */
export function sstNodeBuildOptions(entry: string, outDir: string, options: { root?: string; nodejs?: NodejsSettings; runtime?: NodeRuntime } = {}) {
  const root = options.root ?? repoRoot
  const nodejs = options.nodejs ?? nodejsSettings(root)
  const minify = nodejs.minify === true
  // With `splitting`, SST writes the entry as <outDir>/bundle.mjs and each chunk as <name>-<hash>.mjs beside it.
  const output = nodejs.splitting === true
    ? { splitting: true, outdir: outDir, outExtension: { '.js': '.mjs' }, entryNames: 'bundle' }
    : { outfile: join(outDir, 'bundle.mjs') }
  return {
    entryPoints: [join(root, entry)],
    platform: 'node',
    external: [...forceExternal, ...Object.keys(nodejs.install)],
    keepNames: true,
    bundle: true,
    metafile: true,
    ...output,
    sourcemap: 'linked',
    write: true,
    format: 'esm',
    target: targetOfRuntime[options.runtime ?? functionRuntime],
    mainFields: ['module', 'main'],
    banner: { js: sstBanner },
    minifyWhitespace: minify,
    minifySyntax: minify,
    minifyIdentifiers: minify,
    logLevel: 'warning',
  } satisfies BuildOptions
}

export interface LambdaBundle {
  /** The handler's file, relative to the repository root. */
  entry: string
  /** The function's code directory as SST zips it: bundle.mjs (+ .map), package.json, node_modules. */
  dir: string
  /** Lambda's handler setting for it. */
  handler: string
  metafile: Metafile
  install: Record<string, string>
  /** Deletes the directory. */
  remove(): void
}

/** Copies an installed package from node_modules, checking it is the locked version and needs nothing more. */
function copyInstalled(root: string, dir: string, install: Record<string, string>) {
  for (const [name, version] of Object.entries(install)) {
    const from = join(root, 'node_modules', name)
    const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> }
    if (manifest.version !== version) {
      throw new Error(`node_modules has ${name}@${manifest.version}, package-lock.json pins ${version}: run npm ci`)
    }
    // npm would fetch a dependency not in the list; here it would be missing at run time.
    const missing = Object.keys(manifest.dependencies ?? {}).filter((dependency) => !(dependency in install))
    if (missing.length > 0) throw new Error(`${name} needs ${missing.join(', ')}, which stacks/bundle.ts does not install`)
    cpSync(from, join(dir, 'node_modules', name), { recursive: true, dereference: true })
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: install }))
}

/** Bundles one Lambda entry as SST does, into `dir` (emptied first, as SST does) or a new temporary directory. */
export async function bundleLambda(entry: string, options: { root?: string; dir?: string } = {}): Promise<LambdaBundle> {
  const root = options.root ?? repoRoot
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kp-lambda-'))
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const nodejs = nodejsSettings(root)
  const { metafile } = await build(sstNodeBuildOptions(entry, dir, { root, nodejs }))
  copyInstalled(root, dir, nodejs.install)
  return { entry, dir, handler: 'bundle.handler', metafile, install: nodejs.install, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

let runtimeCode: Promise<string> | undefined

/** The stand-in runtime's code, bundled once per process (Node 20 cannot run the TypeScript). */
function lambdaRuntimeCode(): Promise<string> {
  runtimeCode ??= build({
    entryPoints: [join(repoRoot, 'functions', 'testing', 'lambda-runtime.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'warning',
  }).then(({ outputFiles }) => outputFiles[0]?.text ?? '')
  return runtimeCode
}

export type Links = Record<string, Record<string, unknown>>

/**
 * Splits a configuration environment as the stacks deploy it: what functions/aws/resources.ts
 * reads from SST's linked resources becomes a link, the rest stays an environment variable.
 */
export function asDeployed(config: Record<string, string>): { links: Links; environment: Record<string, string> } {
  const links: Links = {}
  const environment = { ...config }
  const jsonFields: Record<string, Record<string, unknown>> = {}
  for (const [key, setting] of Object.entries(linkedEnvironment)) {
    const { link, property } = setting
    const value = config[key]
    if (value === undefined) continue
    let linked = value
    if ('field' in setting) {
      // One JSON secret holds several settings (KafkaPlusOidc), which resources.ts expands again.
      const fields = jsonFields[link] ??= {}
      fields[setting.field] = 'as' in setting && setting.as === 'json' ? JSON.parse(value) as unknown : value
      linked = JSON.stringify(fields)
    }
    // Secrets are sst.Secret (property `value`); the others are sst.Linkable, Dynamo or Function.
    links[link] = { ...links[link], [property]: linked, type: property === 'value' ? 'sst.sst.Secret' : 'sst.sst.Linkable' }
    delete environment[key]
  }
  return { links, environment }
}

/**
 * The resource file SST writes beside a function's code (pkg/runtime/runtime.go): the links as
 * JSON, AES-256-GCM with a zero nonce, the tag appended. Returns the variables SST sets to read
 * it (SST_KEY, SST_KEY_FILE; normalizeEnvironment in SST's Function component).
 */
export function writeResourceFile(dir: string, links: Links): Record<string, string> {
  const key = randomBytes(32)
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12))
  const sealed = Buffer.concat([cipher.update(JSON.stringify(links)), cipher.final(), cipher.getAuthTag()])
  writeFileSync(join(dir, 'resource.enc'), sealed)
  return { SST_KEY: key.toString('base64'), SST_KEY_FILE: 'resource.enc' }
}

export interface StartOptions {
  functionName: string
  /** The function's own environment variables (the stack's `environment`). */
  environment?: Record<string, string>
  /** Linked resources (written to resource.enc), by link name. */
  links?: Links
  region?: string
  memoryMb?: number
  /** Each invocation fails after this long, as at the function's timeout. */
  timeoutMs?: number
}

/** A failed invocation, as Lambda reports it (errorType, errorMessage). */
export class LambdaInvocationError extends Error {
  readonly errorType: string
  readonly errorMessage: string
  constructor(error: LambdaError) {
    super(`${error.errorType}: ${error.errorMessage}`)
    this.name = 'LambdaInvocationError'
    this.errorType = error.errorType
    this.errorMessage = error.errorMessage
  }
}

interface Pending {
  chunks: Buffer[]
  onChunk?: (chunk: Buffer) => void
  resolve: (result: unknown) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/** One warm instance of a bundled function: a child process that takes invocations one by one. */
export class BundledLambda {
  readonly functionName: string
  /** Holds the function's code (task/, its LAMBDA_TASK_ROOT) and the stand-in runtime (runtime/). */
  readonly instanceDir: string
  #child: ChildProcess
  #pending = new Map<number, Pending>()
  #next = 1
  #output: string[] = []
  #exited: Promise<void>
  #timeoutMs: number

  private constructor(functionName: string, instanceDir: string, child: ChildProcess, timeoutMs: number) {
    this.functionName = functionName
    this.instanceDir = instanceDir
    this.#child = child
    this.#timeoutMs = timeoutMs
    child.stdout?.on('data', (data: Buffer) => this.#output.push(data.toString()))
    child.stderr?.on('data', (data: Buffer) => this.#output.push(data.toString()))
    child.on('message', (message: RuntimeMessage) => this.#receive(message))
    this.#exited = new Promise((resolve) => child.on('exit', (code, signal) => {
      for (const [id, pending] of this.#pending) {
        clearTimeout(pending.timer)
        pending.reject(new Error(`${functionName} exited (${signal ?? code}) during invocation ${id}; its output:\n${this.output()}`))
      }
      this.#pending.clear()
      resolve()
    }))
  }

  /** Starts an instance of `bundle` (its code copied to a task root of its own, with its resource file). */
  static async start(bundle: LambdaBundle, options: StartOptions): Promise<BundledLambda> {
    const instanceDir = mkdtempSync(join(tmpdir(), 'kp-lambda-instance-'))
    const taskRoot = join(instanceDir, 'task')
    const runtime = join(instanceDir, 'runtime', 'index.mjs')
    cpSync(bundle.dir, taskRoot, { recursive: true })
    mkdirSync(dirname(runtime))
    writeFileSync(runtime, await lambdaRuntimeCode())
    const region = options.region ?? 'eu-west-1'
    const name = options.functionName
    const app = { name: 'kafka-plus', stage: 'test' }
    const env: Record<string, string> = {
      // What Lambda sets for every Node function (plus placeholder credentials of its role).
      PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'en_US.UTF-8', TZ: ':UTC',
      LAMBDA_TASK_ROOT: taskRoot, LAMBDA_RUNTIME_DIR: dirname(runtime), _HANDLER: bundle.handler,
      AWS_EXECUTION_ENV: `AWS_Lambda_${functionRuntime}`, AWS_REGION: region, AWS_DEFAULT_REGION: region,
      AWS_LAMBDA_FUNCTION_NAME: name, AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb ?? 1024),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`, AWS_LAMBDA_LOG_STREAM_NAME: `2026/01/01/[$LATEST]${randomBytes(16).toString('hex')}`,
      AWS_ACCESS_KEY_ID: 'ASIATESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'test',
      // What SST adds (normalizeEnvironment): the app, and the key to the resource file.
      SST_RESOURCE_App: JSON.stringify(app),
      ...writeResourceFile(taskRoot, options.links ?? {}),
      ...options.environment,
    }
    const child = spawn(process.execPath, [runtime], { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    const instance = new BundledLambda(name, instanceDir, child, options.timeoutMs ?? 60_000)
    try {
      await new Promise<void>((resolve, reject) => {
        child.on('message', (message: RuntimeMessage) => {
          if (message.type === 'ready') resolve()
          if (message.type === 'init-error') reject(new LambdaInvocationError(message.error))
        })
        child.once('exit', (code) => reject(new Error(`${name} exited (${code}) during init; its output:\n${instance.output()}`)))
      })
    } catch (error: unknown) {
      await instance.close()
      throw error
    }
    return instance
  }

  #receive(message: RuntimeMessage) {
    if (message.type === 'ready' || message.type === 'init-error') return
    const pending = this.#pending.get(message.id)
    if (!pending) return
    if (message.type === 'chunk') {
      const chunk = Buffer.from(message.data, 'base64')
      pending.chunks.push(chunk)
      pending.onChunk?.(chunk)
      return
    }
    clearTimeout(pending.timer)
    this.#pending.delete(message.id)
    if (message.type === 'result') pending.resolve(message.result)
    else pending.reject(new LambdaInvocationError(message.error))
  }

  #invoke(event: unknown, onChunk?: (chunk: Buffer) => void): { done: Promise<unknown>; chunks: Buffer[] } {
    const id = this.#next++
    const chunks: Buffer[] = []
    const done = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`${this.functionName}: invocation ${id} timed out after ${this.#timeoutMs} ms; output:\n${this.output()}`))
      }, this.#timeoutMs)
      this.#pending.set(id, { chunks, ...(onChunk ? { onChunk } : {}), resolve, reject, timer })
    })
    const message: InvokeMessage = { type: 'invoke', id, event, requestId: `req-${id}-${randomBytes(4).toString('hex')}`, deadlineMs: Date.now() + this.#timeoutMs }
    this.#child.send(message)
    return { done, chunks }
  }

  /** A synchronous invocation (RequestResponse): the handler's result, or LambdaInvocationError. */
  async invoke<T = unknown>(event: unknown): Promise<T> {
    return await this.#invoke(event).done as T
  }

  /**
   * An invocation of a response-streaming function (a Function URL with InvokeMode RESPONSE_STREAM).
   * `onChunk` sees the bytes as the handler writes them; the answer is the whole stream, parsed.
   */
  async invokeStreaming(event: unknown, onChunk?: (chunk: Buffer) => void): Promise<StreamedResponse> {
    const { done, chunks } = this.#invoke(event, onChunk)
    await done
    return parseResponseStream(Buffer.concat(chunks))
  }

  /** What the function printed so far (its CloudWatch log). */
  output(): string {
    return this.#output.join('')
  }

  async close(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM')
    await this.#exited
    rmSync(this.instanceDir, { recursive: true, force: true })
  }
}
