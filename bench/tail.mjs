// Issue 4 figures: live-tail scan rate with a filter, delivery rate without one, produce→client
// latency at 1,000 msg/s, and the server's memory under 50 concurrent tails for 2 minutes.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
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
 *   latencyP50: number, latencyP95: number, rss: number[] }} TailFigures
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

    // 50 tails for 2 minutes with 100 msg/s flowing; the server's RSS sampled every 10 s.
    const stopAt = Date.now() + 120_000
    const tails = Array.from({ length: 50 }, () => consume(tailUrl(), headers, () => Date.now() > stopAt))
    const steady = new Producer({ clientId: 'bench-steady', bootstrapBrokers: brokers, acks: 1 })
    /** @type {number[]} */
    const rss = []
    let sampledAt = 0
    while (Date.now() < stopAt) {
      await steady.send({ messages: Array.from({ length: 10 }, (_, i) => ({ topic, partition: i % 4, value: value(i) })) })
      if (Date.now() - sampledAt >= 10_000) {
        sampledAt = Date.now()
        rss.push(rssOf(server.child.pid))
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    await Promise.all(tails)
    await steady.close()
    return {
      scanPerSec: scan.stats.scanned / (scan.ms / 1000),
      scanMatched: scan.stats.matched,
      deliverPerSec: deliver.messages / (deliver.ms / 1000),
      deliverDropped: deliver.stats?.dropped ?? 0,
      latencyP50,
      latencyP95,
      rss,
    }
  } finally {
    server.child.kill('SIGTERM')
  }
}

/** @param {TailFigures} r */
export function printTail(r) {
  /** @param {number} b */
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`
  /** @param {boolean} v */
  const ok = (v) => (v ? 'ok' : 'MISSED')
  console.log('\nLive tail (one connection; 1 KB JSON messages)')
  console.log(`  scan with a filter          ${Math.round(r.scanPerSec).toLocaleString('en-US').padStart(9)} msg/s   target ≥ 20,000   ${ok(r.scanPerSec >= 20_000)}   (peers: 20 msg/s kafbat, ~1,000 lines/s VictoriaLogs tail)`)
  console.log(`  delivered, no filter        ${Math.round(r.deliverPerSec).toLocaleString('en-US').padStart(9)} msg/s   target ≥ 5,000    ${ok(r.deliverPerSec >= 5_000)}   (dropped for this client: ${r.deliverDropped})`)
  console.log(`  produce → client at 1k/s    p50 ${r.latencyP50} ms, p95 ${r.latencyP95} ms          target p95 < 500 ms ${ok(r.latencyP95 < 500)}`)
  const first = r.rss[0]
  const last = r.rss.at(-1)
  if (first === undefined || last === undefined) throw new Error('the 50-tail run took no RSS sample')
  const max = Math.max(...r.rss)
  console.log(`  50 tails × 2 min, server RSS: start ${mb(first)}, end ${mb(last)}, max ${mb(max)} (samples: ${r.rss.map(mb).join(' ')})`)
}
