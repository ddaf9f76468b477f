// Issue 5 figures. (1) A full storage sample (DescribeLogDirs, four ListOffsets rounds, configs,
// group lag) at 1k/5k/10k partitions on the bench broker's cluster shape (bench/cluster.mjs):
// time and memory. (2) The storage routes on 30 days of 5-minute samples for 1,000 topics,
// generated straight into the bench VictoriaLogs under a cluster id of their own.
import { Readable } from 'node:stream'
import { Admin, MultipleErrors, Producer } from '@platformatic/kafka'
import { sessionCookie } from './session.mjs'

/** @typedef {typeof import('./storage-lib.ts')} StorageLib the bundle of bench/storage-lib.ts */
/** @typedef {import('../scripts/lib/build.mjs').LocalApp} LocalApp */
/** @typedef {(message: string) => void} Log */
/** @typedef {{ p50: number, p95: number }} Timing */

export const historyCluster = 'bench-storage-30d'
const historyTopics = 1_000
const stepMs = 300_000
const days = 30
const dayMs = 86_400_000
const brokerIds = [1, 2, 3]
const partitionsPerTopic = 10
const stages = [1_000, 5_000, 10_000]

/** @param {number} i */
const topicName = (i) => `bench-t-${String(i).padStart(4, '0')}`
/** @param {number} i */
const historyTopic = (i) => `hist-${String(i).padStart(4, '0')}`
/** @type {(sorted: number[], p: number) => number} */
const percentile = (sorted, p) => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  if (value === undefined) throw new Error('no samples')
  return value
}

// ---------- (2) history ----------

// Fixed, so samples appended by a later run continue the same curves.
const anchor = Date.UTC(2025, 0, 1)

/**
 * Deterministic per-topic traffic: 1 MB/day to 5 GB/day, log-spread; every 50th (small) keeps data forever.
 * @param {number} i
 */
function topicModel(i) {
  const forever = i % 50 === 0
  const ingest = forever ? 1e6 * (1 + (i % 7)) : 1e6 * Math.pow(5e3, ((i * 7919) % historyTopics) / historyTopics)
  return { ingest, forever, bytesPerMessage: 200 + (i % 13) * 100 }
}

/**
 * Size (all 3 replicas) at time t: a week of retention plus a daily sawtooth of segment deletion.
 * @param {number} i
 * @param {number} t epoch ms
 */
function topicAt(i, t) {
  const m = topicModel(i)
  const ageDays = (t - anchor) / dayMs
  const leader = m.forever ? m.ingest * ageDays : m.ingest * (7 + (ageDays % 1))
  const written = m.ingest * ageDays
  return { leader, bytes: leader * 3, messages: Math.round(leader / m.bytesPerMessage), latestOffsets: Math.round(written / m.bytesPerMessage) }
}

/** @param {number} t epoch ms */
function* sampleRows(t) {
  const time = new Date(t).toISOString()
  const sampleId = `hist-${t}`
  const base = { _time: time, kind: 'storage', cluster: historyCluster, sampleId }
  let total = 0
  for (let i = 0; i < historyTopics; i++) {
    const s = topicAt(i, t)
    const m = topicModel(i)
    total += s.bytes
    const perBroker = Math.round(s.bytes / 3)
    yield {
      ...base, record: 'topic', _msg: historyTopic(i), topic: historyTopic(i), internal: false, partitions: partitionsPerTopic, replicationFactor: 3,
      bytes: Math.round(s.bytes), leaderBytes: Math.round(s.leader), brokerBytes: JSON.stringify(Object.fromEntries(brokerIds.map((b) => [b, perBroker]))),
      unknownReplicas: 0, complete: true, messages: s.messages, latestOffsets: s.latestOffsets, oldestTimestamp: t - 7 * dayMs, oldestPartition: 0,
      newestTimestamp: t, replicaSkew: 0, retentionMs: m.forever ? -1 : 7 * dayMs, retentionBytes: -1, segmentBytes: 1073741824, segmentMs: 7 * dayMs, cleanupPolicy: 'delete',
    }
  }
  for (const broker of brokerIds) {
    yield { ...base, record: 'broker', _msg: `broker ${broker} ok`, broker, host: `b${broker}.bench`, port: 9092, ok: true }
    const bytes = Math.round(total / 3)
    yield { ...base, record: 'logdir', _msg: 'log dir /data', broker, logDir: '/data/kafka', totalBytes: 16e12, usableBytes: 16e12 - bytes - 2e11, error: '', bytes, partitions: historyTopics * partitionsPerTopic }
  }
  yield {
    ...base, record: 'sample', _msg: 'sample complete', partial: false, brokers: 3, brokersFailed: 0, failedBrokers: '', topics: historyTopics,
    partitions: historyTopics * partitionsPerTopic, unknownReplicas: 0, durationMs: 4000, logDirsRefused: false, refusedCode: '', refusedMessage: '', groupsKnown: true, notes: '[]',
  }
}

