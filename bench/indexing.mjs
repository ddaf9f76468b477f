// Issue 6 figures: the built-in indexer's throughput (1 KB JSON records from the bench broker
// into the bench VictoriaLogs), and history search over many indexed messages: first result for
// a rare word, the proxy's overhead over asking VictoriaLogs directly, and the same question
// answered by scanning the topic the way peer UIs search (every record read and matched).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { settle } from './machine.mjs'
import { Admin, Producer } from '@platformatic/kafka'

/** @typedef {typeof import('./indexing-lib.ts')} IndexingLib the bundle of bench/indexing-lib.ts */
/** @typedef {(message: string) => void} Log */

const indexTopic = 'bench-index-1k'
const searchTopic = 'bench-search'
const partitions = 8
const indexMessages = Number(process.env.BENCH_INDEX_MESSAGES ?? 500_000)
/** Runs of the indexer, each a fresh group over the whole topic; the median one is reported (runs vary ±15 % here). */
const indexRuns = Math.max(1, Number(process.env.BENCH_INDEX_RUNS ?? 3))
const searchTarget = Number(process.env.BENCH_SEARCH_MESSAGES ?? 10_000_000)
/** Generating the search data set stops here and reports the size reached (2 shared cores). */
const generationBudgetMs = Number(process.env.BENCH_SEARCH_BUDGET_MS ?? 8 * 60_000)
/** One of ten words that occur nowhere else in the data. @param {number} n */
const rareWord = (n) => `zebracorn${n % 10}x`
const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore '

/**
 * ~1 KB of JSON; every 50,000th record carries one of the rare words.
 * @param {number} i
 */
function payload(i) {
  const rare = i % 50_000 === 7 ? ` ${rareWord(i / 50_000 | 0)}` : ''
  const body = { id: i, level: i % 100 === 0 ? 'error' : 'info', service: `svc-${i % 17}`, user: `user-${i % 5_000}`, amount: (i * 37) % 10_000, message: `order ${i} processed${rare}` }
  const text = JSON.stringify(body)
  return JSON.stringify({ ...body, note: filler.repeat(12).slice(0, 1_000 - text.length - 10) })
}

/** @type {(sorted: number[], p: number) => number} */
const percentile = (sorted, p) => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  if (value === undefined) throw new Error('no samples')
  return value
}
/** @param {number[]} values */
const median = (values) => percentile([...values].sort((a, b) => a - b), 50)

/**
 * @param {string} repoRoot
 * @returns {Promise<IndexingLib>}
 */
async function loadCore(repoRoot) {
  const { build } = await import('esbuild')
  const outfile = join(repoRoot, 'dist', 'bench', 'indexing-lib.mjs')
  await build({
    entryPoints: [join(repoRoot, 'bench', 'indexing-lib.ts')],
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
  })
  return import(pathToFileURL(outfile).href)
}

/**
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function retryWhileElecting(fn) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt > 300) throw error
      await new Promise((r) => setTimeout(r, 1_000))
    }
  }
}

/**
 * @param {string[]} brokers
 * @param {Log} log
 * @returns {Promise<number>} records in the topic
 */
