// The API function as deployed: bundled exactly as SST bundles it, started in its own Node process
// with Lambda's environment and SST's encrypted resource file (secrets, clusters, VictoriaLogs by
// link, nothing of them in the environment), and invoked with Function URL events through the
// response-streaming wire format, against the real broker.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { functionUrlEvent } from '../testing/function-url.ts'
import { Admin, produce } from '../testing/kafka.ts'
import { asDeployed, BundledLambda, bundleLambda, type LambdaBundle } from '../testing/lambda-bundle.ts'
import { testEnv, uniqueName, viewerToken } from '../testing/stack.ts'

const env = testEnv()
const brokers = [env.KAFKA_BROKERS as string]
const bearer = { authorization: `Bearer ${viewerToken}` }
let bundle: LambdaBundle
let api: BundledLambda

beforeAll(async () => {
  bundle = await bundleLambda('functions/api/lambda.ts')
  const { KAFKA_BROKERS: _brokers, ...rest } = env
  const deployed = asDeployed({
    ...rest,
    // The stage's cluster list (stacks/clusters.ts), with a name only the link carries.
    KAFKA_PLUS_CLUSTERS: JSON.stringify([{ id: 'local', name: 'Bundled local', brokers }]),
    KAFKA_PLUS_SESSION_SECRET: 'bundled-session-secret-0123456789abcdef',
  })
  // The API's plain environment (stacks/runtime.ts), with tails ending after 2 s here.
  api = await BundledLambda.start(bundle, {
    functionName: 'kafka-plus-test-Api',
    links: deployed.links,
    environment: { ...deployed.environment, KAFKA_PLUS_TRUST_PROXY: '1', KAFKA_PLUS_TAIL_MAX_MS: '2000' },
  })
})

afterAll(async () => {
  await api?.close()
  bundle?.remove()
})

