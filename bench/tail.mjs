// Live-tail figures. Issue 4: scan rate with a filter, delivery rate without one, produce→client
// latency at 1,000 msg/s. Issue 11: admin-call latency with 0, 10 and 200 tails open (tails fetch on
// connections of their own). Issue 14: the server's peak memory under 50 concurrent tails for
// 2 minutes, on one topic (one shared fetch loop) and on 50 topics (50 loops).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { Worker } from 'node:worker_threads'
import { Admin, Producer } from '@platformatic/kafka'

const backlog = 200_000
const topic = 'bench-tail'
/** @typedef {(message: string) => void} Log */

/** @param {number} i */
const value = (i) => Buffer.from(JSON.stringify({ id: i, kind: i % 1000 === 0 ? 'needle' : 'order', pad: 'x'.repeat(940) }))

/**
 * A restarted bench broker with 10k partitions answers before it has elected every leader.
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
 * @param {string[]} brokers
 * @param {Log} log
 */
async function ensureBacklog(brokers, log) {
  const admin = new Admin({ clientId: 'bench-tail', bootstrapBrokers: brokers })
  try {
    if (!(await retry(() => admin.listTopics())).includes(topic)) await admin.createTopics({ topics: [topic], partitions: 4, replicas: 1 })
    // A restarted bench broker with 10k partitions elects leaders for a while after it answers.
    for (let attempt = 0; ; attempt++) {
      const metadata = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => undefined)
      if (metadata?.topics.get(topic)?.partitions.every((p) => p.leader >= 0)) break
      if (attempt > 120) throw new Error(`no leaders for ${topic}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    const offsets = await retry(() => admin.listOffsets({ topics: [{ name: topic, partitions: [0, 1, 2, 3].map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) }] }))
    const have = (offsets[0]?.partitions ?? []).reduce((sum, p) => sum + Number(p.offset), 0)
    if (have >= backlog) return
    const producer = new Producer({ clientId: 'bench-tail', bootstrapBrokers: brokers, acks: 1 })
    for (let i = have; i < backlog; i += 800) {
      await producer.send({ messages: Array.from({ length: Math.min(800, backlog - i) }, (_, j) => ({ topic, value: value(i + j), partition: (i + j) % 4 })) })
    }
    await producer.close()
    log(`produced a backlog of ${backlog} messages of ~1 KB`)
  } finally {
    await admin.close()
  }
}

// Resume tokens are the server's own format (functions/core/messages/resume.ts): from offset 0.
const fromStart = Buffer.from(JSON.stringify({ t: topic, p: [[0, '0'], [1, '0'], [2, '0'], [3, '0']] })).toString('base64url')

/**
 * Local mode in a process of its own, so its memory can be read apart from the bench's. Its address
 * comes back over IPC (its stdout carries the server's own log lines, passed on to our stderr).
 * @param {string} entry the local-mode bundle
 * @param {Record<string, string>} env
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, token: string }>}
 */
function startServerProcess(entry, env) {
  return new Promise((resolve, reject) => {
    const code = `const { runLocalMode } = await import(${JSON.stringify(entry)}); const app = await runLocalMode(); process.send({ url: app.url, token: app.token });`
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 2, 'inherit', 'ipc'] })
    child.once('message', (/** @type {{ url: string, token: string }} */ address) => resolve({ child, ...address }))
    child.once('error', reject)
    child.once('exit', (status) => reject(new Error(`the local server exited (${status}) before it listened`)))
  })
}

/** @typedef {{ scanned: number, matched: number, dropped: number }} TailStats the `stats` event's fields read here */
/** @typedef {{ messages: number, stats: TailStats | null }} Counters */

/**
 * Reads SSE events until `done(counters)`; returns the counters and elapsed ms.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {(counters: Counters) => boolean} done
 * @param {(block: string) => void} [onMessage]
 * @returns {Promise<Counters & { ms: number }>}
 */
async function consume(url, headers, done, onMessage) {
  const controller = new AbortController()
  const started = performance.now()
  /** @type {Counters} */
  const counters = { messages: 0, stats: null }
  const response = await fetch(url, { headers, signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true })
      let split
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, split)
        buffer = buffer.slice(split + 2)
        if (block.includes('event: message')) {
          counters.messages++
          onMessage?.(block)
        } else if (block.includes('event: stats')) counters.stats = JSON.parse(block.slice(block.indexOf('data: ') + 6))
      }
      if (done(counters)) break
    }
  } finally {
    controller.abort()
  }
  return { ...counters, ms: performance.now() - started }
}

/** @param {number | undefined} pid */
function rssOf(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}

/**
 * @typedef {{ scanPerSec: number, scanMatched: number, deliverPerSec: number, deliverDropped: number,
 *   latencyP50: number, latencyP95: number }} TailFigures
 */

/**
 * @param {{ brokers: string[], env: Record<string, string>, serverEntry: string, log: Log }} options
 * @returns {Promise<TailFigures>}
 */
export async function benchTail({ brokers, env, serverEntry, log }) {
  await ensureBacklog(brokers, log)
  const server = await startServerProcess(serverEntry, env)
  const headers = { authorization: `Bearer ${server.token}` }
  const tailUrl = (q = '') => `${server.url}/api/clusters/local/topics/${topic}/tail?${q}`
  try {
    const scan = await consume(tailUrl('q=needle'), { ...headers, 'last-event-id': fromStart }, (c) => (c.stats?.scanned ?? 0) >= backlog)
    if (!scan.stats) throw new Error('the filtered tail ended before its first stats event')
    const deliver = await consume(tailUrl(), { ...headers, 'last-event-id': fromStart }, (c) => c.messages >= 100_000)
    log('scan and delivery measured')

    // Latency: 1,000 msg/s for 10 s, each carrying its send time.
    const producer = new Producer({ clientId: 'bench-latency', bootstrapBrokers: brokers, acks: 1 })
    /** @type {number[]} */
    const latencies = []
    const receiving = consume(tailUrl('q=latency'), headers, (c) => c.messages >= 10_000, (block) => {
      // The value is JSON text inside the event's JSON, so its quotes arrive escaped.
      const sent = Number(/sentAt\\":(\d+)/.exec(block)?.[1])
      if (sent) latencies.push(Date.now() - sent)
    })
    await new Promise((r) => setTimeout(r, 1000))
    for (let tick = 0; tick < 100; tick++) {
      const started = Date.now()
      await producer.send({ messages: Array.from({ length: 100 }, (_, i) => ({ topic, partition: i % 4, value: Buffer.from(JSON.stringify({ kind: 'latency', sentAt: Date.now() })) })) })
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - started))))
    }
    await receiving
    await producer.close()
    latencies.sort((a, b) => a - b)
    const latencyP50 = latencies[Math.floor(latencies.length * 0.5)]
    const latencyP95 = latencies[Math.floor(latencies.length * 0.95)]
    if (latencyP50 === undefined || latencyP95 === undefined) throw new Error('no latency message came back with its send time')
    log('latency measured')

    return {
      scanPerSec: scan.stats.scanned / (scan.ms / 1000),
      scanMatched: scan.stats.matched,
      deliverPerSec: deliver.messages / (deliver.ms / 1000),
      deliverDropped: deliver.stats?.dropped ?? 0,
      latencyP50,
      latencyP95,
    }
  } finally {
    server.child.kill('SIGTERM')
  }
}

/** @param {TailFigures} r */
export function printTail(r) {
  /** @param {boolean} v */
  const ok = (v) => (v ? 'ok' : 'MISSED')
  console.log('\nLive tail (one connection; 1 KB JSON messages)')
  // Issue 14's bar: no slower than the 70,000 msg/s measured before it (the first target was 20,000).
  console.log(`  scan with a filter          ${Math.round(r.scanPerSec).toLocaleString('en-US').padStart(9)} msg/s   target ≥ 70,000   ${ok(r.scanPerSec >= 70_000)}   (first target 20,000; peers: 20 msg/s kafbat, ~1,000 lines/s VictoriaLogs tail)`)
  console.log(`  delivered, no filter        ${Math.round(r.deliverPerSec).toLocaleString('en-US').padStart(9)} msg/s   target ≥ 5,000    ${ok(r.deliverPerSec >= 5_000)}   (dropped for this client: ${r.deliverDropped})`)
  console.log(`  produce → client at 1k/s    p50 ${r.latencyP50} ms, p95 ${r.latencyP95} ms          target p95 < 500 ms ${ok(r.latencyP95 < 500)}`)
}

/**
 * Topics created once and kept between runs, like the backlog topic.
 * @param {string[]} brokers
 * @param {string[]} names
 * @param {number} partitions
 */
async function ensureTopics(brokers, names, partitions) {
  const admin = new Admin({ clientId: 'bench-tail-topics', bootstrapBrokers: brokers })
  try {
    const existing = new Set(await retry(() => admin.listTopics()))
    const missing = names.filter((name) => !existing.has(name))
    if (missing.length > 0) await admin.createTopics({ topics: missing, partitions, replicas: 1 })
    for (let attempt = 0; ; attempt++) {
      const metadata = await admin.metadata({ topics: names, forceUpdate: true }).catch(() => undefined)
      if (names.every((name) => metadata?.topics.get(name)?.partitions.every((p) => p.leader >= 0))) return
      if (attempt > 120) throw new Error(`no leaders for ${names.join(', ')}`)
      await new Promise((r) => setTimeout(r, 500))
    }
  } finally {
    await admin.close()
  }
}

/**
 * `count` tails spread over `topics` (round robin), read until stop(); `ready` once each has had
 * its first stats event (it is long-polling then).
 * @param {string} baseUrl
 * @param {Record<string, string>} headers
 * @param {string[]} topics
 * @param {number} count
 */
function openTails(baseUrl, headers, topics, count) {
  let stopped = false
  /** @type {(() => void)[]} */
  const started = []
  const running = Array.from({ length: count }, (_, i) => {
    /** @type {Promise<void>} */
    const ready = new Promise((resolve) => { started.push(resolve) })
    const topic = topics[i % topics.length]
    const done = consume(`${baseUrl}/api/clusters/local/topics/${topic}/tail`, headers, (c) => {
      if (c.stats) started[i]?.()
      return stopped
    })
    return { ready, done }
  })
  return {
    ready: Promise.all(running.map((t) => t.ready)),
    async stop() {
      stopped = true
      await Promise.all(running.map((t) => t.done.catch(() => undefined)))
    },
  }
}

/**
 * Producing `perSecond` ~1 KB messages spread over `topics` until stop().
 * @param {string[]} brokers
 * @param {string[]} topics
 * @param {number} perSecond
 */
function traffic(brokers, topics, perSecond) {
  const producer = new Producer({ clientId: 'bench-tail-traffic', bootstrapBrokers: brokers, acks: 1 })
  let stopped = false
  let sent = 0
  const running = (async () => {
    while (!stopped) {
      const started = Date.now()
      await producer.send({ messages: Array.from({ length: perSecond / 10 }, (_, i) => ({ topic: /** @type {string} */ (topics[(sent + i) % topics.length]), value: value(sent + i) })) })
      sent += perSecond / 10
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - started))))
    }
    await producer.close()
  })()
  return { async stop() { stopped = true; await running } }
}

// The timed GETs run on a thread of their own: the 200 tail readers in this thread would otherwise
// add their own event-loop delay to every measurement.
const timedGets = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  const ms = []
  for (let i = 0; i < workerData.rounds; i++) {
    const started = performance.now()
    const response = await fetch(workerData.url, { headers: workerData.headers, signal: AbortSignal.timeout(60000) })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(workerData.url + ' answered ' + response.status + ' after ' + Math.round(performance.now() - started) + ' ms')
    ms.push(performance.now() - started)
  }
  parentPort.postMessage(ms)
})()
`

/**
 * p50 and p95 of `rounds` sequential GETs.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {number} rounds
 * @returns {Promise<{ p50: number, p95: number }>}
 */
function latencies(url, headers, rounds) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(timedGets, { eval: true, workerData: { url, headers, rounds } })
    worker.once('message', (/** @type {number[]} */ ms) => {
      ms.sort((a, b) => a - b)
      resolve({ p50: /** @type {number} */ (ms[Math.floor(ms.length * 0.5)]), p95: /** @type {number} */ (ms[Math.floor(ms.length * 0.95)]) })
    })
    worker.once('error', reject)
  })
}

