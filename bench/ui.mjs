// Issue 14 (5): UI figures in Chromium (playwright-core driving /usr/bin/chromium, as the browser
// tests do). (1) The Messages page during a 5,000 msg/s live tail: messages rendered per second
// (the page's own counter, window.__kafkaPlusTail) and the main thread's idle share (Chrome's
// TaskDuration over wall time, through CDP Performance.getMetrics). (2) The topic list of the
// scale cluster (bench/scale.mjs: 40,000 partitions in 3,901 topics), every page loaded, scrolled
// top to bottom: frame times from requestAnimationFrame.
import { loadavg } from 'node:os'
import { cpuTimes, settle } from './machine.mjs'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { Admin, Producer } from '@platformatic/kafka'
import { chromium } from 'playwright-core'

/** @typedef {(message: string) => void} Log */
/** @typedef {import('../scripts/lib/build.mjs').LocalApp} LocalApp */

const tailTopic = 'bench-ui-tail'
const tailPartitions = 4
const targetRate = 5_000
const tailSeconds = 20
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')

/** @type {(sorted: number[], p: number) => number} */
const percentile = (sorted, p) => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  if (value === undefined) throw new Error('no samples')
  return value
}

/** ~300-byte JSON messages, as an application would log them. @param {number} i */
const message = (i) => Buffer.from(JSON.stringify({ id: i, level: i % 50 === 0 ? 'warn' : 'info', service: `svc-${i % 13}`, msg: `request ${i} served`, ms: i % 250, pad: 'x'.repeat(180) }))

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/**
 * @param {import('playwright-core').Page} page
 * @param {LocalApp} app
 */
async function signIn(page, app) {
  await page.goto(`${app.url}/login`)
  await page.getByLabel('Access token').fill(app.token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/c\/[^/]+\/overview$/)
}

/** Frame intervals from requestAnimationFrame, collected in the page until stopFrames(). */
const startFrames = () => {
  const w = /** @type {Window & { __benchFrames?: number[], __benchFramesOn?: boolean }} */ (window)
  w.__benchFrames = []
  w.__benchFramesOn = true
  let last = performance.now()
  const tick = (/** @type {number} */ now) => {
    w.__benchFrames?.push(now - last)
    last = now
    if (w.__benchFramesOn) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}
const stopFrames = () => {
  const w = /** @type {Window & { __benchFrames?: number[], __benchFramesOn?: boolean }} */ (window)
  w.__benchFramesOn = false
  return w.__benchFrames ?? []
}

/** @param {number[]} frames */
function frameFigures(frames) {
  const sorted = [...frames].sort((a, b) => a - b)
  // A frame longer than 1.5 vsync intervals means at least one was dropped.
  return {
    frames: frames.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0, dropped: frames.filter((f) => f > 25).length,
    // Where in the run the long frames fell (frame number: ms), to tell a start-up cost from jank.
    long: frames.flatMap((f, i) => (f > 25 ? [`#${i + 1}: ${f.toFixed(0)}`] : [])).slice(0, 10),
  }
}

/** Chrome's main-thread busy time (TaskDuration, seconds) through CDP. @param {import('playwright-core').CDPSession} cdp */
async function taskSeconds(cdp) {
  const { metrics } = /** @type {{ metrics: { name: string, value: number }[] }} */ (await cdp.send('Performance.getMetrics'))
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0
}

/**
 * With KAFKA_PLUS_BENCH_PROFILE=<dir>, the measured window runs under Chrome's CPU profiler
 * (CDP Profiler): the profile goes to <dir>/ui-<part>.cpuprofile (open it in DevTools) and the
 * functions with the most self time are logged, to show where the page spends its frames.
 * @param {import('playwright-core').CDPSession} cdp
 */
async function startProfile(cdp) {
  const dir = process.env.KAFKA_PLUS_BENCH_PROFILE
  if (!dir) return { stop: async (/** @type {string} */ _part, /** @type {Log} */ _log) => {} }
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  return {
    stop: async (/** @type {string} */ part, /** @type {Log} */ log) => {
      const { profile } = /** @type {{ profile: { nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }[], samples?: number[], timeDeltas?: number[] } }} */ (await cdp.send('Profiler.stop'))
      const { writeFile, mkdir } = await import('node:fs/promises')
      await mkdir(dir, { recursive: true })
      const file = `${dir}/ui-${part}.cpuprofile`
      await writeFile(file, JSON.stringify(profile))
      /** @type {Map<number, number>} */
      const selfMs = new Map()
      const samples = profile.samples ?? []
      const deltas = profile.timeDeltas ?? []
      samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[i] ?? 0) / 1000))
      /** @type {Map<string, number>} */
      const byFunction = new Map()
      for (const node of profile.nodes) {
        const { functionName, url, lineNumber } = node.callFrame
        const name = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`
        byFunction.set(name, (byFunction.get(name) ?? 0) + (selfMs.get(node.id) ?? 0))
      }
      const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)
      log(`profile of ${part} (${file}), self time:\n${top.map(([name, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${name}`).join('\n')}`)
    },
  }
}

/**
 * @param {string[]} brokers
 */
async function ensureTailTopic(brokers) {
  const admin = new Admin({ clientId: 'bench-ui', bootstrapBrokers: brokers })
  try {
    if (!(await admin.listTopics()).includes(tailTopic)) await admin.createTopics({ topics: [tailTopic], partitions: tailPartitions, replicas: 1 })
  } finally {
    await admin.close()
  }
}

/**
 * Produces `rate` messages a second (in 20 slices a second) for `seconds`, up to 16 sends in
 * flight, so one slow acknowledgement does not hold the rate down; returns what was sent.
 * @param {Producer} producer
 * @param {number} rate messages per second
 * @param {number} seconds
 */
async function produceAt(producer, rate, seconds) {
  const slice = rate / 20
  const started = performance.now()
  let sent = 0
  /** @type {Promise<unknown>[]} */
  const inFlight = []
  for (let tick = 0; tick < seconds * 20; tick++) {
    const from = sent
    inFlight.push(producer.send({ messages: Array.from({ length: slice }, (_, i) => ({ topic: tailTopic, partition: (from + i) % tailPartitions, value: message(from + i) })) }))
    sent += slice
    if (inFlight.length >= 16) await inFlight.shift()
    const due = started + (tick + 1) * 50
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())))
  }
  await Promise.all(inFlight)
  return { sent, seconds: (performance.now() - started) / 1000 }
}

