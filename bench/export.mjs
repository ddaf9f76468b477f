// Issue 12: exports stream. 200,000 small records exported from local mode in a process of its
// own, its JavaScript heap capped at 96 MB (the whole server: a buffered export would not fit), at
// full speed and to a reader that takes a chunk every 50 ms; its RSS sampled every 100 ms.
import { readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { Admin, Producer } from '@platformatic/kafka'

const topic = 'bench-export'
const records = 200_000
const heapCapMb = 96
/** @typedef {(message: string) => void} Log */
/** @typedef {{ label: string, rows: number, expected: number | undefined, bytes: number, ms: number, baseline: number, peak: number }} ExportRun */

/** @param {number | undefined} pid */
function rssOf(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}

/**
 * Local mode in a process of its own, so its memory can be read apart from the bench's.
 * @param {string} entry the local-mode bundle
 * @param {Record<string, string>} env
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, token: string }>}
 */
function startServerProcess(entry, env) {
  return new Promise((resolve, reject) => {
    const code = `const { runLocalMode } = await import(${JSON.stringify(entry)}); const app = await runLocalMode(); process.send({ url: app.url, token: app.token });`
    const child = spawn(process.execPath, [`--max-old-space-size=${heapCapMb}`, '--input-type=module', '-e', code], { env: { ...process.env, ...env, PORT: '0', KAFKA_PLUS_INDEXER: 'off' }, stdio: ['ignore', 2, 'inherit', 'ipc'] })
    child.once('message', (/** @type {{ url: string, token: string }} */ address) => resolve({ child, ...address }))
    child.once('error', reject)
    child.once('exit', (status) => reject(new Error(`the local server exited (${status}) before it listened`)))
  })
}

/** The topic, made once and kept between runs (with its records). @param {string[]} brokers */
async function ensureTopic(brokers) {
  const admin = new Admin({ clientId: 'bench-export', bootstrapBrokers: brokers })
  try {
    if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [topic], partitions: 4, replicas: 1 })
  } finally {
    await admin.close()
  }
}

/**
 * Produces the records unless the topic already has them (counted through the export itself).
 * @param {string[]} brokers @param {string} url @param {Record<string, string>} headers @param {Log} log
 */
async function fill(brokers, url, headers, log) {
  const counted = await runExport(`${url}&limit=1000000`, headers, 0, () => 0)
  if (counted.rows >= records) return
  const producer = new Producer({ clientId: 'bench-export', bootstrapBrokers: brokers, acks: -1 })
  try {
    for (let i = counted.rows; i < records; i += 2_000) {
      await producer.send({ messages: Array.from({ length: Math.min(2_000, records - i) }, (_, j) => ({ topic, key: Buffer.from(`k${i + j}`), value: Buffer.from(JSON.stringify({ id: i + j, kind: 'order', note: 'a, "quoted" value' })), partition: (i + j) % 4 })) })
    }
  } finally {
    await producer.close()
  }
  log(`produced ${records - counted.rows} records`)
}

/**
 * Reads one export to its end (or `maxMs`), pausing `pauseMs` after each chunk, sampling RSS.
 * @param {string} url @param {Record<string, string>} headers @param {number} pauseMs @param {() => number} sample
 * @param {number} [maxMs]
 */
async function runExport(url, headers, pauseMs, sample, maxMs = Number.POSITIVE_INFINITY) {
  const started = performance.now()
  const controller = new AbortController()
  const response = await fetch(url, { headers, signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  let rows = 0
  let bytes = 0
  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, sample())), 100)
  try {
    for await (const chunk of response.body) {
      bytes += chunk.byteLength
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs))
      if (performance.now() - started > maxMs) break
    }
  } finally {
    clearInterval(sampler)
    controller.abort()
  }
  return { rows, bytes, ms: performance.now() - started, peak: Math.max(peak, sample()) }
}

/**
 * @param {{ brokers: string[], env: Record<string, string>, serverEntry: string, log: Log }} options
 * @returns {Promise<ExportRun[]>}
 */
export async function benchExport({ brokers, env, serverEntry, log }) {
  await ensureTopic(brokers)
  const server = await startServerProcess(serverEntry, env)
  try {
    const headers = { authorization: `Bearer ${server.token}` }
    const url = `${server.url}/api/clusters/local/topics/${topic}/export?format=ndjson&offset=0`
    await fill(brokers, url, headers, log)
    const sample = () => rssOf(server.child.pid)
    /** @type {ExportRun[]} */
    const runs = []
    // Lines expected at full speed (CSV: and its header); the slow reader stops after 20 s.
    for (const [label, path, pauseMs, maxMs, expected] of /** @type {[string, string, number, number, number | undefined][]} */ ([
      ['NDJSON, full speed', `${url}&limit=1000000`, 0, Number.POSITIVE_INFINITY, records],
      ['CSV, full speed', `${url.replace('format=ndjson', 'format=csv')}&limit=1000000`, 0, Number.POSITIVE_INFINITY, records + 1],
      ['NDJSON, slow reader (20 s)', `${url}&limit=1000000`, 50, 20_000, undefined],
    ])) {
      const baseline = sample()
      const run = await runExport(path, headers, pauseMs, sample, maxMs)
      runs.push({ label, ...run, expected, baseline })
      log(`${label}: ${run.rows} rows`)
    }
    return runs
  } finally {
    server.child.kill('SIGTERM')
  }
}

/** @param {ExportRun[]} runs */
export function printExport(runs) {
  /** @param {number} b */
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`
  console.log(`\nExport streaming (${records.toLocaleString('en')} records of ~80 B on 4 partitions; server heap capped at ${heapCapMb} MB, RSS sampled every 100 ms)`)
  for (const r of runs) {
    const growth = r.peak - r.baseline
    console.log(`  ${r.label.padEnd(27)} ${r.rows.toLocaleString('en').padStart(9)} rows  ${mb(r.bytes).padStart(7)}  ${(r.bytes / 1024 / 1024 / (r.ms / 1000)).toFixed(1).padStart(6)} MB/s   RSS growth ${mb(growth).padStart(6)} (peak ${mb(r.peak)})   ${r.expected === undefined ? 'stopped by the reader' : r.rows === r.expected ? 'complete within the heap cap: ok' : `INCOMPLETE (${r.expected} lines expected)`}`)
  }
}