/** @typedef {{ p50: number, p95: number }} Percentiles */
/** @typedef {{ label: string, topicList: Percentiles, health: Percentiles, load: number }} AdminLatency */

const adminTopics = Array.from({ length: 20 }, (_, i) => `bench-tail-admin-${i}`)

/**
 * Admin calls with 0, 10 and 200 tails open (spread over 20 topics, 100 msg/s flowing), and
 * right after the 200 closed: before tails had connections of their own, 10 tails made
 * /api/health 503 and the topic list 19.5 s (issue 11, row 4).
 * @param {{ brokers: string[], env: Record<string, string>, serverEntry: string, log: Log }} options
 * @returns {Promise<AdminLatency[]>}
 */
export async function benchTailAdmin({ brokers, env, serverEntry, log }) {
  await ensureTopics(brokers, adminTopics, 1)
  const server = await startServerProcess(serverEntry, env)
  const headers = { authorization: `Bearer ${server.token}` }
  const flowing = traffic(brokers, adminTopics, 100)
  /** @type {AdminLatency[]} */
  const results = []
  const measure = async (/** @type {string} */ label, rounds = 200) => {
    const topicList = await latencies(`${server.url}/api/clusters/local/topics?limit=50`, headers, rounds)
    // Twice the rounds: a ~2 ms call's p95 is otherwise its 10th-worst sample, one scheduler hiccup on the shared cores.
    const health = await latencies(`${server.url}/api/health`, {}, rounds * 2)
    // The machine's 1-minute load average: p95 on a shared, busy machine says more about the machine.
    results.push({ label, topicList, health, load: loadavg()[0] ?? 0 })
    log(`admin latency with ${label} measured`)
  }
  try {
    // Warm-up (connections, JIT), not reported.
    await measure('warm-up', 30)
    results.length = 0
    await measure('0 tails')
    for (const count of [10, 200]) {
      const tails = openTails(server.url, headers, adminTopics, count)
      await tails.ready
      await measure(`${count} tails`)
      await tails.stop()
    }
    await measure('200 just closed')
    return results
  } finally {
    await flowing.stop()
    server.child.kill('SIGTERM')
  }
}