/**
 * The producer on a thread of its own (the bench drives Chromium on this one). It connects first
 * and says so; `go()` then starts the measured traffic, whose result `done` brings.
 * @param {string[]} brokers
 * @param {number} rate
 * @param {number} seconds
 */
async function producerThread(brokers, rate, seconds) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { brokers, rate, seconds } })
  /** @type {Promise<{ sent: number, seconds: number }>} */
  const done = new Promise((resolve, reject) => {
    worker.on('message', (/** @type {{ sent?: number, seconds?: number }} */ m) => { if (m.sent !== undefined && m.seconds !== undefined) resolve({ sent: m.sent, seconds: m.seconds }) })
    worker.once('error', reject)
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`the producer thread exited with ${code}`)) })
  })
  await new Promise((resolve, reject) => {
    worker.on('message', (/** @type {{ ready?: boolean }} */ m) => { if (m.ready) resolve(undefined) })
    worker.once('error', reject)
  })
  return { go: () => worker.postMessage('go'), done }
}

if (!isMainThread && parentPort) {
  const port = parentPort
  const { brokers, rate, seconds } = /** @type {{ brokers: string[], rate: number, seconds: number }} */ (workerData)
  const producer = new Producer({ clientId: 'bench-ui', bootstrapBrokers: brokers, acks: 1, compression: 'none' })
  await produceAt(producer, 100, 1) // connected, leaders known: the measured window has no start-up in it
  port.postMessage({ ready: true })
  await new Promise((resolve) => port.once('message', resolve))
  const result = await produceAt(producer, rate, seconds)
  await producer.close()
  port.postMessage(result)
}

/**
 * @param {{ app: LocalApp, brokers: string[], log: Log }} options
 */