async function ensureIndexTopic(brokers, log) {
  const admin = new Admin({ clientId: 'bench-indexing', bootstrapBrokers: brokers })
  try {
    // A restarted bench broker with thousands of partitions (the cluster bench) elects leaders for
    // a while, and metadata requests fail until it is done.
    const existing = await retryWhileElecting(() => admin.listTopics())
    if (!existing.includes(indexTopic)) await admin.createTopics({ topics: [indexTopic], partitions, replicas: 1 })
    // A restarted bench broker with thousands of partitions elects leaders for a while.
    for (let attempt = 0; ; attempt++) {
      const metadata = await admin.metadata({ topics: [indexTopic], forceUpdate: true }).catch(() => undefined)
      const leaders = metadata?.topics.get(indexTopic)?.partitions ?? []
      if (leaders.length === partitions && leaders.every((p) => p.leader >= 0)) break
      if (attempt > 600) throw new Error(`${indexTopic} has no leaders after 5 minutes`)
      await new Promise((r) => setTimeout(r, 500))
    }
    const offsets = await retryWhileElecting(() => admin.listOffsets({ topics: [{ name: indexTopic, partitions: Array.from({ length: partitions }, (_, p) => ({ partitionIndex: p, timestamp: -1n })) }] }))
    const have = (offsets[0]?.partitions ?? []).reduce((sum, p) => sum + Number(p.offset), 0)
    if (have >= indexMessages) return have
    log(`producing ${indexMessages - have} records of 1 KB JSON into ${indexTopic}`)
    const producer = new Producer({ clientId: 'bench-indexing', bootstrapBrokers: brokers, acks: 1, compression: 'none', maxInflights: 10 })
    try {
      for (let i = have; i < indexMessages; i += 2_000) {
        const n = Math.min(2_000, indexMessages - i)
        await producer.send({ messages: Array.from({ length: n }, (_, j) => ({ topic: indexTopic, key: Buffer.from(`user-${(i + j) % 5_000}`), value: Buffer.from(payload(i + j)) })) })
      }
    } finally {
      await producer.close()
    }
    return indexMessages
  } finally {
    await admin.close()
  }
}

/**
 * Indexer throughput: a fresh consumer group reads the whole topic; one Node thread does all of it.
 * @param {IndexingLib} core
 * @param {{ brokers: string[], victoriaLogsUrl: string, home: string, total: number, log: Log }} options
 */
async function benchThroughput(core, { brokers, victoriaLogsUrl, home, total, log }) {
  const runId = Date.now().toString(36)
  const cluster = { id: `bench-tp-${runId}`, name: 'bench', brokers }
  const store = new core.FilePlanStore(join(home, `indexing-bench-${runId}`))
  await store.save({ cluster: cluster.id, topics: [{ topic: indexTopic, enabled: true, sampleRate: 1, keep: [], maxValueBytes: 32_768, extractFields: 20, updatedAt: new Date().toISOString(), updatedBy: 'bench' }] })
  const logs = new core.VictoriaLogsClient(victoriaLogsUrl)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const indexer = core.startLocalIndexer({ cluster, logs, store, groupId: `bench-indexer-${runId}`, planPollMs: 500, maxBatch: 10_000, lingerMs: 50, log })
  try {
    // Two moments: every record acknowledged by VictoriaLogs (the indexing rate), then every record
    // durable and committed, which comes a fixed delay later (twice VictoriaLogs' flush interval
    // and 5 s: core/indexing/durability.ts), however many records there are.
    /** @type {{ seconds: number, cpuSeconds: number } | undefined} */
    let acknowledged
    while (indexer.status().indexed < total) {
      await new Promise((r) => setTimeout(r, 50))
      const { indexed, pending } = indexer.status()
      if (!acknowledged && indexed + pending >= total) {
        const cpu = process.cpuUsage(cpuBefore)
        acknowledged = { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 }
      }
      if (performance.now() - started > 15 * 60_000) throw new Error(`indexer stalled at ${indexer.status().indexed}/${total}`)
    }
    const seconds = (performance.now() - started) / 1000
    if (!acknowledged) {
      const cpu = process.cpuUsage(cpuBefore)
      acknowledged = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }
    }
    log(`indexed ${total} records in ${seconds.toFixed(1)} s (all acknowledged after ${acknowledged.seconds.toFixed(1)} s)`)
    return {
      total, seconds: acknowledged.seconds, rate: total / acknowledged.seconds, cpuSeconds: acknowledged.cpuSeconds, ratePerCpu: total / acknowledged.cpuSeconds,
      durableSeconds: seconds, cluster: cluster.id,
    }
  } finally {
    await indexer.stop()
    await logs.close()
  }
}

