// Issue 4 figures: live-tail scan rate with a filter, delivery rate without one, produce→client
// latency at 1,000 msg/s, and the server's memory under 50 concurrent tails for 2 minutes.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Admin, Producer } from '@platformatic/kafka'

const backlog = 200_000
const topic = 'bench-tail'
const value = (i) => Buffer.from(JSON.stringify({ id: i, kind: i % 1000 === 0 ? 'needle' : 'order', pad: 'x'.repeat(940) }))

/** A restarted bench broker with 10k partitions answers before it has elected every leader. */
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
    const have = offsets[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0)
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

function startServerProcess(entry, env) {
  return new Promise((resolve, reject) => {
    const code = `const { runLocalMode } = await import(${JSON.stringify(entry)}); const app = await runLocalMode(); console.log(JSON.stringify({ url: app.url, token: app.token }));`
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.once('data', (line) => resolve({ child, ...JSON.parse(String(line)) }))
    child.once('error', reject)
  })
}

/** Reads SSE events until `done(counters)`; returns the counters and elapsed ms. */
async function consume(url, headers, done, onMessage) {
  const controller = new AbortController()
  const started = performance.now()
  const counters = { messages: 0, stats: null }
  const response = await fetch(url, { headers, signal: controller.signal })
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

const rssOf = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024

export async function benchTail({ brokers, env, serverEntry, log }) {
  await ensureBacklog(brokers, log)
  const server = await startServerProcess(serverEntry, env)
  const headers = { authorization: `Bearer ${server.token}` }
  const tailUrl = (q = '') => `${server.url}/api/clusters/local/topics/${topic}/tail?${q}`
  const results = {}
  try {
    const scan = await consume(tailUrl('q=needle'), { ...headers, 'last-event-id': fromStart }, (c) => (c.stats?.scanned ?? 0) >= backlog)
    results.scanPerSec = scan.stats.scanned / (scan.ms / 1000)
    results.scanMatched = scan.stats.matched
    const deliver = await consume(tailUrl(), { ...headers, 'last-event-id': fromStart }, (c) => c.messages >= 100_000)
    results.deliverPerSec = deliver.messages / (deliver.ms / 1000)
    results.deliverDropped = deliver.stats?.dropped ?? 0
    log('scan and delivery measured')

    // Latency: 1,000 msg/s for 10 s, each carrying its send time.
    const producer = new Producer({ clientId: 'bench-latency', bootstrapBrokers: brokers, acks: 1 })
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
    results.latencyP50 = latencies[Math.floor(latencies.length * 0.5)]
    results.latencyP95 = latencies[Math.floor(latencies.length * 0.95)]
    log('latency measured')

    // 50 tails for 2 minutes with 100 msg/s flowing; the server's RSS sampled every 10 s.
    const stopAt = Date.now() + 120_000
    const tails = Array.from({ length: 50 }, () => consume(tailUrl(), headers, () => Date.now() > stopAt))
    const steady = new Producer({ clientId: 'bench-steady', bootstrapBrokers: brokers, acks: 1 })
    const rss = []
    while (Date.now() < stopAt) {
      await steady.send({ messages: Array.from({ length: 10 }, (_, i) => ({ topic, partition: i % 4, value: value(i) })) })
      if (rss.length === 0 || Date.now() - rss.at(-1).at >= 10_000) rss.push({ at: Date.now(), bytes: rssOf(server.child.pid) })
      await new Promise((r) => setTimeout(r, 100))
    }
    await Promise.all(tails)
    await steady.close()
    results.rss = rss.map((s) => s.bytes)
  } finally {
    server.child.kill('SIGTERM')
  }
  return results
}

export function printTail(r) {
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`
  const ok = (v) => (v ? 'ok' : 'MISSED')
  console.log('\nLive tail (one connection; 1 KB JSON messages)')
  console.log(`  scan with a filter          ${Math.round(r.scanPerSec).toLocaleString('en-US').padStart(9)} msg/s   target ≥ 20,000   ${ok(r.scanPerSec >= 20_000)}   (peers: 20 msg/s kafbat, ~1,000 lines/s VictoriaLogs tail)`)
  console.log(`  delivered, no filter        ${Math.round(r.deliverPerSec).toLocaleString('en-US').padStart(9)} msg/s   target ≥ 5,000    ${ok(r.deliverPerSec >= 5_000)}   (dropped for this client: ${r.deliverDropped})`)
  console.log(`  produce → client at 1k/s    p50 ${r.latencyP50} ms, p95 ${r.latencyP95} ms          target p95 < 500 ms ${ok(r.latencyP95 < 500)}`)
  const first = r.rss[0]
  const last = r.rss.at(-1)
  const max = Math.max(...r.rss)
  console.log(`  50 tails × 2 min, server RSS: start ${mb(first)}, end ${mb(last)}, max ${mb(max)} (samples: ${r.rss.map(mb).join(' ')})`)
}
