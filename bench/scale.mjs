// Issue 14 (1, 6): the cluster routes at 40,000 partitions and 45,000 consumer groups, and the
// storage sampler's cost per 1,000 partitions at 1k, 5k, 10k and 40k, on a three-broker cluster
// of the bench's own (bench/scale-broker.mjs). The shape is created once, in stages, and kept:
// the first run measures every stage as it grows (and records those figures in the bench home);
// later runs measure the full shape again and print the recorded stages beside it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { Admin, Producer } from '@platformatic/kafka'
import { scaleCluster } from './scale-broker.mjs'
import { sessionCookie } from './session.mjs'

/** @typedef {(message: string) => void} Log */
/** @typedef {{ p50: number, p95: number }} Timing */
/** @typedef {{ partitions: number, groups: number, timings: Record<string, Timing>, sample: SampleCost, measuredAt: string, load: string }} Stage */
/** @typedef {{ sampleMs: number, logDirsMs: number, heapDeltaBytes: number, partial: boolean }} SampleCost */

export const bigTopic = 'scale-big'
const bigPartitions = 1_000
const smallPartitions = 10
/** Partitions in the cluster (besides the internal topics) at each measured stage. */
const stages = [1_000, 5_000, 10_000, 40_000]
const groupTarget = 45_000
const pageSize = 100
/** @param {number} i */
export const smallTopic = (i) => `scale-t-${String(i).padStart(4, '0')}`
/** @param {number} i */
export const groupName = (i) => `scale-g-${String(i).padStart(5, '0')}`
/** Small topics in the shape of `partitions` partitions: the big topic first, then 10-partition ones. */
const smallTopicsAt = (/** @type {number} */ partitions) => (partitions - bigPartitions) / smallPartitions

const routes = /** @type {const} */ ([
  ['overview', '/overview'],
  ['topic list, first page', `/topics?limit=${pageSize}`],
  [`topic detail (${bigPartitions} partitions)`, `/topics/${bigTopic}`],
  ['group list, first page', `/groups?limit=${pageSize}`],
  ['group detail', `/groups/${groupName(0)}`],
])

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')

/** @type {(sorted: number[], p: number) => number} */
const percentile = (sorted, p) => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  if (value === undefined) throw new Error('no samples')
  return value
}

/**
 * @template T
 * @param {() => Promise<T>} fn
 */
async function retry(fn, attempts = 60, delayMs = 1000) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((r) => setTimeout(r, delayMs))
    }
  }
}

/**
 * Every broker error inside `error` says the topic exists (a retried request whose first try
 * landed; the client nests them: MultipleErrors → ResponseError → one ProtocolError per topic).
 * @param {unknown} error
 * @returns {boolean}
 */
const alreadyExists = (error) => {
  const { apiId, errors } = /** @type {{ apiId?: unknown, errors?: unknown }} */ (error ?? {})
  if (apiId === 'TOPIC_ALREADY_EXISTS') return true
  return Array.isArray(errors) && errors.length > 0 && errors.every(alreadyExists)
}

/**
 * Topics up to `partitions` partitions: the 1,000-partition topic, then 10-partition topics in
 * batches of 100 (1,000 partitions a request, which a broker creates in a few seconds).
 * @param {Admin} admin
 * @param {number} partitions
 * @param {Log} log
 */
async function ensureTopics(admin, partitions, log) {
  const existing = new Set(await retry(() => admin.listTopics()))
  if (!existing.has(bigTopic)) {
    await admin.createTopics({ topics: [bigTopic], partitions: bigPartitions, replicas: 1 }).catch(/** @param {unknown} error */ (error) => { if (!alreadyExists(error)) throw error })
    log(`created ${bigTopic} (${bigPartitions} partitions)`)
  }
  const missing = Array.from({ length: smallTopicsAt(partitions) }, (_, i) => smallTopic(i)).filter((t) => !existing.has(t))
  for (let i = 0; i < missing.length; i += 100) {
    const started = performance.now()
    await retry(() => admin.createTopics({ topics: missing.slice(i, i + 100), partitions: smallPartitions, replicas: 1 })
      .catch(/** @param {unknown} error */ (error) => { if (!alreadyExists(error)) throw error }), 10)
    log(`created ${Math.min(i + 100, missing.length)}/${missing.length} topics (${((performance.now() - started) / 1000).toFixed(1)} s; load ${load()})`)
  }
}