/** @param {InstanceType<IndexingLib['VictoriaLogsClient']>} logs */
async function countSearchDocs(logs) {
  for await (const row of logs.queryRows(`{kind="messages",cluster="local",topic="${searchTopic}"} | stats count() n`, { start: new Date(Date.now() - 80 * 86_400_000).toISOString() })) return Number(row.n)
  return 0
}

/**
 * The search data set: indexed-message documents written straight into VictoriaLogs, once.
 * @param {IndexingLib} core
 * @param {string} victoriaLogsUrl
 * @param {Log} log
 */
async function ensureSearchDocs(core, victoriaLogsUrl, log) {
  const logs = new core.VictoriaLogsClient(victoriaLogsUrl)
  try {
    let have = await countSearchDocs(logs)
    if (have >= searchTarget) return { count: have, generated: 0, seconds: 0 }
    const initial = have
    const started = performance.now()
    const now = Date.now()
    const chunk = 100_000
    while (have < searchTarget && performance.now() - started < generationBudgetMs) {
      const from = have
      const n = Math.min(chunk, searchTarget - have)
      // Spread over the last 7 days, oldest first.
      function* documents() {
        for (let i = from; i < from + n; i++) {
          const value = payload(i)
          yield { _time: new Date(now - 7 * 86_400_000 + Math.floor((i / searchTarget) * 7 * 86_400_000)).toISOString(), _msg: value, kind: 'messages', cluster: 'local', topic: searchTopic, partition: i % partitions, offset: String(Math.floor(i / partitions)), key: `user-${i % 5_000}`, sampleRate: 1 }
        }
      }
      await logs.insert(documents(), { streamFields: ['kind', 'cluster', 'topic'] })
      have += n
      if (have % 1_000_000 === 0 || have >= searchTarget) log(`search data set: ${have} documents`)
    }
    const seconds = (performance.now() - started) / 1000
    // Rows become searchable about a second after insertion.
    await new Promise((r) => setTimeout(r, 3_000))
    return { count: await countSearchDocs(logs), generated: have - initial, seconds }
  } finally {
    await logs.close()
  }
}

/**
 * Milliseconds until the first JSON line of a streamed answer arrives.
 * @param {string} url
 * @param {RequestInit} init
 */