describe('API Lambda, bundled as SST bundles it', () => {
  it('ships what SST deploys: an ESM entry and its chunks with source maps, the pinned packages installed beside it', () => {
    const files = Object.keys(bundle.metafile.outputs).map((f) => f.split('/').at(-1) as string)
    expect(files).toEqual(expect.arrayContaining(['bundle.mjs', 'bundle.mjs.map']))
    for (const file of files) expect(file).toMatch(/^(bundle|[\w-]+-[A-Z0-9]{8})\.mjs(\.map)?$/)
    // Code split: the AWS SDK loads on the call that needs it, never with the handler.
    const { outputs } = bundle.metafile
    const loaded = new Set(Object.keys(outputs).filter((file) => file.endsWith('/bundle.mjs')))
    for (const file of loaded) {
      for (const { path, kind } of outputs[file]?.imports ?? []) if (kind === 'import-statement' && outputs[path]) loaded.add(path)
    }
    const loadedInputs = [...loaded].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}))
    expect(loadedInputs.some((input) => input.includes('node_modules/@aws-sdk/'))).toBe(false)
    expect(Object.values(bundle.metafile.outputs).some((output) => Object.keys(output.inputs).some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/')))).toBe(true)
    expect(Object.keys(bundle.install)).toEqual(['@platformatic/wasm-utils', '@platformatic/dynamic-buffer'])
    const code = readFileSync(join(bundle.dir, 'bundle.mjs'), 'utf8')
    // SST's banner first; the installed package imported, not bundled (it reads files beside itself),
    // by the Kafka client's chunk, which the handler loads on the first call that needs Kafka.
    expect(code.startsWith("import { createRequire as topLevelCreateRequire } from 'module';\n")).toBe(true)
    expect(code).not.toMatch(/from\s*"@platformatic\/wasm-utils"/)
    const kafkaChunk = Object.entries(outputs).find(([, output]) => Object.keys(output.inputs).some((input) => input.endsWith('functions/core/kafka/wire/index.ts')))?.[0]
    expect(kafkaChunk).toBeDefined()
    expect(loaded.has(kafkaChunk as string)).toBe(false)
    const importsWasmUtils = Object.values(outputs).some((output) => output.imports.some((i) => i.external && i.path === '@platformatic/wasm-utils'))
    expect(importsWasmUtils).toBe(true)
    expect(existsSync(join(bundle.dir, 'node_modules', '@platformatic', 'wasm-utils', 'package.json'))).toBe(true)
  })

  it('serves a JSON route over the response stream, with the cluster list from the linked resources', async () => {
    const response = await api.invokeStreaming(functionUrlEvent('GET', '/api/clusters', { headers: bearer }))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/application\/json/)
    expect(JSON.parse(response.body)).toEqual([{ id: 'local', name: 'Bundled local' }])
  })

  it('reaches the real broker (the bundled Kafka client and its installed wasm-utils)', async () => {
    const response = await api.invokeStreaming(functionUrlEvent('GET', '/api/clusters/local/topics', { headers: bearer, query: 'limit=5' }))
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toHaveProperty('total')
  })

  it('answers 401 problem+json without a credential, and sets a Secure session cookie on login', async () => {
    const refused = await api.invokeStreaming(functionUrlEvent('GET', '/api/clusters'))
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'UNAUTHENTICATED' })
    const login = await api.invokeStreaming(functionUrlEvent('POST', '/api/session', {
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: viewerToken }),
    }))
    expect(login.statusCode).toBe(204)
    expect(login.cookies[0]).toMatch(/^kp_session=.+; HttpOnly; Secure; SameSite=Strict$/)
    // The cookie (in the event's own `cookies` field, as Function URLs deliver it) is a credential.
    const cookie = (login.cookies[0] as string).split(';')[0] as string
    const withCookie = await api.invokeStreaming(functionUrlEvent('GET', '/api/clusters', { cookies: [cookie] }))
    expect(withCookie.statusCode).toBe(200)
  })

  it('streams a live tail: events leave the function while the invocation is still running', async () => {
    const topic = uniqueName('it-bundled-tail')
    const admin = new Admin({ clientId: 'bundled-tail-test', bootstrapBrokers: brokers })
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 })
    try {
      let messageAt = 0
      let text = ''
      const started = Date.now()
      const pending = api.invokeStreaming(functionUrlEvent('GET', `/api/clusters/local/topics/${topic}/tail`, { headers: bearer }), (chunk) => {
        text += chunk.toString()
        if (!messageAt && text.includes('event: message')) messageAt = Date.now()
      })
      await new Promise((r) => setTimeout(r, 700))
      await produce(brokers, topic, [{ value: 'through the bundled lambda' }])
      const response = await pending
      const endedAt = Date.now()
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/)
      const events = response.body.split('\n\n').filter((block) => block.includes('event: '))
      const message = events.find((e) => e.includes('event: message'))
      expect(message).toMatch(/^id: [A-Za-z0-9_-]+$/m)
      expect(JSON.parse((message as string).split('data: ')[1] as string)).toMatchObject({ value: 'through the bundled lambda', offset: '0' })
      expect(events.at(-1)).toContain('"reason":"timeout"')
      // Streamed, not buffered: the record was out long before the 2 s tail ended.
      expect(messageAt).toBeGreaterThan(started)
      expect(endedAt - messageAt).toBeGreaterThan(500)
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => {})
      await admin.close()
    }
  })

  it('answers every request with the configuration problem when a link is missing, instead of failing init', async () => {
    const unconfigured = await BundledLambda.start(bundle, { functionName: 'kafka-plus-test-Api-unlinked', environment: {} })
    try {
      const response = await unconfigured.invokeStreaming(functionUrlEvent('GET', '/api/clusters', { headers: bearer }))
      expect(response.statusCode).toBe(500)
      expect(JSON.parse(response.body)).toMatchObject({ code: 'CONFIG_INVALID' })
    } finally {
      await unconfigured.close()
    }
  })
})