/**
 * One record in each partition of the big topic and of the first 100 small topics, so offsets,
 * message counts and group lag have something to show.
 * @param {Admin} admin
 * @param {string[]} bootstrap
 */
async function ensureRecords(admin, bootstrap) {
  const existing = new Set(await retry(() => admin.listTopics()))
  const topics = [bigTopic, ...Array.from({ length: 100 }, (_, i) => smallTopic(i))].filter((t) => existing.has(t))
  const offsets = await retry(() => admin.listOffsets({ topics: topics.map((name) => ({ name, partitions: [{ partitionIndex: 0, timestamp: -1n }] })) }))
  const empty = offsets.filter((t) => t.partitions[0]?.offset === 0n).map((t) => t.name)
  if (empty.length === 0) return
  const producer = new Producer({ clientId: 'scale-seed', bootstrapBrokers: bootstrap, acks: 1 })
  try {
    for (const topic of empty) {
      const count = topic === bigTopic ? bigPartitions : smallPartitions
      await retry(() => producer.send({ messages: Array.from({ length: count }, (_, partition) => ({ topic, partition, value: Buffer.from(`seed ${topic}-${partition}`) })) }), 10)
    }
  } finally {
    await producer.close()
  }
}

/**
 * 45,000 groups, each with committed offsets on the 10 partitions of one small topic (group i on
 * topic i mod the topic count), committed 64 at a time.
 * @param {Admin} admin
 * @param {number} topicCount
 * @param {Log} log
 */