async function firstLine(url, init) {
  const started = performance.now()
  const response = await fetch(url, init)
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}: ${await response.text()}`)
  const reader = response.body.getReader()
  let first
  let rows = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    first ??= performance.now() - started
    rows += new TextDecoder().decode(value).split('\n').filter(Boolean).length
  }
  return { first: first ?? performance.now() - started, total: performance.now() - started, rows }
}

/** @typedef {{ apiFirst: number, apiP95: number, directFirst: number, rows: number }} SearchFigures */

/**
 * @param {{ serverUrl: string, token: string, victoriaLogsUrl: string, cluster: string, topic: string, samples?: number }} options
 * @returns {Promise<SearchFigures>}
 */
async function benchSearch({ serverUrl, token, victoriaLogsUrl, cluster, topic, samples = 20 }) {
  const start = new Date(Date.now() - 80 * 86_400_000).toISOString()
  const end = new Date(Date.now() + 60_000).toISOString()
  const api = []
  const direct = []
  let rows = 0
  for (let i = 0; i < samples + 1; i++) {
    const word = rareWord(i)
    const query = `topic:="${topic}" ${word}`
    const params = new URLSearchParams({ query, start, end, limit: '100' })
    const askApi = () => firstLine(`${serverUrl}/api/clusters/${cluster}/search?${params}`, { headers: { authorization: `Bearer ${token}` } })
    // The same request the proxy sends: same scope, window, cap and limit.
    const form = new URLSearchParams({ query, start, end, limit: '100', extra_stream_filters: `{kind="messages",cluster="${cluster}"}`, timeout: '10000ms' })
    const askLogs = () => firstLine(`${victoriaLogsUrl}/select/logsql/query`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    // Whichever asks second finds VictoriaLogs' caches warm for that word: the order alternates.
    const viaApi = i % 2 === 0 ? await askApi() : undefined
    const viaLogs = await askLogs()
    const apiAnswer = viaApi ?? await askApi()
    if (i === 0) continue // warm-up
    api.push(apiAnswer.first)
    direct.push(viaLogs.first)
    rows = Math.max(rows, apiAnswer.rows)
  }
  return { apiFirst: median(api), apiP95: percentile([...api].sort((a, b) => a - b), 95), directFirst: median(direct), rows }
}

/**
 * What peer UIs do: read every record of the topic from the beginning and match the word.
 * @param {IndexingLib} core
 * @param {{ brokers: string[], word: string }} options
 */
async function benchScan(core, { brokers, word }) {
  const cluster = new core.KafkaCluster({ id: 'bench-scan', name: 'bench', brokers })
  try {
    const scope = [{ topic: indexTopic, partitions: Array.from({ length: partitions }, (_, p) => p) }]
    const { latest: ends } = await core.listOffsets(cluster, scope, { latest: 'latest' })
    const { earliest: starts } = await core.listOffsets(cluster, scope, { earliest: 'earliest' })
    /** @type {(table: typeof ends, partition: number) => string} */
    const offsetOf = (table, partition) => {
      const listed = table.get(indexTopic, partition)
      if (!listed) throw new Error(`no offset listed for ${indexTopic}/${partition}`)
      return listed.offset
    }
    const metadata = await cluster.metadata()
    const started = performance.now()
    let scanned = 0
    let firstMatch
    let matches = 0
    let positions = Array.from({ length: partitions }, (_, p) => ({ topic: indexTopic, partition: p, offset: offsetOf(starts, p) }))
    const needle = Buffer.from(word)
    while (positions.length > 0) {
      const fetched = await core.fetchRecords(cluster, positions, { metadata, partitionMaxBytes: 4 * 1024 * 1024 })
      const next = []
      for (const p of fetched) {
        for (const r of p.records) {
          scanned++
          if (r.value?.includes(needle)) {
            matches++
            firstMatch ??= performance.now() - started
          }
        }
        const end = BigInt(offsetOf(ends, p.partition))
        if (BigInt(p.nextOffset) < end) next.push({ topic: indexTopic, partition: p.partition, offset: p.nextOffset })
      }
      positions = next
    }
    return { scanned, seconds: (performance.now() - started) / 1000, firstMatchMs: firstMatch, matches }
  } finally {
    await cluster.close()
  }
}

/**
 * @param {{ repoRoot: string, brokers: string[], victoriaLogsUrl: string, log: Log,
 *   startServer: (env?: Record<string, string>) => Promise<import('../scripts/lib/build.mjs').LocalApp> }} options
 */
export async function benchIndexing({ repoRoot, brokers, victoriaLogsUrl, startServer, log }) {
  const core = await loadCore(repoRoot)
  const total = await ensureIndexTopic(brokers, log)
  const home = process.env.KAFKA_PLUS_HOME
  if (!home) throw new Error('KAFKA_PLUS_HOME is not set (bench/run.mjs sets it)')
  const runs = []
  for (let run = 0; run < indexRuns; run++) {
    // VictoriaLogs merges what the last run (or part) wrote for a while after: not this run's work.
    const idle = await settle(log, `indexer run ${run + 1}`, 60_000)
    runs.push({ ...await benchThroughput(core, { brokers, victoriaLogsUrl, home, total, log }), idle })
  }
  const middle = [...runs].sort((a, b) => a.rate - b.rate)[Math.floor(runs.length / 2)]
  if (!middle) throw new Error('no indexer run')
  const throughput = { ...middle, runRates: runs.map((r) => r.rate), idleBefore: runs.map((r) => r.idle) }
  const dataset = await ensureSearchDocs(core, victoriaLogsUrl, log)
  // The server knows the throughput run's cluster id too, so its messages can be searched.
  const clusters = [{ id: 'local', brokers }, { id: throughput.cluster, brokers }]
  const app = await startServer({ KAFKA_PLUS_CLUSTERS: JSON.stringify(clusters) })
  try {
    log('searching the large data set')
    const large = await benchSearch({ serverUrl: app.url, token: app.token, victoriaLogsUrl, cluster: 'local', topic: searchTopic })
    log('searching the indexed topic, then scanning it')
    const indexed = await benchSearch({ serverUrl: app.url, token: app.token, victoriaLogsUrl, cluster: throughput.cluster, topic: indexTopic, samples: 5 })
    const scan = await benchScan(core, { brokers, word: rareWord(0) })
    return { throughput, dataset, large, indexed, scan }
  } finally {
    await app.close()
  }
}

/** @param {Awaited<ReturnType<typeof benchIndexing>>} figures */
export function printIndexing({ throughput, dataset, large, indexed, scan }) {
  /** @param {number} v */
  const ms = (v) => `${v.toFixed(0)} ms`
  console.log('\nIndexing and history search')
  console.log(`  indexer: ${throughput.total.toLocaleString('en-US')} records of 1 KB JSON, broker → VictoriaLogs, rate 1, 20 JSON fields`)
  const runs = throughput.runRates.length
  console.log(`    ${Math.round(throughput.rate).toLocaleString('en-US')} msg/s wall clock to VictoriaLogs' acknowledgement (${throughput.seconds.toFixed(1)} s${runs > 1 ? `; the median of ${runs} runs: ${throughput.runRates.map((r) => Math.round(r).toLocaleString('en-US')).join(', ')}` : ''}), ${Math.round(throughput.ratePerCpu).toLocaleString('en-US')} msg per CPU-second of the indexer's one thread (target ≥ 40,000 msg/s, issue 14's "no slower"; first target 30,000: ${throughput.rate >= 40_000 ? 'ok' : 'UNDER'})`)
  console.log(`    the machine was ${throughput.idleBefore.map((idle) => `${(idle * 100).toFixed(0)} %`).join(', ')} idle before the run${runs > 1 ? 's' : ''} (each waits up to 60 s for 80 %)`)
  console.log(`    all durable and committed after ${throughput.durableSeconds.toFixed(1)} s: the durability wait adds a fixed ${(throughput.durableSeconds - throughput.seconds).toFixed(1)} s at the end, whatever the volume`)
  console.log(`  search data set: ${dataset.count.toLocaleString('en-US')} indexed messages${dataset.count < searchTarget ? ` (scaled down from ${searchTarget.toLocaleString('en-US')}: generation budget)` : ''}`)
  console.log(`    rare word, first result through the API: ${ms(large.apiFirst)} median, ${ms(large.apiP95)} p95 (targets: p95 < 1 s: ${large.apiP95 < 1_000 ? 'ok' : 'OVER'}; median < 100 ms, issue 14's "no slower": ${large.apiFirst < 100 ? 'ok' : 'OVER'})`)
  const overhead = (large.apiFirst - large.directFirst) / large.directFirst
  console.log(`    VictoriaLogs directly: ${ms(large.directFirst)}; proxy overhead ${(overhead * 100).toFixed(0)}% (${ms(large.apiFirst - large.directFirst)}; target < 10%: ${overhead < 0.1 ? 'ok' : 'OVER'})`)
  console.log(`  same question on ${scan.scanned.toLocaleString('en-US')} records of ${indexTopic}:`)
  console.log(`    search (indexed): ${ms(indexed.apiFirst)} to the first result; scanning the topic as peer UIs do: ${scan.seconds.toFixed(1)} s for all ${scan.matches} matches (first after ${scan.firstMatchMs === undefined ? '—' : ms(scan.firstMatchMs)})`)
  console.log(`    ratio: the scan takes ×${Math.round((scan.seconds * 1000) / indexed.apiFirst).toLocaleString('en-US')} the search's time; at ${dataset.count.toLocaleString('en-US')} messages the scan would take ~${((scan.seconds * dataset.count) / scan.scanned).toFixed(0)} s vs ${ms(large.apiFirst)}`)
}