/** @param {AdminLatency[]} rows */
export function printTailAdmin(rows) {
  const base = rows[0]
  if (!base) throw new Error('no admin latency measured')
  /** @param {Percentiles} p */
  const fmt = (p) => `p50 ${p.p50.toFixed(1).padStart(6)} ms, p95 ${p.p95.toFixed(1).padStart(6)} ms`
  console.log('\nAdmin calls while live tails run (tails over 20 topics, 100 msg/s; target: p95 within 2× of 0 tails)')
  for (const row of rows) {
    const within = row.topicList.p95 <= 2 * base.topicList.p95 && row.health.p95 <= 2 * base.health.p95
    console.log(`  ${row.label.padEnd(16)} topic list ${fmt(row.topicList)}   /api/health ${fmt(row.health)}   load ${row.load.toFixed(1).padStart(4)}   ${row === base ? '' : within ? 'ok' : 'MISSED'}`)
  }
}

/** @typedef {{ label: string, rss: number[] }} TailMemory */

const manyTopics = Array.from({ length: 50 }, (_, i) => `bench-tail-many-${i}`)

/**
 * The server's RSS, sampled every second, while 50 tails run for `durationMs` with 100 msg/s
 * flowing: all on one topic (one shared fetch loop), then one on each of 50 topics (50 loops),
 * each in a fresh server process.
 * @param {{ brokers: string[], env: Record<string, string>, serverEntry: string, log: Log, durationMs?: number }} options
 * @returns {Promise<TailMemory[]>}
 */