/**
 * @param {string} url
 * @param {string} query LogsQL
 * @returns {Promise<Record<string, string>[]>}
 */
async function vlQuery(url, query) {
  const response = await fetch(`${url}/select/logsql/query`, { method: 'POST', body: new URLSearchParams({ query, start: '0' }) })
  if (!response.ok) throw new Error(`VictoriaLogs ${response.status}: ${await response.text()}`)
  return (await response.text()).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))
}

/** @typedef {{ samples: number, generated: number, seconds: number }} HistoryFigures */

/**
 * Fills in 30 days of samples up to now (on a later run, only what is missing since the last one).
 * @param {string} victoriaLogsUrl
 * @param {Log} log
 * @returns {Promise<HistoryFigures>}
 */
async function ensureHistory(victoriaLogsUrl, log) {
  const now = Math.floor(Date.now() / stepMs) * stepMs
  const origin = now - days * dayMs
  const [last] = await vlQuery(victoriaLogsUrl, `{kind="storage",cluster="${historyCluster}",record="sample"} | stats max(_time) as last, count() as samples`)
  const lastAt = last?.last ? Date.parse(last.last) : 0
  const from = Math.max(origin, lastAt + stepMs)
  const times = []
  for (let t = from; t <= now; t += stepMs) times.push(t)
  if (times.length === 0) return { samples: Number(last?.samples ?? 0), generated: 0, seconds: 0 }
  log(`writing ${times.length} samples × ${historyTopics} topics into VictoriaLogs (${historyCluster})`)
  const started = performance.now()
  const params = new URLSearchParams({ _stream_fields: 'kind,cluster,record,topic' }) // as the sampler writes them
  for (let i = 0; i < times.length; i += 288) {
    const chunk = times.slice(i, i + 288)
    const lines = (function* () {
      for (const t of chunk) for (const row of sampleRows(t)) yield `${JSON.stringify(row)}\n`
    })()
    const response = await fetch(`${victoriaLogsUrl}/insert/jsonline?${params}`, { method: 'POST', body: Readable.toWeb(Readable.from(lines)), duplex: 'half', headers: { 'content-type': 'application/stream+json' } })
    if (!response.ok) throw new Error(`VictoriaLogs insert ${response.status}: ${await response.text()}`)
    log(`  ${Math.min(i + 288, times.length)}/${times.length} samples`)
  }
  // Rows become searchable shortly after the insert.
  await new Promise((r) => setTimeout(r, 3_000))
  return { samples: Number(last?.samples ?? 0) + times.length, generated: times.length * (historyTopics + 7), seconds: (performance.now() - started) / 1000 }
}

/**
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string[]} paths asked in turn
 * @returns {Promise<Timing>}
 */