async function ensureGroups(admin, topicCount, log) {
  const existing = await retry(() => admin.listGroups({ types: ['classic', 'consumer'] }))
  const missing = Array.from({ length: groupTarget }, (_, i) => i).filter((i) => !existing.has(groupName(i)))
  if (missing.length === 0) return
  const started = performance.now()
  let done = 0
  /** @param {number} i */
  const commit = (i) => retry(() => admin.alterConsumerGroupOffsets({
    groupId: groupName(i),
    topics: [{ name: smallTopic(i % topicCount), partitionOffsets: Array.from({ length: smallPartitions }, (_, partition) => ({ partition, offset: 0n })) }],
  }), 30)
  let next = 0
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < missing.length) {
      const i = /** @type {number} */ (missing[next++])
      await commit(i)
      if (++done % 5000 === 0) log(`committed offsets for ${done}/${missing.length} groups (${((performance.now() - started) / 1000).toFixed(0)} s; load ${load()})`)
    }
  }))
  log(`created ${missing.length} groups in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

/**
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} path
 * @returns {Promise<Timing>}
 */
async function measure(baseUrl, cookie, path, samples = 15) {
  /** @type {number[]} */
  const times = []
  for (let i = 0; i < samples + 2; i++) {
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
 * A full storage sample (the sampler's DescribeLogDirs, ListOffsets, configs, group lag) and
 * DescribeLogDirs alone, median of three each; heap growth at its peak.
 * @param {ScaleLib} lib
 * @param {InstanceType<ScaleLib['KafkaClusters']>} clusters
 * @returns {Promise<SampleCost>}
 */
async function sampleCost(lib, clusters) {
  const cluster = clusters.get('scale')
  await lib.takeSample(cluster) // warm-up: connections, API versions
  /** @type {{ sampleMs: number, logDirsMs: number, heapDeltaBytes: number, partial: boolean }[]} */
  const runs = []
  for (let i = 0; i < 3; i++) {
    global.gc?.()
    const before = process.memoryUsage().heapUsed
    let peak = before
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed) }, 5)
    try {
      const started = performance.now()
      const sample = await lib.takeSample(cluster)
      const sampleMs = performance.now() - started
      const logDirsStarted = performance.now()
      await lib.describeLogDirs(cluster, 30_000)
      runs.push({ sampleMs, logDirsMs: performance.now() - logDirsStarted, heapDeltaBytes: peak - before, partial: sample.partial })
    } finally {
      clearInterval(timer)
    }
  }
  runs.sort((a, b) => a.sampleMs - b.sampleMs)
  const median = /** @type {SampleCost} */ (runs[1])
  return { ...median, heapDeltaBytes: Math.max(...runs.map((r) => r.heapDeltaBytes)) }
}

/** @typedef {typeof import('./scale-lib.ts')} ScaleLib the bundle of bench/scale-lib.ts */

/**
 * @param {{ home: string, basePort: number, libEntry: string, startServer: (clusters: string) => Promise<import('../scripts/lib/build.mjs').LocalApp>, log: Log, prepareOnly?: boolean }} options
 */
export async function benchScale({ home, basePort, libEntry, startServer, log, prepareOnly = false }) {
  /** @type {ScaleLib} */
  const lib = await import(libEntry)
  const kafka = scaleCluster({ home, basePort })
  const started = await kafka.start(log)
  const recordFile = join(home, 'stages.json')
  /** @type {Stage[]} */
  const recorded = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : []
  const admin = new Admin({ clientId: 'scale-bench', bootstrapBrokers: kafka.bootstrap, timeout: 300_000, retries: 5 })
  const clusters = new lib.KafkaClusters([{ id: 'scale', name: 'scale', brokers: kafka.bootstrap }])
  /** @type {Stage[]} */
  const measured = []
  try {
    const existingPartitions = async () => {
      const names = (await retry(() => admin.listTopics())).filter((t) => t.startsWith('scale-'))
      if (names.length === 0) return 0
      const metadata = await retry(() => admin.metadata({ topics: names }))
      return [...metadata.topics.values()].reduce((sum, t) => sum + t.partitionsCount, 0)
    }
    const have = await existingPartitions()
    // Stages below what the cluster already holds cannot be measured again: they keep their recorded figures.
    const todo = stages.filter((s) => s >= have || s === stages.at(-1))
    for (const partitions of todo) {
      await ensureTopics(admin, partitions, log)
      if (partitions === stages.at(-1)) await ensureGroups(admin, smallTopicsAt(partitions), log)
      await ensureRecords(admin, kafka.bootstrap)
      if (prepareOnly) {
        // Stages below the full shape cannot be measured once it stands: their sampling cost (the
        // linearity figure) is recorded now; the route timings come with `npm run bench -- scale`.
        if (partitions !== stages.at(-1)) {
          const sample = await sampleCost(lib, clusters)
          log(`sampled at ${partitions} partitions: ${sample.sampleMs.toFixed(0)} ms`)
          measured.push({ partitions: await existingPartitions(), groups: 0, timings: {}, sample, measuredAt: new Date().toISOString(), load: load() })
        }
        continue
      }
      const groups = (await retry(() => admin.listGroups({ types: ['classic', 'consumer'] }))).size
      const sample = await sampleCost(lib, clusters)
      log(`sampled at ${partitions} partitions: ${sample.sampleMs.toFixed(0)} ms`)
      const app = await startServer(JSON.stringify([{ id: 'scale', brokers: kafka.bootstrap }]))
      /** @type {Record<string, Timing>} */
      const timings = {}
      try {
        const cookie = await sessionCookie(app)
        for (const [name, path] of routes) {
          if (path.startsWith('/groups') && groups < groupTarget) continue // the groups come with the full shape
          timings[name] = await measure(app.url, cookie, `/api/clusters/scale${path}`)
          log(`${name} at ${partitions} partitions: p95 ${timings[name].p95.toFixed(0)} ms`)
        }
      } finally {
        await app.close()
      }
      measured.push({ partitions: await existingPartitions(), groups, timings, sample, measuredAt: new Date().toISOString(), load: load() })
    }
  } finally {
    await clusters.close()
    await admin.close()
    await kafka.stop(started)
  }
  const byStage = new Map(recorded.map((s) => [s.partitions, s]))
  for (const s of measured) byStage.set(s.partitions, s)
  const all = [...byStage.values()].sort((a, b) => a.partitions - b.partitions)
  writeFileSync(recordFile, JSON.stringify(all, null, 2))
  return { stages: all, fresh: new Set(measured.map((s) => s.measuredAt)) }
}

/** @param {Awaited<ReturnType<typeof benchScale>>} figures */
export function printScale({ stages: all, fresh }) {
  /** @param {number} v */
  const ms = (v) => `${v.toFixed(0)} ms`
  const full = all.at(-1)
  if (!full) return
  const mark = (/** @type {Stage} */ s) => (fresh.has(s.measuredAt) ? '' : ` (recorded ${s.measuredAt.slice(0, 16)}Z when the shape was created)`)
  console.log(`\nCluster routes at scale: ${full.partitions.toLocaleString('en-US')} partitions, ${full.groups.toLocaleString('en-US')} consumer groups, 3 brokers (p50 / p95; target: p95 < 1 s each)`)
  for (const s of all) {
    console.log(`  ${s.partitions.toLocaleString('en-US')} partitions, ${s.groups.toLocaleString('en-US')} groups, load ${s.load}${mark(s)}`)
    for (const [name] of routes) {
      const t = s.timings[name]
      if (!t) continue
      console.log(`    ${name.padEnd(34)}${ms(t.p50).padStart(8)} / ${ms(t.p95).padStart(8)}   ${t.p95 < 1000 ? 'ok' : 'OVER 1 s'}`)
    }
  }
  console.log('\nStorage sampling cost per 1,000 partitions (median of 3; target: roughly linear, i.e. cost per 1k flat)')
  console.log(`  ${'partitions'.padEnd(12)}${'full sample'.padEnd(14)}${'per 1k'.padEnd(11)}${'DescribeLogDirs'.padEnd(18)}${'per 1k'.padEnd(11)}${'peak heap +'.padEnd(14)}per 1k`)
  for (const s of all) {
    const k = s.partitions / 1000
    console.log(`  ${s.partitions.toLocaleString('en-US').padEnd(12)}${ms(s.sample.sampleMs).padEnd(14)}${ms(s.sample.sampleMs / k).padEnd(11)}${ms(s.sample.logDirsMs).padEnd(18)}${ms(s.sample.logDirsMs / k).padEnd(11)}${`${(s.sample.heapDeltaBytes / 1048576).toFixed(1)} MB`.padEnd(14)}${(s.sample.heapDeltaBytes / k / 1024).toFixed(0)} KB${s.sample.partial ? '  (partial!)' : ''}`)
  }
  const first = all[0]
  if (first && full.partitions > first.partitions) {
    const perK = (/** @type {Stage} */ s) => s.sample.sampleMs / (s.partitions / 1000)
    const ratio = perK(full) / perK(first)
    console.log(`  cost per 1k at ${full.partitions.toLocaleString('en-US')} vs ${first.partitions.toLocaleString('en-US')}: ×${ratio.toFixed(2)} (${ratio <= 1.5 ? 'linear or better: ok' : 'WORSE THAN LINEAR'})`)
  }
}

/**
 * The glue bench/run.mjs calls: bundles the lib, starts local mode against the scale cluster.
 * @param {{ benchHome: string, env: Record<string, string>, bundleServer: (entry: string, out: string) => Promise<string>, log: Log, prepareOnly?: boolean }} options
 */
export async function runScale({ benchHome, env, bundleServer, log, prepareOnly }) {
  const { pathToFileURL } = await import('node:url')
  const libEntry = pathToFileURL(await bundleServer('bench/scale-lib.ts', 'dist/bench/scale-lib.mjs')).href
  /** @type {import('../scripts/lib/build.mjs').LocalModeModule} */
  const local = await import(pathToFileURL(await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')).href)
  /** @param {string} clusters */
  const startServer = (clusters) => local.runLocalMode({ env: { ...process.env, ...env, PORT: '0', KAFKA_PLUS_CLUSTERS: clusters, KAFKA_PLUS_INDEXER: 'off', KAFKA_PLUS_SAMPLE_INTERVAL_MS: '0' } })
  const home = join(benchHome, '..', 'bench-scale')
  const basePort = Number(process.env.KAFKA_PLUS_SCALE_PORT ?? 19290)
  const figures = await benchScale({ home, basePort, libEntry, startServer, log, prepareOnly })
  if (!prepareOnly) printScale(figures)
}