async function benchTailPage({ app, brokers, log }) {
  await ensureTailTopic(brokers)
  const browser = await launch()
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await signIn(page, app)
    await page.goto(`${app.url}/c/local/messages?topic=${tailTopic}`)
    await page.getByRole('radio', { name: 'Live tail' }).check()
    await page.getByRole('button', { name: 'Start' }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="tail-status"]')?.getAttribute('data-status') === 'live', undefined, { timeout: 30_000 })
    // Positions are taken at the first stats event: wait for it so nothing produced is missed.
    await page.waitForFunction(() => !(document.querySelector('[data-testid="tail-stats"]')?.textContent ?? '—').includes('—'), undefined, { timeout: 30_000 })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    // Two seconds of warm-up traffic, then the measured window.
    const warm = await producerThread(brokers, targetRate, 2)
    warm.go()
    await warm.done
    const traffic = await producerThread(brokers, targetRate, tailSeconds)
    const renderedBefore = await page.evaluate(() => window.__kafkaPlusTail?.rendered ?? 0)
    const busyBefore = await taskSeconds(cdp)
    await page.evaluate(startFrames)
    const profiling = await startProfile(cdp)
    const wallStarted = performance.now()
    traffic.go()
    const produced = await traffic.done
    await profiling.stop('tail', log)
    const wall = (performance.now() - wallStarted) / 1000
    const busy = (await taskSeconds(cdp)) - busyBefore
    const rendered = (await page.evaluate(() => window.__kafkaPlusTail?.rendered ?? 0)) - renderedBefore
    const frames = frameFigures(await page.evaluate(stopFrames))
    const dropped = await page.getByTestId('tail-stats').textContent()
    log(`tail page: ${rendered} rendered of ${produced.sent} produced in ${wall.toFixed(1)} s; main thread busy ${busy.toFixed(1)} s`)
    return {
      producedRate: produced.sent / produced.seconds,
      // Over the producer's own window: the wall time here also holds the producer thread's start and
      // its answer, which under load is half a second the page had nothing to render in.
      renderedRate: rendered / produced.seconds,
      renderedShare: rendered / produced.sent,
      wall,
      idleShare: Math.max(0, 1 - busy / wall),
      frames,
      stats: (dropped ?? '').replace(/\s+/g, ' ').trim(),
      load: load(),
    }
  } finally {
    await browser.close()
  }
}

/**
 * @param {{ app: LocalApp, cluster: string, log: Log }} options
 */
async function benchTopicScroll({ app, cluster, log }) {
  const browser = await launch()
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await signIn(page, app)
    await page.goto(`${app.url}/c/${cluster}/topics`)
    const table = page.getByLabel('Topics list')
    await page.locator('[data-topic]').first().waitFor({ timeout: 60_000 })
    // Every page of the list (200 topics each), as a user pressing "Load more" would.
    const more = page.getByRole('button', { name: /load more/i })
    const rowCount = async () => Number(await table.locator('table').getAttribute('aria-rowcount')) - 1
    for (let i = 0; i < 100 && await more.isVisible().catch(() => false); i++) {
      const before = await rowCount()
      await more.click()
      await page.waitForFunction((n) => Number(document.querySelector('table.virtual-table')?.getAttribute('aria-rowcount')) - 1 > n, before, { timeout: 60_000 })
    }
    const rows = await rowCount()
    log(`topic list: ${rows} rows loaded`)
    // The scale cluster's three brokers load 40,000 partitions when they start.
    await settle(log, 'topic list scroll')
    const cpuBefore = await cpuTimes()
    await page.evaluate(startFrames)
    const cdp = await page.context().newCDPSession(page)
    const profiling = await startProfile(cdp)
    // Scroll top to bottom in wheel steps, one per frame's worth of time, like a fast trackpad.
    await table.hover()
    const steps = 400
    for (let i = 0; i < steps; i++) {
      await page.mouse.wheel(0, 240)
      await new Promise((r) => setTimeout(r, 16))
    }
    await profiling.stop('scroll', log)
    const frames = frameFigures(await page.evaluate(stopFrames))
    const cpuAfter = await cpuTimes()
    const reachedEnd = await table.evaluate((el) => Math.ceil(el.scrollTop + el.clientHeight) >= el.scrollHeight - 2 || el.scrollTop > 0)
    // The whole machine's busy share while scrolling (Chromium, the server and the idle brokers).
    const machineBusy = (cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total)
    return { rows, steps, frames, reachedEnd, load: load(), machineBusy }
  } finally {
    await browser.close()
  }
}

/**
 * @param {{ brokers: string[], startServer: (clusters: string | undefined) => Promise<LocalApp>, scale: { bootstrap: string[], start: (log: Log) => Promise<number[]>, stop: (nodes: number[]) => Promise<void> }, log: Log }} options
 */
export async function benchUi({ brokers, startServer, scale, log }) {
  // KAFKA_PLUS_BENCH_UI=tail|scroll runs one part only (while working on it).
  const part = process.env.KAFKA_PLUS_BENCH_UI
  let tail
  if (part !== 'scroll') {
    const tailApp = await startServer(undefined)
    try {
      tail = await benchTailPage({ app: tailApp, brokers, log })
    } finally {
      await tailApp.close()
    }
  }
  if (part === 'tail') return { tail, scroll: undefined }
  const started = await scale.start(log)
  let scroll
  try {
    const app = await startServer(JSON.stringify([{ id: 'scale', brokers: scale.bootstrap }]))
    try {
      scroll = await benchTopicScroll({ app, cluster: 'scale', log })
    } finally {
      await app.close()
    }
  } finally {
    await scale.stop(started)
  }
  return { tail, scroll }
}