async function measure(baseUrl, cookie, paths, samples = 15) {
  /** @type {number[]} */
  const times = []
  for (let i = 0; i < samples + 2; i++) {
    const path = paths[i % paths.length] ?? ''
    const started = performance.now()
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } })
    const body = await response.arrayBuffer()
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${Buffer.from(body).toString().slice(0, 300)}`)
    if (i >= 2) times.push(performance.now() - started) // two warm-up requests
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

/**
 * @typedef {{ results: (Timing & { name: string })[],
 *   check: { points: number, step: string | null, growthBytesPerDay: number | null, forecast: string | undefined } }} RouteFigures
 */

/**
 * @param {() => Promise<LocalApp>} startServer
 * @param {Log} log
 * @returns {Promise<RouteFigures>}
 */
async function benchRoutes(startServer, log) {
  const app = await startServer()
  try {
    const cookie = await sessionCookie(app)
    const start = Date.now() - days * dayMs
    const base = `/api/clusters/${historyCluster}/storage`
    /** @type {(n: number, f: (k: number) => string) => string[]} */
    const some = (n, f) => Array.from({ length: n }, (_, k) => f(k * 97 + 13))
    /** @type {[name: string, paths: string[]][]} */
    const routes = [
      ['ranking (1,000 topics)', [`${base}/topics`]],
      ['topic growth, 30 days', some(17, (i) => `${base}/topics/${historyTopic(i % historyTopics)}/history?start=${start}`)],
      ['broker disks + growth, 30 days', [`${base}/brokers?start=${start}`]],
      ['TTL advice, 30 days', some(17, (i) => `${base}/topics/${historyTopic(i % historyTopics)}/ttl-advice?start=${start}`)],
    ]
    /** @type {RouteFigures['results']} */
    const results = []
    for (const [name, paths] of routes) {
      results.push({ name, ...(await measure(app.url, cookie, paths)) })
      log(`measured ${name}`)
    }
    const answer = await fetch(`${app.url}${base}/topics/${historyTopic(13)}/history?start=${start}`, { headers: { cookie } })
    if (!answer.ok) throw new Error(`topic history answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`)
    const check = /** @type {import('./storage-lib.ts').TopicHistory} */ (await answer.json())
    return { results, check: { points: check.points.length, step: check.step, growthBytesPerDay: check.growthBytesPerDay, forecast: check.forecast?.model } }
  } finally {
    await app.close()
  }
}

// ---------- (1) full sample ----------

/**
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function retry(fn, attempts = 240) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

/**
 * The cluster bench's topic shape, up to `count` topics; one small record per partition so every lookup has data.
 * @param {Admin} admin
 * @param {Producer} producer
 * @param {number} count
 * @param {Log} log
 */
async function ensureShape(admin, producer, count, log) {
  const existing = new Set((await retry(() => admin.listTopics())).filter((t) => t.startsWith('bench-t-')))
  const missing = Array.from({ length: count }, (_, i) => topicName(i)).filter((t) => !existing.has(t))
  for (let i = 0; i < missing.length; i += 50) {
    await admin.createTopics({ topics: missing.slice(i, i + 50), partitions: partitionsPerTopic, replicas: 1 }).catch(/** @param {unknown} error */ (error) => {
      if (!(error instanceof MultipleErrors && error.errors.every((e) => e.apiId === 'TOPIC_ALREADY_EXISTS'))) throw error
    })
  }
  if (missing.length) log(`created ${missing.length} bench topics`)
  const names = Array.from({ length: count }, (_, i) => topicName(i))
  for (let i = 0; i < names.length; i += 100) {
    const batch = names.slice(i, i + 100)
    const offsets = await retry(() => admin.listOffsets({ topics: batch.map((name) => ({ name, partitions: [{ partitionIndex: 0, timestamp: -1n }] })) }))
    const empty = offsets.filter((t) => t.partitions[0]?.offset === 0n).map((t) => t.name)
    if (empty.length === 0) continue
    await producer.send({ messages: empty.flatMap((topic) => Array.from({ length: partitionsPerTopic }, (_, partition) => ({ topic, partition, value: Buffer.from(`seed ${topic}-${partition}`) }))) })
  }
}

/** @typedef {{ partitions: number, sampleMs: number, storeMs: number, partial: boolean, notes: number, rssDeltaMb: number, heapDeltaMb: number }} SampleRun */

/**
 * @param {StorageLib} lib
 * @param {InstanceType<StorageLib['KafkaClusters']>} clusters
 * @param {InstanceType<StorageLib['VictoriaLogsClient']>} logs
 * @returns {Promise<SampleRun>}
 */
async function sampleOnce(lib, clusters, logs) {
  const cluster = clusters.get('local')
  global.gc?.()
  const before = process.memoryUsage()
  let peakRss = before.rss
  let peakHeap = before.heapUsed
  const timer = setInterval(() => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }, 10)
  const started = performance.now()
  try {
    const sample = await lib.takeSample(cluster)
    const sampledMs = performance.now() - started
    const storeStarted = performance.now()
    await lib.storeSample(logs, sample)
    const partitions = sample.topics.reduce((s, t) => s + t.partitions.length, 0)
    return { partitions, sampleMs: sampledMs, storeMs: performance.now() - storeStarted, partial: sample.partial, notes: sample.notes.length, rssDeltaMb: (peakRss - before.rss) / 1048576, heapDeltaMb: (peakHeap - before.heapUsed) / 1048576 }
  } finally {
    clearInterval(timer)
  }
}

/**
 * @param {{ brokers: string[], victoriaLogsUrl: string, lib: StorageLib, log: Log }} options
 * @returns {Promise<(SampleRun & { stage: number })[]>}
 */
async function benchSample({ brokers, victoriaLogsUrl, lib, log }) {
  const admin = new Admin({ clientId: 'bench-storage', bootstrapBrokers: brokers, timeout: 120_000 })
  const producer = new Producer({ clientId: 'bench-storage', bootstrapBrokers: brokers, acks: 1 })
  const clusters = new lib.KafkaClusters([{ id: 'local', name: 'bench', brokers }])
  const logs = new lib.VictoriaLogsClient(victoriaLogsUrl)
  /** @type {(SampleRun & { stage: number })[]} */
  const rows = []
  try {
    for (const stage of stages) {
      await ensureShape(admin, producer, stage / partitionsPerTopic, log)
      await sampleOnce(lib, clusters, logs) // warm-up: connections, API versions
      /** @type {[SampleRun, SampleRun, SampleRun]} */
      const runs = [await sampleOnce(lib, clusters, logs), await sampleOnce(lib, clusters, logs), await sampleOnce(lib, clusters, logs)]
      runs.sort((a, b) => a.sampleMs - b.sampleMs)
      const [, median] = runs
      rows.push({ stage, ...median, rssDeltaMb: Math.max(...runs.map((r) => r.rssDeltaMb)) })
      log(`sampled at ${median.partitions} partitions`)
    }
  } finally {
    await clusters.close()
    await logs.close()
    await producer.close()
    await admin.close()
  }
  return rows
}

/**
 * @param {{ brokers: string[], victoriaLogsUrl: string, libEntry: string, startServer: () => Promise<LocalApp>, log: Log }} options
 *   libEntry: the URL of the bundle of bench/storage-lib.ts
 */
export async function benchStorage({ brokers, victoriaLogsUrl, libEntry, startServer, log }) {
  /** @type {StorageLib} */
  const lib = await import(libEntry)
  const sample = await benchSample({ brokers, victoriaLogsUrl, lib, log })
  const history = await ensureHistory(victoriaLogsUrl, log)
  const routes = await benchRoutes(startServer, log)
  return { sample, history, routes }
}

/** @param {Awaited<ReturnType<typeof benchStorage>>} figures */
export function printStorage({ sample, history, routes }) {
  /** @param {number} v */
  const ms = (v) => `${v.toFixed(0)} ms`.padStart(8)
  console.log('\nStorage sample (median of 3; target: 10,000 partitions in < 30 s, memory bounded, cost roughly linear)')
  console.log(`  ${'partitions'.padEnd(12)}${'sample'.padEnd(11)}${'store'.padEnd(11)}${'per 1k part.'.padEnd(14)}${'peak RSS +'.padEnd(12)}peak heap +`)
  for (const r of sample) {
    console.log(`  ${String(r.partitions).padEnd(12)}${ms(r.sampleMs).padEnd(11)}${ms(r.storeMs).padEnd(11)}${ms((r.sampleMs / r.partitions) * 1000).padEnd(14)}${`${r.rssDeltaMb.toFixed(0)} MB`.padEnd(12)}${r.heapDeltaMb.toFixed(0)} MB${r.partial ? '  (partial!)' : ''}`)
  }
  const first = sample[0]
  const last = sample.at(-1)
  if (first && last && last.partitions > first.partitions) {
    const growth = last.sampleMs / first.sampleMs
    console.log(`  ×${growth.toFixed(1)} time for ×${(last.partitions / first.partitions).toFixed(1)} partitions; 10k target: ${last.partitions >= 10_000 && last.sampleMs < 30_000 ? 'ok' : last.partitions >= 10_000 ? 'OVER 30 s' : 'not reached'}`)
  } else if (last) {
    console.log(`  (the bench broker already had ${last.partitions} partitions, so only that size was measured); 10k target: ${last.sampleMs < 30_000 ? 'ok' : 'OVER 30 s'}`)
  }
  console.log(`\nStorage routes on ${days} days of 5-minute samples for ${historyTopics} topics (${history.samples} samples stored${history.generated ? `; wrote ${history.generated.toLocaleString('en-US')} rows in ${history.seconds.toFixed(0)} s` : ''}; target: < 500 ms)`)
  for (const r of routes.results) console.log(`  ${r.name.padEnd(34)}p50 ${ms(r.p50)}   p95 ${ms(r.p95)}   ${r.p95 < 500 ? 'ok' : 'OVER 500 ms'}`)
  console.log(`  (a 30-day growth answer: ${routes.check.points} points in ${routes.check.step ?? 'raw'} buckets, growth ${routes.check.growthBytesPerDay === null ? 'unknown' : `${(routes.check.growthBytesPerDay / 1e9).toFixed(2)} GB/day`}, forecast model ${routes.check.forecast})`)
}
