// Issue 3 figures: overview, first topic page and group list at 1k, 5k and 10k partitions with
// 500 groups, on a cluster shape created once on the bench broker and reused by later runs.
import { Admin, MultipleErrors } from '@platformatic/kafka'
import { sessionCookie } from './session.mjs'

const partitionsPerTopic = 10
const groupCount = 500
const stages = [1_000, 5_000, 10_000]
/** @type {[name: string, path: string][]} */
const routes = [
  ['overview', '/api/clusters/local/overview'],
  ['topics (first page)', '/api/clusters/local/topics?limit=100'],
  ['groups', '/api/clusters/local/groups'],
]

/** @typedef {{ p50: number, p95: number }} Timing */
/** @typedef {{ partitions: number, timings: Record<string, Timing> }} StageResult */
/** @typedef {(message: string) => void} Log */

/** @param {number} i */
const topicName = (i) => `bench-t-${String(i).padStart(4, '0')}`
/** @param {number} i */
const groupName = (i) => `bench-g-${String(i).padStart(3, '0')}`
/** @type {(sorted: number[], p: number) => number} */
const percentile = (sorted, p) => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  if (value === undefined) throw new Error('no samples')
  return value
}

/**
 * @param {Admin} admin
 * @param {number} count topics of `partitionsPerTopic` partitions
 * @param {Log} log
 */
async function ensureTopics(admin, count, log) {
  const existing = new Set((await admin.listTopics()).filter((t) => t.startsWith('bench-t-')))
  const missing = Array.from({ length: count }, (_, i) => topicName(i)).filter((t) => !existing.has(t))
  for (let i = 0; i < missing.length; i += 50) {
    await admin.createTopics({ topics: missing.slice(i, i + 50), partitions: partitionsPerTopic, replicas: 1 }).catch(/** @param {unknown} error */ (error) => {
      // Already there from an interrupted earlier run: fine, anything else is not.
      if (!(error instanceof MultipleErrors && error.errors.every((e) => e.apiId === 'TOPIC_ALREADY_EXISTS'))) throw error
    })
    log(`created ${Math.min(i + 50, missing.length)}/${missing.length} bench topics`)
  }
}

/**
 * @param {Admin} admin
 * @param {Log} log
 */
async function ensureGroups(admin, log) {
  const existing = await admin.listGroups({ types: ['classic', 'consumer'] })
  const missing = Array.from({ length: groupCount }, (_, i) => i).filter((i) => !existing.has(groupName(i)))
  for (const i of missing) {
    // Each group has committed offsets on two of the first 100 topics: 20 partitions per group.
    const topics = [topicName(i % 100), topicName((i + 1) % 100)]
    const commit = () => admin.alterConsumerGroupOffsets({
      groupId: groupName(i),
      topics: topics.map((name) => ({ name, partitionOffsets: Array.from({ length: partitionsPerTopic }, (_, partition) => ({ partition, offset: 0n })) })),
    })
    // On a new broker the offsets topic (and so a group coordinator) appears a few seconds late.
    for (let attempt = 1; ; attempt++) {
      try {
        await commit()
        break
      } catch (error) {
        if (attempt >= 30) throw error
        await new Promise((r) => setTimeout(r, 1000))
      }
    }
  }
  if (missing.length) log(`created ${missing.length} bench groups`)
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
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`${path} answered ${response.status}`)
    if (i >= 2) times.push(performance.now() - started) // two warm-up requests
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

/**
 * @param {{ brokers: string[], startServer: () => Promise<import('../scripts/lib/build.mjs').LocalApp>, log: Log }} options
 * @returns {Promise<StageResult[]>}
 */
export async function benchCluster({ brokers, startServer, log }) {
  const admin = new Admin({ clientId: 'kafka-plus-bench', bootstrapBrokers: brokers, timeout: 120_000 })
  const app = await startServer()
  /** @type {StageResult[]} */
  const results = []
  try {
    const cookie = await sessionCookie(app)
    for (const partitions of stages) {
      await ensureTopics(admin, partitions / partitionsPerTopic, log)
      await ensureGroups(admin, log)
      const row = { partitions, timings: /** @type {Record<string, Timing>} */ ({}) }
      for (const [name, path] of routes) row.timings[name] = await measure(app.url, cookie, path)
      results.push(row)
      log(`measured at ${partitions} partitions`)
    }
  } finally {
    await app.close()
    await admin.close()
  }
  return results
}

/**
 * @param {StageResult} stage
 * @param {string} route
 */
function timing(stage, route) {
  const measured = stage.timings[route]
  if (!measured) throw new Error(`${route} was not measured at ${stage.partitions} partitions`)
  return measured
}

/** @param {StageResult[]} results */
export function printCluster(results) {
  /** @param {number} v */
  const ms = (v) => `${v.toFixed(0)} ms`.padStart(8)
  console.log(`\nCluster routes (p50 / p95, ${groupCount} groups; target: each < 1 s at 10,000 partitions, growth no worse than linear)`)
  console.log(`  ${'partitions'.padEnd(12)}${routes.map(([name]) => name.padEnd(24)).join('')}`)
  for (const row of results) {
    console.log(`  ${String(row.partitions).padEnd(12)}${routes.map(([name]) => `${ms(timing(row, name).p50)} / ${ms(timing(row, name).p95)}    `).join('')}`)
  }
  const first = results[0]
  const last = results.at(-1)
  if (!first || !last) return
  for (const [name] of routes) {
    const growth = timing(last, name).p50 / timing(first, name).p50
    const partitionsGrowth = last.partitions / first.partitions
    console.log(`  ${name}: ×${growth.toFixed(1)} time for ×${partitionsGrowth} partitions (${growth <= partitionsGrowth ? 'sub-linear' : 'WORSE THAN LINEAR'}); p95 at ${last.partitions}: ${timing(last, name).p95 < 1000 ? 'ok' : 'OVER 1 s'}`)
  }
}