/** @param {Awaited<ReturnType<typeof benchUi>>} r */
export function printUi({ tail, scroll }) {
  /** @param {boolean} v */
  const ok = (v) => (v ? 'ok' : 'MISSED')
  /** @param {{ p50: number, p95: number, max: number, frames: number, dropped: number }} f */
  const frames = (f) => `frames p50 ${f.p50.toFixed(1)} / p95 ${f.p95.toFixed(1)} / max ${f.max.toFixed(0)} ms, ${f.dropped} of ${f.frames} over 25 ms`
  console.log('\nUI in Chromium (headless, software rendering)')
  if (tail) {
    console.log(`  Messages page, live tail at ${Math.round(tail.producedRate).toLocaleString('en-US')} msg/s produced (load ${tail.load})`)
    console.log(`    rendered            ${Math.round(tail.renderedRate).toLocaleString('en-US').padStart(7)} msg/s   target ≥ ${targetRate.toLocaleString('en-US')}   ${ok(tail.renderedRate >= targetRate * 0.98)}   (${(tail.renderedShare * 100).toFixed(1)} % of what was produced, by ${tail.wall.toFixed(1)} s wall)`)
    console.log(`    main thread idle    ${(tail.idleShare * 100).toFixed(0).padStart(7)} %       target ≥ 30 %     ${ok(tail.idleShare >= 0.3)}`)
    console.log(`    ${frames(tail.frames)}   (page: ${tail.stats})`)
  }
  if (scroll) {
    console.log(`  Topic list of the scale cluster, ${scroll.rows.toLocaleString('en-US')} topics (40,000 partitions), scrolled in ${scroll.steps} wheel steps (load ${scroll.load}; machine ${(scroll.machineBusy * 100).toFixed(0)} % busy while scrolling)`)
    console.log(`    ${frames(scroll.frames)}   target: no dropped frames   ${ok(scroll.frames.dropped === 0)}${scroll.reachedEnd ? '' : '  (did not scroll!)'}`)
    if (scroll.frames.long.length > 0) console.log(`    frames over 25 ms (number: ms): ${scroll.frames.long.join(', ')}`)
  }
}

/**
 * Local mode in a process of its own (as a deployment runs it), so the server streaming the tail
 * does not share a thread with the bench driving Chromium.
 * @param {string} entry the local-mode bundle's URL
 * @param {string} webRoot
 * @param {Record<string, string>} env
 * @returns {Promise<LocalApp>}
 */
async function serverProcess(entry, webRoot, env) {
  const { spawn } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    const code = `const { runLocalMode } = await import(${JSON.stringify(entry)}); const app = await runLocalMode({ webRoot: ${JSON.stringify(webRoot)} }); process.send({ url: app.url, token: app.token });`
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...env }, stdio: ['ignore', 2, 'inherit', 'ipc'] })
    child.once('message', (/** @type {{ url: string, token: string }} */ address) => resolve(/** @type {LocalApp} */ (/** @type {unknown} */ ({
      ...address,
      close: () => new Promise((done) => { child.once('exit', () => done(undefined)); child.kill('SIGTERM') }),
    }))))
    child.once('error', reject)
    child.once('exit', (status) => reject(new Error(`the local server exited (${status}) before it listened`)))
  })
}

/**
 * The glue bench/run.mjs calls.
 * @param {{ benchHome: string, env: Record<string, string>, bundleServer: (entry: string, out: string) => Promise<string>, log: Log }} options
 */
export async function runUi({ benchHome, env, bundleServer, log }) {
  const { join } = await import('node:path')
  const { pathToFileURL } = await import('node:url')
  const { buildWebIfNeeded, webRoot } = await import('../scripts/lib/build.mjs')
  const { scaleCluster } = await import('./scale-broker.mjs')
  await buildWebIfNeeded()
  const entry = pathToFileURL(await bundleServer('functions/local/main.ts', 'dist/bench/local-main.mjs')).href
  /** @param {string | undefined} clusters */
  const startServer = (clusters) => serverProcess(entry, webRoot, { ...env, PORT: '0', KAFKA_PLUS_INDEXER: 'off', ...(clusters ? { KAFKA_PLUS_CLUSTERS: clusters } : {}) })
  const scale = scaleCluster({ home: join(benchHome, '..', 'bench-scale'), basePort: Number(process.env.KAFKA_PLUS_SCALE_PORT ?? 19290) })
  printUi(await benchUi({ brokers: [env.KAFKA_BROKERS ?? ''], startServer, scale, log }))
}