export async function benchTailMemory({ brokers, env, serverEntry, log, durationMs = 120_000 }) {
  await ensureTopics(brokers, [topic], 4)
  await ensureTopics(brokers, manyTopics, 1)
  /** @type {TailMemory[]} */
  const results = []
  for (const [label, topics] of /** @type {[string, string[]][]} */ ([['1 topic', [topic]], ['50 topics', manyTopics]])) {
    const server = await startServerProcess(serverEntry, env)
    try {
      const tails = openTails(server.url, { authorization: `Bearer ${server.token}` }, topics, 50)
      await tails.ready
      const flowing = traffic(brokers, topics, 100)
      /** @type {number[]} */
      const rss = []
      const stopAt = Date.now() + durationMs
      while (Date.now() < stopAt) {
        rss.push(rssOf(server.child.pid))
        await new Promise((r) => setTimeout(r, 1_000))
      }
      await flowing.stop()
      await tails.stop()
      results.push({ label, rss })
      log(`50 tails on ${label} measured`)
    } finally {
      server.child.kill('SIGTERM')
    }
  }
  return results
}

/** @param {TailMemory[]} rows */
export function printTailMemory(rows) {
  /** @param {number} b */
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`
  console.log('\nLive tail memory (50 tails × 2 min, 100 msg/s of 1 KB; server RSS sampled every second)')
  for (const { label, rss } of rows) {
    const first = rss[0]
    const last = rss.at(-1)
    if (first === undefined || last === undefined) throw new Error(`no RSS sample for 50 tails on ${label}`)
    const peak = Math.max(...rss)
    console.log(`  50 tails on ${label.padEnd(9)}  peak ${mb(peak).padStart(7)}   target ≤ 300 MB   ${peak <= 300 * 1024 * 1024 ? 'ok' : 'MISSED'}   (start ${mb(first)}, end ${mb(last)})`)
  }
}
